"""The HTML report in a real browser: headless Chromium renders it, we read the DOM it built
and check that its screenshot shows something.

Chromium is a system package (Debian: ``apt-get install chromium``); without it the tests
skip outside CI and fail under ``CI=true``, like the corpus tests.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmine.export import read_map, to_html
from argmine.maps import ArgumentMap

ROOT = Path(__file__).resolve().parent.parent
OP_ED = ROOT / "fixtures" / "maps" / "op_ed_transit.json"
WINDOW = (1024, 900)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else shutil.which("chromium")
    if path is None:
        message = "chromium not found (Debian: apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[ArgumentMap, Path]:
    argument_map = read_map(OP_ED.read_text(encoding="utf-8"))
    page = tmp_path_factory.mktemp("report") / "report.html"
    page.write_text(to_html(argument_map, title="Free transit for under-18s"), encoding="utf-8")
    return argument_map, page


def run_chromium(
    chromium: str, profile: Path, *arguments: str
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *arguments],
        capture_output=True,
        timeout=180,
        check=True,
    )


class _Elements(HTMLParser):
    """Every element of a DOM dump: its tag, attributes and the text directly inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}, []))
        if tag not in {"meta", "br", "img", "input", "link"}:
            self._open.append(len(self.elements) - 1)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.elements[self._open[-1]][2].append(data)

    def text_of(self, element_id: str) -> str:
        """All text inside the element with this id (and its descendants)."""
        start = next(i for i, (_t, a, _d) in enumerate(self.elements) if a.get("id") == element_id)
        depth_closed = self._subtree(start)
        return " ".join(" ".join(d) for _t, _a, d in self.elements[start:depth_closed])

    def _subtree(self, start: int) -> int:
        # Sections do not nest in the report, so a subtree ends at the next <section>.
        for index in range(start + 1, len(self.elements)):
            if self.elements[index][0] == "section":
                return index
        return len(self.elements)


def test_browser_renders_units_moves_and_feedback(
    chromium: str, report: tuple[ArgumentMap, Path], tmp_path: Path
) -> None:
    argument_map, page = report
    result = run_chromium(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    dom = _Elements()
    dom.feed(result.stdout.decode("utf-8"))
    spans = [(a, "".join(d)) for tag, a, d in dom.elements if tag == "span"]

    unit_badges = {a["data-unit"] for a, _text in spans if "badge-unit" in a.get("class", "")}
    assert unit_badges == {unit.id for unit in argument_map.units}
    item_numbers = [
        text for a, text in spans if a.get("class") == "badge badge-item" and a.get("data-move")
    ]
    assert item_numbers == ["1", "2", "3", "4"]
    move_labels = {text for a, text in spans if a.get("class") == "badge badge-move"}
    assert {
        "contrast",
        "concession",
        "conditional: necessary",
        "conditional: sufficient",
    } <= move_labels
    classes = {c for a, _text in spans for c in a.get("class", "").split()}
    assert {"antecedent", "consequent", "role-central_claim", "stance-pro", "stance-opp"} <= classes

    feedback = dom.text_of("feedback")
    assert "announced 4, found 4" in feedback
    assert "u12" in feedback  # the unsupported claim
    assert "answered by u8" in feedback
    assert "not answered" in feedback
    central = [a for _t, a, _d in dom.elements if "data-label" in a]
    assert [a["data-label"] for a in central] == ["in"]
    svg_nodes = [
        a for tag, a, _d in dom.elements if tag == "g" and "unit" in a.get("class", "").split()
    ]
    assert len(svg_nodes) == len(argument_map.units)


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered scanlines of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, chunks, idat = 8, {}, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            idat += body
        chunks.setdefault(kind, body)
        position += 12 + length
    width, height, depth, colour, _c, _f, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, interlace) == (8, 0), "expected 8 bits per channel, not interlaced"
    assert colour in (2, 6), "expected RGB or RGBA"
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            up_left = previous[x - channels] if x >= channels else 0
            if filter_type == 1:
                line[x] = (line[x] + left) & 0xFF
            elif filter_type == 2:
                line[x] = (line[x] + up) & 0xFF
            elif filter_type == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif filter_type == 4:
                estimate = left + up - up_left
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[x] = (line[x] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def test_browser_screenshot_is_not_blank(
    chromium: str, report: tuple[ArgumentMap, Path], tmp_path: Path
) -> None:
    _map, page = report
    shot = tmp_path / "report.png"
    run_chromium(
        chromium,
        tmp_path / "profile",
        f"--screenshot={shot}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        page.as_uri(),
    )
    width, height, rows = png_pixels(shot.read_bytes())
    assert (width, height) == WINDOW
    channels = len(rows[0]) // width
    colours = {
        rows[y][x : x + 3]
        for y in range(0, height, 4)
        for x in range(0, width * channels, 4 * channels)
    }
    assert len(colours) > 50, "the screenshot is (nearly) one colour"
    dark = sum(
        1
        for y in range(0, height, 4)
        for x in range(0, width * channels, 4 * channels)
        if sum(rows[y][x : x + 3]) < 200
    )
    assert dark > 500, "no text was drawn"
