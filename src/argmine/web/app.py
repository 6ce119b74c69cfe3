"""The ``argmine serve`` web application: a class of essays in, reports and an overview out.

Routes (every page is server-rendered HTML with no script; a class page that is still being
analysed reloads itself every second):

* ``GET /``: the form (paste a text, or upload .txt, .docx and .zip files);
* ``POST /classes``: start analysing a class, then redirect to its page;
* ``GET /classes/{id}``: the class table (``?sort=COLUMN&order=asc|desc``) and its chart;
* ``GET /classes/{id}/progress``: progress as JSON;
* ``GET /classes/{id}/overview.csv``: the table as CSV;
* ``GET /classes/{id}/essays/{n}``: one essay's HTML report;
* ``GET /classes/{id}/essays/{n}/{format}``: its argmine/1 JSON, AIF, Argdown or SVG;
* ``POST /api/analyze``: one text (form field ``text``) to argmine/1 JSON, for scripts;
* ``GET /health``: ``{"status": "ready"}`` once the models are loaded.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from argmine.export import ExportFormat, export, to_html
from argmine.maps import ArgumentMap
from argmine.web.jobs import (
    AnalysisPool,
    ClassJob,
    ClassStore,
    ServerBusyError,
    analyze_essay,
    run_class,
)
from argmine.web.overview import (
    CHART_BAR_WIDTH,
    CHART_LABEL_WIDTH,
    CHART_ROW_HEIGHT,
    COLUMNS,
    SORT_KEYS,
    sorted_rows,
    to_csv,
    warning_bars,
)
from argmine.web.settings import MB, ServerSettings
from argmine.web.uploads import (
    Essay,
    Item,
    RowError,
    capped,
    essay_from_bytes,
    pasted_essay,
    zip_essays,
)

#: Like the report's: nothing is fetched, nothing runs; forms post only to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
DOWNLOADS = {
    "json": (ExportFormat.JSON, "application/json", "json"),
    "aif": (ExportFormat.AIF, "application/json", "aif.json"),
    "argdown": (ExportFormat.ARGDOWN, "text/plain; charset=utf-8", "argdown"),
    "svg": (ExportFormat.SVG, "image/svg+xml", "svg"),
}
_COPY_CHUNK = 64 * 1024

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("argmine.web", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class RequestTooLargeError(Exception):
    """The request body is over the limit for a whole class."""


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _TEMPLATES.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


def _error_page(status_code: int, message: str) -> HTMLResponse:
    return _page("error.html.j2", status_code, status_code=status_code, message=message)


def _state(request: Request) -> Any:
    return request.app.state


def _job(request: Request) -> ClassJob:
    job: ClassJob | None = _state(request).store.get(request.path_params["job_id"])
    if job is None:
        raise HTTPException(404, "No such class: it was never made, or the server restarted.")
    return job


def _essay(request: Request, job: ClassJob) -> tuple[str, ArgumentMap]:
    index: int = request.path_params["index"]
    if not 0 <= index < job.total:
        raise HTTPException(404, f"This class has no essay {index}.")
    row = job.rows[index]
    if row.error is not None:
        raise HTTPException(409, f"This essay could not be analysed: {row.error}")
    if index not in job.analyses:
        raise HTTPException(409, "This essay is still being analysed; try again in a moment.")
    return row.name, ArgumentMap.from_analysis(job.analyses[index])


async def index_page(request: Request) -> Response:
    return _page("index.html.j2", limits=_state(request).settings.limits, MB=MB, error=None)


async def _copy_upload(upload: UploadFile, target: Path, limit: int) -> bool:
    """Copy an upload into the request's folder; False (and nothing kept) past ``limit`` bytes."""
    written = 0
    with target.open("wb") as handle:
        while chunk := await upload.read(_COPY_CHUNK):
            written += len(chunk)
            if written > limit:
                break
            handle.write(chunk)
    if written > limit:
        target.unlink()
        return False
    return True


