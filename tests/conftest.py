"""Shared fixtures: the corpora location (skip outside CI, fail in CI) and fixture texts."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from argmine.types import Analysis

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


@pytest.fixture(autouse=True)
def _fast_tests_load_no_stanza_model(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A test marked ``fast`` fails if it builds a Stanza pipeline (the marker's promise)."""
    if request.node.get_closest_marker("fast") is None:
        return

    def refuse(**_options: Any) -> Any:
        raise AssertionError("a test marked fast built a Stanza pipeline; unmark it")

    monkeypatch.setattr("argmine.parsing.pipeline._construct", refuse)
