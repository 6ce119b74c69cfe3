"""The native-memory settings a long-running process needs (docs/pipelines.md#memory)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

SCRIPT = (
    "import os; from argmine.parsing.pipeline import bound_native_memory; "
    "bound_native_memory(); print(os.environ['ONEDNN_PRIMITIVE_CACHE_CAPACITY'])"
)


@pytest.mark.parametrize(("preset", "expected"), [(None, "32"), ("500", "500")])
def test_onednn_cache_is_bounded_unless_the_user_chose(preset: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "ONEDNN_PRIMITIVE_CACHE_CAPACITY"}
    if preset is not None:
        env["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] = preset
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == expected


def test_pipelines_are_built_with_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmine.parsing import pipeline

    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", raising=False)
    pipeline.clear_cache()
    try:
        pipeline.load_pipeline("bundled")
        assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == pipeline.ONEDNN_CACHE_CAPACITY
    finally:
        pipeline.clear_cache()
