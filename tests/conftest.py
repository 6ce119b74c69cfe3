"""Shared fixtures: the corpora location (skip outside CI, fail in CI) and fixture texts."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from argmine.maps import ArgumentMap
from argmine.types import (
    Analysis,
    ArgumentUnit,
    Layout,
    LayoutKind,
    LayoutSpan,
    Paragraph,
    ParagraphPlace,
    Relation,
    RelationKind,
    Stance,
    UnitRole,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_TEXTS = sorted((ROOT / "fixtures" / "texts").glob("*.txt"))

settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")


def corpora_path() -> Path:
    configured = os.environ.get("ARGMINE_CORPORA")
    return Path(configured) if configured else ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The shared corpora; a missing folder skips the test, but fails it under CI=true."""
    path = corpora_path()
    if not path.is_dir():
        message = f"corpora not found at {path} (set ARGMINE_CORPORA)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def fixture_texts() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in FIXTURE_TEXTS}


@pytest.fixture(scope="session")
def fixture_analyses(fixture_texts: dict[str, str]) -> dict[str, Analysis]:
    """``argmine.analyze`` of every fixture text, computed once for the whole test run."""
    import argmine

    return {stem: argmine.analyze(text) for stem, text in fixture_texts.items()}


def require(module: str, extra: str) -> Any:
    """Import an optional dependency: skip without it, but fail under CI=true."""
    try:
        return importlib.import_module(module)
    except ImportError:
        message = f"{module} is not installed (pip install 'argmine[{extra}]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


#: Test modules that load no Stanza model (``pytest -m fast`` runs them in under a minute)...
FAST_MODULES = frozenset(
    {
        "test_abstrct_eval",
        "test_argdown_reference",
        "test_cli",
        "test_corpora",
        "test_export",
        "test_gum",
        "test_inputs",
        "test_lexicon",
        "test_runtime_imports",
        "test_maps",
        "test_mst",
        "test_parser_training",
        "test_report_browser",
        "test_segment",
        "test_structure_decoder",
        "test_types_properties",
    }
)
#: ... but for these tests in them, which analyse real texts.
NEEDS_STANZA = frozenset(
    {
        "test_argdown_reference::test_reference_reads_the_analysis_of_every_fixture_text",
        "test_cli::test_analyze_prints_the_contract",
        "test_cli::test_analyze_reports_moves",
        "test_cli::test_several_inputs_write_one_file_each_and_skip_bad_ones",
        "test_cli::test_stdin_and_conllu_output",
        "test_export::test_fixture_texts_end_to_end",
        "test_runtime_imports::test_an_analysis_loads_no_research_module",
        "test_runtime_imports::test_an_analysis_imports_neither_scikit_learn_nor_skops",
        "test_runtime_imports::test_the_stanza_pipeline_loads_without_torch_dynamo",
    }
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the fast tests (before ``-m`` selects), from the two lists above."""
    for item in items:
        module = item.path.stem
        name = getattr(item, "originalname", item.name)
        if module in FAST_MODULES and f"{module}::{name}" not in NEEDS_STANZA:
            item.add_marker(pytest.mark.fast)


def pytest_configure(config: pytest.Config) -> None:
    """Under ``-m fast`` building a Stanza pipeline fails the test (or fixture) that tries:
    the marker promises tests that need no Stanza model."""
    if config.getoption("markexpr") != "fast":
        return
    from argmine.parsing import pipeline

    def refuse(**_options: Any) -> Any:
        raise AssertionError("a test marked fast built a Stanza pipeline; unmark it")

    pipeline._construct = refuse  # for the whole fast run


@pytest.fixture
def debate_map() -> ArgumentMap:
    """Two speakers, one turn each, each turn a tree of its own (no central claim)."""
    text = (
        "SMITH: Taxes must fall. Families pay too much.\nJONES: Taxes must rise. We need schools."
    )
    jones = text.index("JONES")

    def unit(unit_id: str, words: str, role: UnitRole) -> ArgumentUnit:
        start = text.index(words)
        return ArgumentUnit(unit_id, start, start + len(words), words, role, Stance.PRO, 0.9)

    units = [
        unit("u1", "Taxes must fall.", UnitRole.CLAIM),
        unit("u2", "Families pay too much.", UnitRole.PREMISE),
        unit("u3", "Taxes must rise.", UnitRole.CLAIM),
        unit("u4", "We need schools.", UnitRole.CLAIM),
    ]
    relations = [Relation("r1", "u2", "u1", RelationKind.SUPPORT, 0.9)]
    relations.append(Relation("r2", "u4", "u3", RelationKind.SUPPORT, 0.9))
    layout = Layout(
        (LayoutSpan(0, 6, LayoutKind.SPEAKER), LayoutSpan(jones, jones + 6, LayoutKind.SPEAKER)),
        (
            Paragraph(0, jones - 1, ParagraphPlace.INTRODUCTION),
            Paragraph(jones, len(text), ParagraphPlace.CONCLUSION),
        ),
    )
    return ArgumentMap.from_analysis(Analysis(text, (), units, relations, layout=layout))
