"""``argmine train``: build argmine's models from the shared corpora."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from argmine.cli.app import (
    CorporaOption,
    ParserChoice,
    ParserOption,
    corpus_dir,
    guarded,
    train_app,
)
from argmine.cli.evaluate import MicrotextsPathOption


@train_app.command("moves")
def train_moves(
    corpora: CorporaOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Model file.")] = None,
) -> None:
    """Train the discourse-marker sense classifier on GUM train+dev (the bundled model)."""
    from argmine.training.senses import train_default

    gum = corpus_dir(corpora, "gum-discourse")
    guarded(
        lambda: "\n".join(f"{key}: {value}" for key, value in train_default(gum, output).items())
    )


@train_app.command("microtexts")
def train_microtexts_command(
    path: MicrotextsPathOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model file (default: the bundled one).")
    ] = None,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Train the argument-structure model on all arg-microtexts (makes the bundled model)."""
    from argmine.training.structure import train_microtexts

    guarded(lambda: f"saved {train_microtexts(path, output, parser=parser.value)}")


@train_app.command("abstrct")
def train_abstrct_command(
    corpora: CorporaOption = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Model file (default: $ARGMINE_HOME/models/abstrct.skops)."
        ),
    ] = None,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Train the AbstRCT component and relation models on neoplasm train (dev selects)."""
    from argmine.training.abstrct import train_abstrct

    folder = corpus_dir(corpora, "abstrct")
    guarded(lambda: f"saved {train_abstrct(folder, output, parser=parser.value)}")


@train_app.command("parser")
def train_parser_command(
    corpora: CorporaOption = None,
    work: Annotated[
        Path | None,
        typer.Option("--work", help="Working folder (default: $ARGMINE_HOME/build/parser)."),
    ] = None,
    stage: Annotated[
        Literal["all", "prepare", "train", "export"], typer.Option("--stage", help="What to run.")
    ] = "all",
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="Train just this model (repeat the option; e.g. to resume)."),
    ] = None,
    parser_tags: Annotated[
        Literal["gold", "predicted"],
        typer.Option(
            "--parser-tags",
            help="Tags the parser trains on (default gold, as for the bundled model).",
        ),
    ] = "gold",
) -> None:
    """Train the compact offline Stanza pipeline from UD EWT and GUM (see docs/parser.md) and
    export it into the package."""
    from argmine import paths
    from argmine.training import parser as parser_training
    from argmine.training.corpora import corpora_root

    unknown = sorted(set(only or ()) - set(parser_training.STEPS))
    if unknown:
        raise typer.BadParameter(
            f"unknown step(s) {', '.join(unknown)}; "
            f"choose from {', '.join(sorted(parser_training.STEPS))}",
            param_hint="--only",
        )
    parser_training.train_pipeline(
        corpora if corpora is not None else corpora_root(),
        work if work is not None else paths.build_dir() / "parser",
        stage=stage,
        only=only or (),
        parser_tags=parser_tags,
    )


@train_app.command("concession")
def train_concession_command(
    corpora: CorporaOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Model file.")] = None,
) -> None:
    """Train the contrast-or-concession model on GUM train+dev explicit relations (bundled)."""
    from argmine.training.concession import train_concession

    gum = corpus_dir(corpora, "gum-discourse")
    guarded(
        lambda: "\n".join(f"{key}: {value}" for key, value in train_concession(gum, output).items())
    )


#: The options the transcript models' train commands share.
ModelOutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Model file (default: the bundled one).")
]
DebateLimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, help="Only the first N train debates (by number)."),
]
Progress = Callable[[str], None]


def _elecdeb_training(
    corpora: Path | None,
    grid: Callable[[Path, Progress], Iterable[Mapping[str, Any]]] | None,
    train: Callable[[Path, Progress], Mapping[str, Any]],
) -> None:
    """Train a transcript model on ElecDeb60to20 and print its dev figures, or with ``grid``
    (``--tune``) print the dev figures of every candidate as JSON lines; progress goes to
    stderr."""
    import json

    folder = corpus_dir(corpora, "elecdeb60to20")

    def say(line: str) -> None:
        typer.echo(line, err=True)

    def work() -> str:
        if grid is not None:
            return "\n".join(json.dumps(row) for row in grid(folder, say))
        return "\n".join(f"{key}: {value}" for key, value in train(folder, say).items())

    guarded(work)


@train_app.command("units")
def train_units_command(
    corpora: CorporaOption = None,
    output: ModelOutputOption = None,
    limit: DebateLimitOption = None,
    tune: Annotated[
        bool, typer.Option("--tune", help="Print the dev grid of C x threshold; save nothing.")
    ] = False,
) -> None:
    """Train the argumentative-unit filter on ElecDeb60to20 train debates (1960-2004) and
    score it on dev (2008); parses are cached, a first run parses each debate for minutes."""
    from argmine.training.corpora.elecdeb import ElecdebSplit
    from argmine.training.units import split_segments, train_units, tune_units

    def grid(folder: Path, say: Progress) -> list[dict[str, float]]:
        train = list(split_segments(folder, ElecdebSplit.TRAIN, limit=limit, progress=say))
        return tune_units(train, list(split_segments(folder, ElecdebSplit.DEV, progress=say)))

    _elecdeb_training(
        corpora,
        grid if tune else None,
        lambda folder, say: train_units(folder, output, limit=limit, progress=say),
    )


@train_app.command("roles")
def train_roles_command(
    corpora: CorporaOption = None,
    output: ModelOutputOption = None,
    limit: DebateLimitOption = None,
    tune: Annotated[
        bool, typer.Option("--tune", help="Print the dev grid of C x threshold; save nothing.")
    ] = False,
) -> None:
    """Train the claim-or-premise model of debate transcripts on ElecDeb60to20 train debates
    (1960-2004) and score it on dev (2008); parses are cached, a first run parses each
    debate for minutes."""
    from argmine.training.corpora.elecdeb import ElecdebSplit
    from argmine.training.roles import debate_roles, train_roles, tune_roles

    def grid(folder: Path, say: Progress) -> list[dict[str, float | str]]:
        train = list(debate_roles(folder, ElecdebSplit.TRAIN, limit=limit, progress=say))
        return tune_roles(train, list(debate_roles(folder, ElecdebSplit.DEV, progress=say)))

    _elecdeb_training(
        corpora,
        grid if tune else None,
        lambda folder, say: train_roles(folder, output, limit=limit, progress=say),
    )


@train_app.command("attachment")
def train_attachment_command(
    corpora: CorporaOption = None,
    output: ModelOutputOption = None,
    limit: DebateLimitOption = None,
    tune: Annotated[
        bool, typer.Option("--tune", help="Print the dev figures of every C; save nothing.")
    ] = False,
) -> None:
    """Train the turn-attachment model of transcripts on ElecDeb60to20 train debates
    (1960-2004) and score it end to end on dev (2008); parses are cached, a first run parses
    each debate for minutes."""
    from argmine.training.attachment import split_rows, train_attachment, tune_attachment
    from argmine.training.corpora.elecdeb import ElecdebSplit

    def grid(folder: Path, say: Progress) -> list[dict[str, float]]:
        train = list(split_rows(folder, ElecdebSplit.TRAIN, limit=limit, progress=say))
        return tune_attachment(folder, train, progress=say)

    _elecdeb_training(
        corpora,
        grid if tune else None,
        lambda folder, say: train_attachment(folder, output, limit=limit, progress=say),
    )
