"""analyze_many: results in input order, equal to analyze, in this process or in workers."""

from __future__ import annotations

from typing import Any

import pytest

import argmine
from argmine import batch
from argmine.errors import EmptyInputError, InputError, ModelNotFoundError
from argmine.types import Analysis

TEXTS = (
    "Cities should ban cars, because streets would be safer.",
    "But some people don't agree: they need them.",
)


@pytest.fixture(scope="module")
def expected() -> list[Analysis]:
    return [argmine.analyze(text, parser="bundled") for text in TEXTS]


def test_one_process_streams_results_in_order(expected: list[Analysis]) -> None:
    results = argmine.analyze_many(iter(TEXTS), batch_size=2, parser="bundled")
    assert not isinstance(results, list)
    assert list(results) == expected


def test_two_workers_keep_order_and_return_errors_in_place(expected: list[Analysis]) -> None:
    texts = [TEXTS[0], "  ", TEXTS[1], b"\x00binary"]
    results = list(
        argmine.analyze_many(texts, n_process=2, batch_size=1, parser="bundled", errors="return")
    )
    assert results[0] == expected[0]
    assert isinstance(results[1], EmptyInputError)
    assert results[2] == expected[1]
    assert isinstance(results[3], InputError)


def test_a_bad_text_raises_when_its_turn_comes(expected: list[Analysis]) -> None:
    results = argmine.analyze_many([TEXTS[0], "", TEXTS[1]], parser="bundled")
    assert next(results) == expected[0]
    with pytest.raises(EmptyInputError):
        next(results)


def test_progress_bar_leaves_results_alone(
    expected: list[Analysis], capsys: pytest.CaptureFixture[str]
) -> None:
    assert list(argmine.analyze_many(TEXTS, parser="bundled", progress=True)) == expected
    assert capsys.readouterr().out == ""


def test_missing_models_raise_even_when_errors_are_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(*_args: Any, **_kwargs: Any) -> Any:
        raise ModelNotFoundError("no models here")

    monkeypatch.setattr(batch, "load_pipeline", missing)
    with pytest.raises(ModelNotFoundError):
        list(argmine.analyze_many(TEXTS, errors="return"))


@pytest.mark.parametrize(
    "options",
    [{"n_process": 0}, {"batch_size": 0}, {"errors": "skip"}],
)
def test_bad_options_fail_at_the_call(options: dict[str, Any]) -> None:
    with pytest.raises(InputError):
        argmine.analyze_many(TEXTS, **options)


def test_one_string_is_not_taken_for_many_texts() -> None:
    with pytest.raises(InputError, match="for one text use analyze"):
        argmine.analyze_many(TEXTS[0])
