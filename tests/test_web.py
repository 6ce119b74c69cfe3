"""``argmine serve`` over HTTP: every route and error path, with real analyses in a real
worker process (one, started once for the module)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import time
import zipfile
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import pytest
from typer.testing import CliRunner

from argmine.cli import app as cli_app
from argmine.errors import InputError
from argmine.types import Analysis
from argmine.web.settings import Limits, ServerSettings
from argmine.web.uploads import Essay
from conftest import require

ESSAY = (
    "Schools should start later in the morning. Teenagers fall asleep late, so early "
    "classes cut their sleep short. Some say that buses cannot be rescheduled. However, "
    "several districts have already changed their bus timetables."
)
SHORT = "Homework should be optional. It causes stress, because students have no free time."
XSS_NAME = "<img src=x onerror=alert(1)>.pdf"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    testclient = require("starlette.testclient", "web")
    from argmine.web.app import create_app

    app = create_app(ServerSettings(workers=1, parser="bundled", max_classes=3))
    with testclient.TestClient(app, base_url="http://127.0.0.1") as connected:
        yield connected
    assert not os.path.exists(app.state.upload_root), "uploads not removed on shutdown"


def finished(client: Any, location: str) -> dict[str, Any]:
    for _ in range(600):
        progress: dict[str, Any] = client.get(f"{location}/progress").json()
        if progress["finished"]:
            return progress
        time.sleep(0.1)
    raise AssertionError(f"{location} did not finish")


def docx_bytes(*paragraphs: str) -> bytes:
    document = require("docx", "web").Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def a_class(client: Any) -> str:
    """A class of a pasted essay, a .txt (UTF-16), a .docx, a zip and two broken files."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("3b/zip-essay.txt", SHORT)
        packed.writestr("../escape.txt", SHORT)
    files = [
        ("files", ("utf16.txt", "\ufeff".encode("utf-16-le") + ESSAY.encode("utf-16-le"))),
        ("files", ("word.docx", docx_bytes("Phones belong in class.", "They help research."))),
        ("files", ("class.zip", archive.getvalue())),
        ("files", ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")),
        ("files", (XSS_NAME, b"%PDF")),
    ]
    response = client.post("/classes", data={"text": ESSAY}, files=files, follow_redirects=False)
    assert response.status_code == 303
    location: str = response.headers["location"].removeprefix("http://127.0.0.1")
    progress = finished(client, location)
    assert progress == {"total": 7, "done": 7, "failed": 3, "finished": True}
    return location


def test_start_page_has_the_form_and_a_strict_policy(client: Any) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in response.text
    assert 'name="files"' in response.text
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    assert "script" not in policy  # no script may run at all
    assert "<script" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"


def test_health(client: Any) -> None:
    assert client.get("/health").json() == {"status": "ready", "workers": 1}


def test_empty_form_is_refused_with_the_form_again(client: Any) -> None:
    response = client.post("/classes", data={"text": "   "})
    assert response.status_code == 400
    assert 'id="form-error"' in response.text


def test_class_page_rows_errors_and_escaping(client: Any, a_class: str) -> None:
    page = client.get(a_class).text
    assert 'data-finished="true"' in page
    assert page.count('data-status="done"') == 4
    assert page.count('data-status="error"') == 3
    assert "leaves the zip&#39;s folder" in page
    assert "looks like a binary file" in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in page
    assert "<script" not in page
    assert 'class="bar"' in page  # the warnings chart


def test_class_page_sorts_on_a_column(client: Any, a_class: str) -> None:
    page = client.get(f"{a_class}?sort=claims&order=desc").text
    claims = [int(cell) for cell in _cells(page, "claims")]
    assert len(claims) == 4
    assert claims == sorted(claims, reverse=True)
    assert 'aria-sort="descending"' in page
    assert client.get(f"{a_class}?sort=password").status_code == 400
    assert client.get(f"{a_class}?order=sideways").status_code == 400


def _cells(page: str, column: str) -> list[str]:
    marker = f'data-column="{column}">'
    return [part.split("<", 1)[0] for part in page.split(marker)[1:] if part[0] != "<"]


def test_progress_reports_a_class_still_running(client: Any) -> None:
    from argmine.web.uploads import RowError

    store = client.app.state.store
    job = store.create([Essay("waiting.txt", SHORT), RowError("x.bin", "x.bin: binary")])
    response = client.get(f"/classes/{job.id}/progress")
    assert response.json() == {"total": 2, "done": 1, "failed": 1, "finished": False}
    page = client.get(f"/classes/{job.id}").text
    assert '<meta http-equiv="refresh" content="1">' in page
    assert '<progress value="1" max="2">' in page
    pending = client.get(f"/classes/{job.id}/essays/0")
    assert pending.status_code == 409
    assert "still being analysed" in pending.text


def test_unknown_class_and_essay(client: Any, a_class: str) -> None:
    assert client.get("/classes/nonexistent").status_code == 404
    missing = client.get("/classes/nonexistent/progress")
    assert missing.status_code == 404
    assert "No such class" in missing.json()["error"]
    assert client.get(f"{a_class}/essays/99").status_code == 404
    failed = client.get(f"{a_class}/essays/5")  # the PNG named .txt
    assert failed.status_code == 409
    assert "binary" in failed.text


def test_csv_export(client: Any, a_class: str) -> None:
    response = client.get(f"{a_class}/overview.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["essay"] for row in rows] == [
        "pasted text",
        "utf16.txt",
        "word.docx",
        "class.zip/3b/zip-essay.txt",
        "class.zip/../escape.txt",
        "photo.txt",
        XSS_NAME,
    ]
    assert [row["status"] for row in rows].count("done") == 4
    done = rows[0]
    assert int(done["claims"]) + int(done["premises"]) >= 2
    assert done["central claim"] in ("yes", "no")


def test_report_of_one_essay(client: Any, a_class: str) -> None:
    response = client.get(f"{a_class}/essays/1")
    assert response.status_code == 200
    assert "<title>utf16.txt</title>" in response.text
    assert 'id="feedback"' in response.text
    assert "Teenagers fall asleep late" in response.text
    assert "<svg" in response.text
    assert "default-src 'none'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    ("kind", "media", "suffix"),
    [
        ("json", "application/json", ".json"),
        ("aif", "application/json", ".aif.json"),
        ("argdown", "text/plain", ".argdown"),
        ("svg", "image/svg+xml", ".svg"),
    ],
)
def test_downloads(client: Any, a_class: str, kind: str, media: str, suffix: str) -> None:
    response = client.get(f"{a_class}/essays/2/{kind}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media)
    assert f'filename="word{suffix}"' in response.headers["content-disposition"]
    if kind == "json":
        document = json.loads(response.text)
        assert document["schema"] == "argmine/1"
        assert document["text"] == "Phones belong in class.\n\nThey help research."
    elif kind == "aif":
        assert {"nodes", "edges"} <= set(json.loads(response.text))
    elif kind == "svg":
        assert "<svg" in response.text


def test_unknown_download_format(client: Any, a_class: str) -> None:
    response = client.get(f"{a_class}/essays/0/pdf")
    assert response.status_code == 404
    assert "json, aif, argdown or svg" in response.text


def test_api_analyze(client: Any) -> None:
    response = client.post("/api/analyze", data={"text": SHORT})
    assert response.status_code == 200
    document = response.json()
    assert document["schema"] == "argmine/1"
    assert document["text"] == SHORT
    assert document["units"]


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"text": " \n"}, 422, "no text to analyse"),
        ({"text": "x" * 50_001}, 422, "over the limit"),
        ({"essay": SHORT}, 400, "form field 'text'"),
    ],
)
def test_api_analyze_errors(client: Any, data: dict[str, str], status: int, message: str) -> None:
    response = client.post("/api/analyze", data=data)
    assert response.status_code == status
    assert message in response.json()["error"]


