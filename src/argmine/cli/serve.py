"""The ``argmine serve`` command: start the web application for a class of essays.

Every option can also be set by an environment variable (shown by ``argmine serve --help``),
so a school's IT can fix the limits once for every teacher.
"""

from __future__ import annotations

from typing import Annotated, Any, cast

import typer

from argmine.cli.app import app
from argmine.errors import ArgmineError
from argmine.parsing import ParserSource, resolve_source
from argmine.web.settings import LOCAL_HOST, MB, Limits, ServerSettings

_DEFAULTS = Limits()


def _option(envvar: str, text: str) -> Any:
    return typer.Option(envvar=f"ARGMINE_SERVE_{envvar}", help=text)


@app.command("serve")
def serve_command(
    host: Annotated[
        str,
        _option("HOST", "Address to listen on; the default is reachable from this computer only."),
    ] = LOCAL_HOST,
    port: Annotated[int, _option("PORT", "Port to listen on.")] = 8000,
    workers: Annotated[
        int, _option("WORKERS", "Analysis worker processes (about 600 MB of memory each).")
    ] = 1,
    parser: Annotated[str, _option("PARSER", "Stanza models: auto, bundled or official.")] = "auto",
    max_file_mb: Annotated[
        float, _option("MAX_FILE_MB", "Largest uploaded file (or file inside a zip), in MB.")
    ] = _DEFAULTS.max_file_bytes / MB,
    max_files: Annotated[
        int, _option("MAX_FILES", "Most essays in one class (zip members included).")
    ] = _DEFAULTS.max_files,
    max_chars: Annotated[
        int, _option("MAX_CHARS", "Longest essay, in characters.")
    ] = _DEFAULTS.max_chars,
    max_unzipped_mb: Annotated[
        float, _option("MAX_UNZIPPED_MB", "Most a zip (or .docx) may unpack to, in MB.")
    ] = _DEFAULTS.max_unzipped_bytes / MB,
    max_zip_ratio: Annotated[
        float, _option("MAX_ZIP_RATIO", "Highest compression ratio of a file inside a zip.")
    ] = _DEFAULTS.max_zip_ratio,
    essay_timeout: Annotated[
        float, _option("ESSAY_TIMEOUT", "Seconds one essay's analysis may take.")
    ] = _DEFAULTS.essay_timeout_s,
    max_classes: Annotated[
        int, _option("MAX_CLASSES", "Classes kept in memory for their reports.")
    ] = 20,
) -> None:
    """Start the web page for teachers: upload a class of essays, get a report per student
    and a class overview (needs argmine's web extra)."""
    try:
        import uvicorn

        from argmine.web.app import create_app
    except ImportError as error:
        typer.echo(
            f"argmine: error: argmine serve needs the web extra ({error.name} is missing): "
            "pip install 'argmine[web]'",
            err=True,
        )
        raise typer.Exit(2) from None
    try:
        source = resolve_source(cast(ParserSource, parser))
        settings = ServerSettings(
            host=host,
            port=port,
            workers=workers,
            parser=source,
            max_classes=max_classes,
            limits=Limits(
                max_file_bytes=int(max_file_mb * MB),
                max_files=max_files,
                max_chars=max_chars,
                max_unzipped_bytes=int(max_unzipped_mb * MB),
                max_zip_ratio=max_zip_ratio,
                essay_timeout_s=essay_timeout,
            ),
        )
    except ArgmineError as error:
        typer.echo(f"argmine: error: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"argmine serve: loading the models; then open http://{host}:{port}/", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, access_log=False)
