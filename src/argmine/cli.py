"""The ``argmine`` command line: parse and analyse files, one line per error, exit code 2.

Every :class:`~argmine.errors.ArgmineError` becomes ``argmine: error: <message>`` on stderr;
with several inputs a bad file is reported and skipped, the others are still written, and
the exit code is 2 at the end. Outputs are written atomically, so an interrupted run never
leaves a half-written file.
"""

from __future__ import annotations

import enum
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
from argmine.files import atomic_file
from argmine.inputs import decode, read_text_file
from argmine.types import Analysis
from argmine.web.cli import serve_command

app = typer.Typer(
    name="argmine",
    help="Argument mining for English argumentative text (offline Stanza parses).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
EXIT_INPUT = 2


class ParserChoice(enum.StrEnum):
    AUTO = "auto"
    BUNDLED = "bundled"
    OFFICIAL = "official"


class ParseFormat(enum.StrEnum):
    JSON = "json"
    CONLLU = "conllu"


class AnalyzeFormat(enum.StrEnum):
    JSON = "json"
    CONLLU = "conllu"
    AIF = "aif"
    ARGDOWN = "argdown"
    DOT = "dot"
    SVG = "svg"
    HTML = "html"


class RenderFormat(enum.StrEnum):
    SVG = "svg"
    HTML = "html"
    AIF = "aif"
    ARGDOWN = "argdown"
    DOT = "dot"


class InputFormat(enum.StrEnum):
    TEXT = "text"
    CONLLU = "conllu"


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
    typer.echo(f"argmine: error: {message}", err=True)
    return typer.Exit(EXIT_INPUT)


def _read(source: str) -> str:
    if source == "-":
        return decode(sys.stdin.buffer.read(), source="<stdin>")
    return read_text_file(source)


def _stem(source: str) -> str:
    return "stdin" if source == "-" else Path(source).stem


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    with atomic_file(output) as temporary:
        temporary.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _render(analysis: Analysis, output_format: str) -> str:
    if output_format == "conllu":
        from argmine.parsing import to_conllu

        return to_conllu(analysis.parsed)
    if output_format != "json":
        from datetime import datetime

        from argmine.export import ExportFormat, export
        from argmine.maps import ArgumentMap

        argument_map = ArgumentMap.from_analysis(analysis)
        now = datetime.now().replace(microsecond=0)
        return export(argument_map, ExportFormat(output_format), timestamp=now)
    from argmine.serialize import to_json

    return to_json(analysis)


def _analyse_source(source: str, input_format: InputFormat, parser: ParserChoice) -> Analysis:
    from argmine.analyzer import analyze, analyze_parsed

    text = _read(source)
    if input_format is InputFormat.CONLLU:
        from argmine.parsing import from_conllu

        return analyze_parsed(from_conllu(text))
    return analyze(text, parser=parser.value)


def _run(
    sources: list[str],
    output_format: str,
    output: Path | None,
    directory: Path | None,
    work: Callable[[str], Analysis],
) -> None:
    if output is not None and directory is not None:
        raise fail("give either -o/--output or -d/--output-dir, not both")
    if len(sources) > 1 and directory is None:
        raise fail("several inputs need -d/--output-dir (one output file per input)")
    if sources.count("-") > 1:
        raise fail("standard input ('-') can be read only once")
    failures = 0
    show_progress = len(sources) > 1 and sys.stderr.isatty()
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("analysing", total=len(sources))
        for source in sources:
            try:
                result = _render(work(source), output_format)
                target = directory / f"{_stem(source)}.{output_format}" if directory else output
                _write(result, target)
            except ArgmineError as error:
                failures += 1
                _report(progress, str(error))
            except OSError as error:
                failures += 1
                _report(progress, f"cannot write output: {error}")
            progress.advance(task)
    if failures:
        raise typer.Exit(EXIT_INPUT)


def _report(progress: Progress, message: str) -> None:
    """One error line on stderr, printed above the progress bar when one is shown."""
    if progress.live.is_started:
        progress.console.print(f"argmine: error: {message}", style="red", highlight=False)
    else:
        typer.echo(f"argmine: error: {message}", err=True)


ParserOption = Annotated[
    ParserChoice,
    typer.Option(
        "--parser", help="Stanza models: official when installed (auto), bundled, official."
    ),
]


@app.command("parse")
def parse_command(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    output_format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.JSON,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    parser: ParserOption = ParserChoice.AUTO,
) -> None:
    """Parse a text with Stanza: argmine/1 JSON (empty argument layers) or CoNLL-U."""
    from argmine.analyzer import analyze_parsed
    from argmine.parsing import parse

    _run(
        [source],
        output_format.value,
        output,
        None,
        lambda s: analyze_parsed(parse(_read(s), parser=parser.value)),
    )


@app.command("analyze")
def analyze_command(
    sources: Annotated[
        list[str], typer.Argument(help="UTF-8 text files, or - for standard input.")
    ],
    output_format: Annotated[AnalyzeFormat, typer.Option("--format", "-f")] = AnalyzeFormat.JSON,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (one input).")
    ] = None,
    directory: Annotated[
        Path | None,
        typer.Option("--output-dir", "-d", help="Write DIR/<input stem>.<format> per input."),
    ] = None,
    input_format: Annotated[
        InputFormat, typer.Option("--input-format", help="text, or CoNLL-U from any UD parser.")
    ] = InputFormat.TEXT,
    parser: ParserOption = ParserChoice.AUTO,
) -> None:
    """Analyse texts into argument units, relations and rhetorical moves (argmine/1 JSON).

    The other formats draw the argument map: AIF JSON, Argdown, Graphviz DOT, SVG, or an
    HTML report with the marked-up text, the map and feedback.
    """
    _run(
        sources,
        output_format.value,
        output,
        directory,
        lambda s: _analyse_source(s, input_format, parser),
    )