def test_foreign_host_origin_and_oversized_body_are_refused(client: Any) -> None:
    rebinding = client.get("/", headers={"host": "attacker.example"})
    assert rebinding.status_code == 400
    cross_site = client.post(
        "/api/analyze", data={"text": SHORT}, headers={"origin": "http://attacker.example"}
    )
    assert cross_site.status_code == 403
    limit = Limits().max_request_bytes
    oversized = client.post(
        "/api/analyze", content=b"x", headers={"content-length": str(limit + 1)}
    )
    assert oversized.status_code == 413


def test_a_full_store_refuses_new_classes_while_all_run(client: Any) -> None:
    from argmine.web.jobs import ClassStore

    store = ClassStore(1)
    store.create([Essay("waiting.txt", SHORT)])  # never started: stays pending
    kept, client.app.state.store = client.app.state.store, store
    try:
        response = client.post("/classes", data={"text": SHORT})
    finally:
        client.app.state.store = kept
    assert response.status_code == 503
    assert "try later" in response.text


def test_the_store_replaces_the_oldest_finished_class() -> None:
    from argmine.web.jobs import ClassStore, ServerBusyError
    from argmine.web.uploads import RowError

    store = ClassStore(2)
    done = store.create([RowError("x.bin", "x.bin: binary")])
    running = store.create([Essay("a.txt", SHORT)])
    newest = store.create([Essay("b.txt", SHORT)])
    assert store.get(done.id) is None
    assert store.get(running.id) is running
    assert store.get(newest.id) is newest
    with pytest.raises(ServerBusyError):
        store.create([Essay("c.txt", SHORT)])


