"""Every Python example in docs/ runs: each page's examples, in order, as one script.

A page's examples build on each other (the first defines ``parsed``, the next uses it), so
they run together, in a fresh interpreter, in an empty folder that sees ``fixtures/``. An
example that cannot run in a test (a full corpus evaluation that takes minutes, a package
that cannot be installed next to argmine) is preceded in the Markdown by
``<!-- docs-test: skip (the reason) -->``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require

DOCS = ROOT / "docs"
EXAMPLE = re.compile(
    r"(?:<!-- docs-test: skip \((?P<reason>[^)]+)\) -->\n)?```python\n(?P<code>.*?)```", re.S
)
PAGES = sorted(page for page in DOCS.glob("*.md") if "```python" in page.read_text("utf-8"))
#: Pages whose examples read the shared corpora, and the optional extras some pages use.
NEEDS_CORPORA = {"abstrct.md", "corpora.md"}
NEEDS_EXTRAS = {"pipelines.md": [("spacy", "spacy"), ("dask", "dask"), ("distributed", "dask")]}


def runnable_examples(page: Path) -> list[str]:
    return [
        match["code"]
        for match in EXAMPLE.finditer(page.read_text(encoding="utf-8"))
        if not match["reason"]
    ]


def test_skip_markers_sit_on_examples() -> None:
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        marked = text.count("<!-- docs-test: skip")
        assert marked == sum(1 for match in EXAMPLE.finditer(text) if match["reason"]), page


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_examples_run(page: Path, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    env = dict(os.environ)
    if page.name in NEEDS_CORPORA:
        env["ARGMINE_CORPORA"] = str(request.getfixturevalue("corpora"))
    for module, extra in NEEDS_EXTRAS.get(page.name, []):
        require(module, extra)
    examples = runnable_examples(page)
    assert examples, f"{page.name}: every example is skipped"
    script = tmp_path / "examples.py"
    script.write_text("\n\n".join(examples), encoding="utf-8")
    (tmp_path / "fixtures").symlink_to(ROOT / "fixtures")
    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{page.name} examples failed:\n{done.stderr[-3000:]}"