@app.command("render")
def render_command(
    source: Annotated[
        str, typer.Argument(help="A saved analysis (argmine/1 JSON, or AIF JSON), or -.")
    ],
    output_format: Annotated[RenderFormat, typer.Option("--format", "-f")] = RenderFormat.SVG,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """Draw a saved analysis as a map or report, without parsing the text again."""
    from argmine.export import read_map

    _run([source], output_format.value, output, None, lambda s: read_map(_read(s)).analysis)


app.command("serve")(serve_command)

train_app = typer.Typer(help="Train argmine's models on the shared corpora.", no_args_is_help=True)
evaluate_app = typer.Typer(
    help="Evaluate models on the corpora's standard protocols.", no_args_is_help=True
)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")
CorporaOption = Annotated[
    Path | None,
    typer.Option(
        "--corpora",
        help="The shared corpora folder (default: $ARGMINE_CORPORA or ../shared/corpora).",
    ),
]


def _corpus_dir(corpora: Path | None, name: str) -> Path:
    from argmine.corpora import corpora_root

    root = corpora if corpora is not None else corpora_root()
    folder = root / name if (root / name).is_dir() else root
    if not folder.is_dir():
        raise fail(f"{folder}: corpus folder not found (set --corpora or ARGMINE_CORPORA)")
    return folder


def _guarded(work: Callable[[], str]) -> None:
    try:
        typer.echo(work())
    except ArgmineError as error:
        raise fail(str(error)) from None


@train_app.command("moves")
def train_moves(
    corpora: CorporaOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Model file.")] = None,
) -> None:
    """Train the discourse-marker sense classifier on GUM train+dev (the bundled model)."""
    from argmine.moves import senses

    gum = _corpus_dir(corpora, "gum-discourse")
    _guarded(
        lambda: "\n".join(
            f"{key}: {value}" for key, value in senses.train_default(gum, output).items()
        )
    )


@evaluate_app.command("moves")
def evaluate_moves(
    corpora: CorporaOption = None,
    model: Annotated[
        Path | None, typer.Option("--model", help="Model file (default: bundled).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Per-kind P/R/F1 of the marker sense classifier on GUM test, next to the baseline."""
    import json

    from argmine.moves import senses

    gum = _corpus_dir(corpora, "gum-discourse")

    def work() -> str:
        results = senses.evaluate(gum, model)
        return json.dumps(results, indent=2) if as_json else senses.format_table(results)

    _guarded(work)


PathOption = Annotated[
    Path | None,
    typer.Option(
        "--path",
        help="The arg-microtexts folder, or a folder of arggraph XML files "
        "(default: $ARGMINE_CORPORA/arg-microtexts).",
    ),
]


@train_app.command("microtexts")
def train_microtexts_command(
    path: PathOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Model file (default: the bundled one).")
    ] = None,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Train the argument-structure model on all arg-microtexts (makes the bundled model)."""
    from argmine.structure.evaluate import train_microtexts

    _guarded(lambda: f"saved {train_microtexts(path, output, parser=parser.value)}")


@evaluate_app.command("microtexts")
def evaluate_microtexts_command(
    path: PathOption = None,
    protocol: Annotated[str, typer.Option("--protocol", help="Evaluation protocol.")] = "10x5",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Score a trained model ('default' = bundled, or a .skops file) on every text "
            "of --path instead of cross-validating.",
        ),
    ] = None,
    splits: Annotated[
        int | None, typer.Option("--splits", help="Run only the first N splits (a quick look).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """cc/ro/fu/at macro-F1 on arg-microtexts: 10x5 cross-validation next to published numbers,
    or one trained model scored on a folder of texts (--model)."""
    import json

    from argmine.structure import evaluate

    if model is not None:
        from argmine.structure.models import load_model

        def score() -> str:
            directory, _folds = evaluate.microtexts_paths(path)
            trained = load_model(None if model == "default" else Path(model))
            scores = evaluate.evaluate_model_on_directory(trained, directory, parser=parser.value)
            if as_json:
                return json.dumps(scores)
            shown = (f"{key}={value:.3f}" for key, value in scores.items() if key != "n_texts")
            return " ".join(shown) + f"  ({scores['n_texts']} texts)"

        _guarded(score)
        return

    def cross_validation() -> str:
        with _bar("cross-validating") as (progress, task):

            def advance(message: str) -> None:
                progress.console.print(message, highlight=False)
                progress.advance(task)

            progress.update(task, total=splits or 50)
            results = evaluate.evaluate_microtexts(
                path, protocol, parser=parser.value, max_splits=splits, progress=advance
            )
        return evaluate.to_json_results(results) if as_json else evaluate.format_table(results)

    _guarded(cross_validation)


@train_app.command("abstrct")
def train_abstrct_command(
    corpora: CorporaOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Model file (default: build/models/abstrct.skops)."),
    ] = None,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Train the AbstRCT component and relation models on neoplasm train (dev selects)."""
    from argmine.structure.abstrct import train_abstrct

    folder = _corpus_dir(corpora, "abstrct")
    _guarded(lambda: f"saved {train_abstrct(folder, output, parser=parser.value)}")


@evaluate_app.command("abstrct")
def evaluate_abstrct_command(
    corpora: CorporaOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Component and relation macro-F1 on the AbstRCT test sets (gold components), next to
    Mayer et al. (2020)."""
    import json

    from argmine.structure.abstrct import evaluate_abstrct, format_abstrct_table

    folder = _corpus_dir(corpora, "abstrct")

    def work() -> str:
        with _bar("AbstRCT") as (progress, _task):
            results = evaluate_abstrct(
                folder,
                parser=parser.value,
                progress=lambda line: progress.console.print(line, highlight=False),
            )
        return json.dumps(results, indent=2) if as_json else format_abstrct_table(results)

    _guarded(work)


@evaluate_app.command("segmentation")
def evaluate_segmentation_command(
    corpora: CorporaOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Boundary P/R/F1 of argmine's segmenter against the arg-microtexts ADU and EDU borders."""
    import json

    from argmine.structure.evaluate import evaluate_segmentation, format_segmentation_table

    root = corpora
    if root is None:
        from argmine.corpora import corpora_root

        root = corpora_root()

    def work() -> str:
        results = evaluate_segmentation(root, parser=parser.value)
        return json.dumps(results, indent=2) if as_json else format_segmentation_table(results)

    _guarded(work)


@contextmanager
def _bar(description: str) -> Iterator[tuple[Progress, TaskID]]:
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


def run() -> None:
    """Entry point that also turns an unexpected keyboard interrupt into a clean exit."""
    try:
        app()
    except KeyboardInterrupt:
        raise SystemExit(130) from None