async def _upload_items(upload: UploadFile, target: Path, request: Request) -> list[Item]:
    limits = _state(request).settings.limits
    name = Path((upload.filename or "").replace("\\", "/")).name or "unnamed file"
    if not await _copy_upload(upload, target, limits.max_file_bytes):
        message = f"{name}: over the limit of {limits.max_file_bytes / MB:.0f} MB a file"
        return [RowError(name, message)]
    if name.lower().endswith(".zip"):
        return await asyncio.to_thread(zip_essays, name, target, limits)
    return [await asyncio.to_thread(essay_from_bytes, name, target.read_bytes(), limits)]


async def _items_of(request: Request, folder: Path) -> list[Item]:
    """Every essay (or error row) of the submitted form, in the order given."""
    limits = _state(request).settings.limits
    items: list[Item] = []
    async with request.form(max_files=limits.max_files, max_fields=10) as form:
        text = form.get("text")
        if isinstance(text, str) and text.strip():
            items.append(pasted_essay(text, limits))
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile) and u.filename]
        for number, upload in enumerate(uploads):
            items.extend(await _upload_items(upload, folder / f"upload-{number}", request))
    return list(capped(items, limits))


async def create_class(request: Request) -> Response:
    state = _state(request)
    with tempfile.TemporaryDirectory(dir=state.upload_root, prefix="request-") as folder:
        items = await _items_of(request, Path(folder))
    if not items:
        return _page(
            "index.html.j2",
            400,
            limits=state.settings.limits,
            MB=MB,
            error="Paste a text or choose at least one file.",
        )
    try:
        job = state.store.create(items)
    except ServerBusyError as error:
        return _error_page(503, str(error))
    essays = [(index, item) for index, item in enumerate(items) if isinstance(item, Essay)]
    job.task = asyncio.create_task(
        run_class(job, essays, state.pool, state.settings.limits.essay_timeout_s)
    )
    return RedirectResponse(request.url_for("class_page", job_id=job.id), status_code=303)


async def class_page(request: Request) -> Response:
    job = _job(request)
    key = request.query_params.get("sort", "name")
    order = request.query_params.get("order", "asc")
    if key not in SORT_KEYS or order not in ("asc", "desc"):
        raise HTTPException(400, f"Cannot sort on {key!r} in {order!r} order.")
    rows = sorted_rows(job.rows, key, descending=order == "desc")
    return _page(
        "class.html.j2",
        job=job,
        rows=rows,
        headings=[("name", "essay"), *((key, heading) for key, (heading, _) in COLUMNS.items())],
        sort=key,
        order=order,
        bars=warning_bars(job.rows),
        downloads=list(DOWNLOADS),
        chart={"label": CHART_LABEL_WIDTH, "bar": CHART_BAR_WIDTH, "row": CHART_ROW_HEIGHT},
    )


async def progress(request: Request) -> Response:
    return JSONResponse(_job(request).progress())


async def overview_csv(request: Request) -> Response:
    job = _job(request)
    return Response(
        to_csv(job.rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="class-overview.csv"'},
    )


def _file_stem(name: str) -> str:
    """A safe download name from an essay's name (ASCII letters, digits, dot, dash)."""
    stem = Path(name).stem if name.lower().endswith((".txt", ".docx")) else name
    return re.sub(r"[^A-Za-z0-9.-]+", "_", stem).strip("._") or "essay"


async def essay_report(request: Request) -> Response:
    name, argument_map = _essay(request, _job(request))
    html = await asyncio.to_thread(to_html, argument_map, title=name)
    return HTMLResponse(html)


async def essay_download(request: Request) -> Response:
    kind = request.path_params["format"]
    if kind not in DOWNLOADS:
        raise HTTPException(404, f"No download format {kind!r}; use json, aif, argdown or svg.")
    name, argument_map = _essay(request, _job(request))
    output_format, media_type, suffix = DOWNLOADS[kind]
    now = datetime.now().replace(microsecond=0)
    body = await asyncio.to_thread(export, argument_map, output_format, timestamp=now)
    filename = f"{_file_stem(name)}.{suffix}"
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def api_analyze(request: Request) -> Response:
    """One text in (form field ``text``), its argmine/1 JSON out; errors as ``{"error": ...}``."""
    state = _state(request)
    async with request.form(max_files=0, max_fields=1, max_part_size=4 * MB) as form:
        text = form.get("text")
    if not isinstance(text, str):
        return JSONResponse({"error": "send the text in the form field 'text'"}, 400)
    item = pasted_essay(text, state.settings.limits)
    if isinstance(item, RowError):
        return JSONResponse({"error": item.message}, 422)
    result = await analyze_essay(state.pool, item, state.settings.limits.essay_timeout_s)
    if isinstance(result, str):
        return JSONResponse({"error": result}, 422)
    body = await asyncio.to_thread(
        export, ArgumentMap.from_analysis(result), ExportFormat.JSON, timestamp=datetime.now()
    )
    return Response(body, media_type="application/json")


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ready", "workers": _state(request).pool.workers})


async def http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    if request.url.path.startswith("/api/") or request.url.path.endswith("/progress"):
        return JSONResponse({"error": error.detail}, error.status_code)
    return _error_page(error.status_code, error.detail)


async def too_large(_request: Request, _error: Exception) -> Response:
    return _error_page(413, "The upload is larger than this server accepts for one class.")


ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]