def test_uploads_are_removed_after_the_request(client: Any) -> None:
    response = client.post(
        "/classes", files=[("files", ("a.txt", SHORT.encode()))], follow_redirects=False
    )
    assert response.status_code == 303
    assert os.listdir(client.app.state.upload_root) == []


class _StubPool:
    """A pool whose analysis fails the way a real one can: time-out or a dead worker."""

    def __init__(self, error: type[BaseException]) -> None:
        self.error = error

    async def analyze(self, text: str, timeout_s: float) -> Analysis | InputError:
        raise self.error


@pytest.mark.parametrize(
    ("error", "message"),
    [(TimeoutError, "longer than 5 s"), (BrokenProcessPool, "worker stopped")],
)
def test_time_out_and_dead_worker_become_row_errors(
    error: type[BaseException], message: str
) -> None:
    from argmine.web.jobs import analyze_essay

    result = asyncio.run(analyze_essay(_StubPool(error), Essay("a.txt", SHORT), 5))  # type: ignore[arg-type]
    assert isinstance(result, str)
    assert result.startswith("a.txt: ")
    assert message in result


def test_request_body_limit_counts_streamed_bytes() -> None:
    """A body sent in chunks, past the limit, is cut off even without a Content-Length."""
    testclient = require("starlette.testclient", "web")
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from argmine.web.app import Guard, RequestTooLargeError, too_large

    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    settings = ServerSettings(limits=Limits(max_files=1, max_file_bytes=1))
    app = Starlette(
        routes=[Route("/", echo, methods=["POST"])],
        exception_handlers={RequestTooLargeError: too_large},
    )
    guarded = testclient.TestClient(Guard(app, settings))  # type: ignore[arg-type]

    def chunks() -> Iterator[bytes]:
        for _ in range(3):
            yield b"x" * (settings.limits.max_request_bytes // 2)

    response = guarded.post("/", content=chunks())
    assert response.status_code == 413
    assert guarded.post("/", content=b"small").text == "5"


def test_serve_command_options_and_bad_settings() -> None:
    runner = CliRunner()
    shown = runner.invoke(cli_app, ["serve", "--help"], terminal_width=200)
    assert shown.exit_code == 0
    for option in ("--host", "--workers", "--max-file-mb", "ARGMINE_SERVE_MAX_FILES"):
        assert option in shown.stdout
    bad = runner.invoke(cli_app, ["serve", "--workers", "0"])
    assert bad.exit_code == 2
    assert "workers must be positive" in bad.stderr
    wrong_parser = runner.invoke(cli_app, ["serve", "--parser", "fastest"])
    assert wrong_parser.exit_code == 2
    assert "parser must be" in wrong_parser.stderr


def test_settings_default_to_the_loopback_address() -> None:
    assert ServerSettings().host == "127.0.0.1"
    assert "attacker.example" not in ServerSettings().allowed_hosts
    assert ServerSettings(host="0.0.0.0").allowed_hosts == ("*",)
    with pytest.raises(InputError, match="max_files must be positive"):
        Limits(max_files=0)


class _WrongAnswerPool:
    """A pool that answers with something that is not an analysis (a bug, say)."""

    async def analyze(self, text: str, timeout_s: float) -> object:
        return object()


def test_a_failing_essay_becomes_an_error_row_not_a_stuck_class() -> None:
    from argmine.web.jobs import ClassStore, run_class

    job = ClassStore(1).create([Essay("a.txt", SHORT)])
    asyncio.run(run_class(job, [(0, Essay("a.txt", SHORT))], _WrongAnswerPool(), 5))  # type: ignore[arg-type]
    assert job.finished
    assert job.rows[0].error == "a.txt: internal error (AttributeError)"
