"""``argmine parse``, ``analyze`` and ``render``: one line per error, exit code 2.

With several inputs a bad file is reported and skipped, the others are still written, and
the exit code is 2 at the end. Outputs are written atomically, so an interrupted run never
leaves a half-written file. The output formats come from the export registry
(:class:`argmine.export.ExportFormat`), plus CoNLL-U for the parse.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from argmine.cli.app import EXIT_INPUT, ParserChoice, ParserOption, app, fail
from argmine.errors import ArgmineError
from argmine.export import ExportFormat
from argmine.files import atomic_file
from argmine.inputs import decode, read_text_file
from argmine.types import Analysis

#: The parse's own format besides argmine/1 JSON.
CONLLU = "conllu"
PARSE_FORMATS = (ExportFormat.JSON.value, CONLLU)
ANALYZE_FORMATS = (*PARSE_FORMATS, *(f.value for f in ExportFormat if f is not ExportFormat.JSON))
#: A saved analysis is rendered into any map format (JSON would only copy it).
RENDER_FORMATS = tuple(f.value for f in ExportFormat if f is not ExportFormat.JSON)


def _format_option(choices: tuple[str, ...]) -> Any:
    """``--format/-f``, checked against ``choices`` (derived from the registry above)."""

    def checked(value: str) -> str:
        if value not in choices:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(choices)}")
        return value

    return typer.Option("--format", "-f", parser=checked, metavar="|".join(choices))


class InputFormat(enum.StrEnum):
    TEXT = "text"
    CONLLU = "conllu"


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
    if output_format == CONLLU:
        from argmine.parsing import to_conllu

        return to_conllu(analysis.parsed)
    if output_format != ExportFormat.JSON:
        from datetime import datetime

        from argmine.export import export
        from argmine.maps import ArgumentMap

        argument_map = ArgumentMap.from_analysis(analysis)
        now = datetime.now().replace(microsecond=0)
        return export(argument_map, ExportFormat(output_format), timestamp=now)
    from argmine.serialize import to_json

    return to_json(analysis)


def _analyse_source(source: str, input_format: InputFormat, parser: ParserChoice) -> Analysis:
    from argmine.pipeline import analyze, analyze_parsed

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


@app.command("parse")
def parse_command(
    source: Annotated[str, typer.Argument(help="A UTF-8 text file, or - for standard input.")],
    output_format: Annotated[str, _format_option(PARSE_FORMATS)] = ExportFormat.JSON.value,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    parser: ParserOption = ParserChoice.AUTO,
) -> None:
    """Parse a text with Stanza: argmine/1 JSON (empty argument layers) or CoNLL-U."""
    from argmine.parsing import parse
    from argmine.pipeline import analyze_parsed

    _run(
        [source],
        output_format,
        output,
        None,
        lambda s: analyze_parsed(parse(_read(s), parser=parser.value)),
    )


@app.command("analyze")
def analyze_command(
    sources: Annotated[
        list[str], typer.Argument(help="UTF-8 text files, or - for standard input.")
    ],
    output_format: Annotated[str, _format_option(ANALYZE_FORMATS)] = ExportFormat.JSON.value,
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
        output_format,
        output,
        directory,
        lambda s: _analyse_source(s, input_format, parser),
    )


@app.command("render")
def render_command(
    source: Annotated[
        str, typer.Argument(help="A saved analysis (argmine/1 JSON, or AIF JSON), or -.")
    ],
    output_format: Annotated[str, _format_option(RENDER_FORMATS)] = ExportFormat.SVG.value,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
) -> None:
    """Draw a saved analysis as a map or report, without parsing the text again."""
    from argmine.export import read_map

    _run([source], output_format, output, None, lambda s: read_map(_read(s)).analysis)