class Guard:
    """Security headers on every response, a size limit on every request body, and POSTs
    only from this server's own pages (a page elsewhere cannot submit to it)."""

    def __init__(self, app: ASGIApp, settings: ServerSettings) -> None:
        self.app = app
        self.limit = settings.limits.max_request_bytes

    async def __call__(
        self,
        scope: MutableMapping[str, Any],
        receive: Callable[[], Awaitable[Any]],
        send: Callable[[Any], Awaitable[None]],
    ) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {
            key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]
        }
        refusal = self._refusal(scope["method"], headers)
        if refusal is not None:
            response = PlainTextResponse(refusal[1], refusal[0], headers=SECURITY_HEADERS)
            await response(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Any:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                raise RequestTooLargeError
            return message

        async def secured_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()),
                ]
            await send(message)

        await self.app(scope, counted_receive, secured_send)

    def _refusal(self, method: str, headers: dict[str, str]) -> tuple[int, str] | None:
        if method != "POST":
            return None
        origin = headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != headers.get("host"):
            return 403, "Forms may be sent only from this server's own pages."
        length = headers.get("content-length", "0")
        if not length.isdigit() or int(length) > self.limit:
            return 413, f"The request is over the limit of {self.limit / MB:.0f} MB."
        return None


def create_app(settings: ServerSettings | None = None) -> Starlette:
    """The web application; its worker processes start (and load the models) with it."""
    settings = settings or ServerSettings()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.settings = settings
        app.state.store = ClassStore(settings.max_classes)
        app.state.upload_root = tempfile.mkdtemp(prefix="argmine-serve-")
        app.state.pool = AnalysisPool(settings.workers, settings.parser)
        try:
            await app.state.pool.start()
            yield
        finally:
            app.state.store.cancel_all()
            app.state.pool.close()
            shutil.rmtree(app.state.upload_root, ignore_errors=True)

    routes = [
        Route("/", index_page, methods=["GET"]),
        Route("/classes", create_class, methods=["POST"]),
        Route("/classes/{job_id}", class_page, methods=["GET"], name="class_page"),
        Route("/classes/{job_id}/progress", progress, methods=["GET"]),
        Route("/classes/{job_id}/overview.csv", overview_csv, methods=["GET"]),
        Route("/classes/{job_id}/essays/{index:int}", essay_report, methods=["GET"]),
        Route("/classes/{job_id}/essays/{index:int}/{format}", essay_download, methods=["GET"]),
        Route("/api/analyze", api_analyze, methods=["POST"]),
        Route("/health", health, methods=["GET"]),
    ]
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(Guard, settings=settings),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(settings.allowed_hosts)),
        ],
        exception_handlers={HTTPException: http_error, RequestTooLargeError: too_large},
        lifespan=lifespan,
    )


__all__ = ["CONTENT_SECURITY_POLICY", "create_app"]
