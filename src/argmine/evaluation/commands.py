"""The ``argmine evaluate essays`` and ``argmine evaluate student-essays`` commands.

The command line registers these functions (``evaluate_app.command("essays")(...)``); they
parse with the bundled Stanza model so that figures do not depend on what is installed.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from argmine.errors import ArgmineError

EXIT_INPUT = 2


class SplitChoice(enum.StrEnum):
    TEST = "test"
    TRAIN = "train"
    ALL = "all"


def _print_or_fail(work: Callable[[], str]) -> None:
    try:
        typer.echo(work())
    except ArgmineError as error:
        typer.echo(f"argmine: error: {error}", err=True)
        raise typer.Exit(EXIT_INPUT) from None


def evaluate_essays_command(
    path: Annotated[
        Path,
        typer.Option(
            "--path", help="A folder of essayNNN.txt + essayNNN.ann (persuasive-essays brat)."
        ),
    ],
    split: Annotated[
        SplitChoice,
        typer.Option(
            "--split",
            help="With a train-test-split.csv in the folder: test, train or all essays "
            "(without one: all).",
        ),
    ] = SplitChoice.TEST,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Units, major claim, roles and relations end to end on brat essays (persuasive-essays
    format), from the raw text of each essay."""
    from argmine.evaluation.essays import evaluate_essays, format_essay_table
    from argmine.training.essays import SPLIT_FILE, EssaySplit

    def work() -> str:
        has_split = (path / SPLIT_FILE).is_file()
        chosen = None if split is SplitChoice.ALL or not has_split else EssaySplit(split.upper())
        results = evaluate_essays(path, chosen)
        return json.dumps(results, indent=2) if as_json else format_essay_table(results)

    _print_or_fail(work)


def evaluate_student_essays_command(
    corpora: Annotated[
        Path | None,
        typer.Option(
            "--corpora",
            help="The shared corpora folder (default: $ARGMINE_CORPORA or ../shared/corpora).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Thesis, claims and layout figures on the 20 development-annotated student essays."""
    from argmine.corpora import corpora_root
    from argmine.evaluation.student_essays import evaluate_student_essays, format_student_table

    folder = (corpora if corpora is not None else corpora_root()) / "student-essays"

    def work() -> str:
        results = evaluate_student_essays(folder)
        return json.dumps(results, indent=2) if as_json else format_student_table(results)

    _print_or_fail(work)
