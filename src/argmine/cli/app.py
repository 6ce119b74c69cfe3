"""The ``argmine`` Typer application, its command groups and the helpers every command shares.

Every :class:`~argmine.errors.ArgmineError` becomes ``argmine: error: <message>`` on stderr
and exit code 2 (:func:`fail`, :func:`guarded`), never a traceback.
"""

from __future__ import annotations

import enum
import gc
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from argmine.errors import ArgmineError

app = typer.Typer(
    name="argmine",
    help="Argument mining for English argumentative text (offline Stanza parses).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
train_app = typer.Typer(help="Train argmine's models on the shared corpora.", no_args_is_help=True)
evaluate_app = typer.Typer(
    help="Evaluate models on the corpora's standard protocols.", no_args_is_help=True
)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
EXIT_INPUT = 2


class ParserChoice(enum.StrEnum):
    AUTO = "auto"
    BUNDLED = "bundled"
    OFFICIAL = "official"


ParserOption = Annotated[
    ParserChoice,
    typer.Option(
        "--parser", help="Stanza models: official when installed (auto), bundled, official."
    ),
]
CorporaOption = Annotated[
    Path | None,
    typer.Option(
        "--corpora",
        help="The shared corpora folder (default: $ARGMINE_CORPORA or ../shared/corpora).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _version(value: bool) -> None:
    if value:
        from argmine import __version__

        typer.echo(f"argmine {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """argmine: argument units, relations and rhetorical moves from English text."""


def fail(message: str) -> typer.Exit:
    """Print ``argmine: error: message`` on stderr; raise the returned exit (code 2)."""
    typer.echo(f"argmine: error: {message}", err=True)
    return typer.Exit(EXIT_INPUT)


def guarded(work: Callable[[], str]) -> None:
    """Print what ``work`` returns, or its :class:`ArgmineError` as one error line."""
    try:
        typer.echo(work())
    except ArgmineError as error:
        raise fail(str(error)) from None


def corpus_dir(corpora: Path | None, name: str) -> Path:
    """The folder of corpus ``name`` under ``corpora`` (default: the shared corpora root);
    ``corpora`` may also be that corpus folder itself."""
    from argmine.training.corpora import corpora_root

    root = corpora if corpora is not None else corpora_root()
    folder = root / name if (root / name).is_dir() else root
    if not folder.is_dir():
        raise fail(f"{folder}: corpus folder not found (set --corpora or ARGMINE_CORPORA)")
    return folder


@contextmanager
def progress_bar(description: str) -> Iterator[tuple[Progress, TaskID]]:
    """A rich progress bar on stderr (hidden when stderr is not a terminal)."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not sys.stderr.isatty(),
        transient=True,
    ) as progress:
        yield progress, progress.add_task(description, total=None)


#: The first generation's threshold of the cyclic garbage collector while the command runs.
#: Loading Stanza and the models creates about a million objects that live until the end;
#: with Python's default (700) the collector walks them again and again while they load.
_COMMAND_GC_THRESHOLD = 50_000


def run() -> None:
    """Entry point that also turns an unexpected keyboard interrupt into a clean exit.

    A command is a short process that loads large models once, so it collects cyclic garbage
    less often, and at exit it freezes what is left instead of walking it all one last time:
    together about a second of a cold ``argmine analyze`` (``benchmarks/cold_start.py``).
    """
    gc.set_threshold(_COMMAND_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    finally:
        gc.freeze()
