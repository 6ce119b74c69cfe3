"""``argmine serve`` end to end over HTTP on the loopback address: a class, latency, a load test.

    python benchmarks/serve.py --workers 2 --output benchmarks/results/serve.json

Starts ``argmine serve`` on 127.0.0.1 and, once its models are loaded, measures:

* class: 30 essays of ``shared/corpora/student-essays`` uploaded as .txt files in one
  ``POST /classes``, until ``/classes/<id>/progress`` says finished; target ≤ 30 s on 2 cores;
* latency: one essay of about 400 words through ``POST /api/analyze``, ``--repeat`` times in
  a row on the warm server; the median; target ≤ 1 s;
* load: ``--concurrent`` single-essay ``POST /api/analyze`` requests at once (one thread
  each); every one must succeed; the peak RSS of the server and its workers is sampled
  every 0.1 s throughout.

Figures depend on the machine and on what else runs on it (the load average at the start is
recorded).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psutil

# benchmarks/ is on the path when this runs as a script: reuse memory.py's server helpers.
from memory import MB, essays_dir, free_port, post_essay, tree_rss, wait_until_up


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body with every file in the field ``files``."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, data in files:
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


def run_class(base: str, paths: list[Path]) -> dict[str, Any]:
    body, content_type = multipart([(path.name, path.read_bytes()) for path in paths])
    request = urllib.request.Request(
        f"{base}/classes", data=body, headers={"Content-Type": content_type}, method="POST"
    )
    started = time.perf_counter()
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(request, timeout=300)
        raise SystemExit("POST /classes did not redirect")
    except urllib.error.HTTPError as redirect:
        location = redirect.headers["Location"]
    while True:
        with urllib.request.urlopen(f"{location}/progress", timeout=60) as response:
            progress = json.load(response)
        if progress["finished"]:
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    return {
        "essays": progress["total"],
        "failed": progress["failed"],
        "words": sum(len(path.read_text(encoding="utf-8").split()) for path in paths),
        "wall_s": round(seconds, 2),
        "target_30_s_met": seconds <= 30,
    }


def run_latency(base: str, text: str, repeat: int) -> dict[str, Any]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        post_essay(base, text)
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        "words": len(text.split()),
        "repeat": repeat,
        "median_s": round(median, 3),
        "max_s": round(max(times), 3),
        "target_1_s_met": median <= 1.0,
    }


def run_load(base: str, server: psutil.Process, texts: list[str]) -> dict[str, Any]:
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(server) / MB)
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = tree_rss(server) / MB
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(texts)) as pool:
        outcomes = list(pool.map(lambda text: _attempt(base, text), texts))
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    failures = [outcome for outcome in outcomes if outcome is not None]
    return {
        "requests": len(texts),
        "succeeded": len(texts) - len(failures),
        "failures": failures,
        "wall_s": round(seconds, 2),
        "rss_before_mb": round(before, 1),
        "peak_rss_mb": round(peak, 1),
    }


def _attempt(base: str, text: str) -> str | None:
    try:
        document = post_essay(base, text)
    except OSError as error:
        return str(error)
    return None if document.get("schema") == "argmine/1" else f"unexpected answer: {document}"


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument("--workers", type=int, default=2)
    arguments.add_argument("--essays", type=int, default=30, help="essays in the class")
    arguments.add_argument("--repeat", type=int, default=10, help="latency measurements")
    arguments.add_argument("--concurrent", type=int, default=20, help="requests at once")
    arguments.add_argument("--output", type=Path, help="write the results here (JSON)")
    options = arguments.parse_args()

    paths = sorted(essays_dir().glob("*.txt"))
    chosen = paths[: options.essays]
    by_length = sorted(paths, key=lambda path: abs(len(path.read_text("utf-8").split()) - 400))
    four_hundred = by_length[0].read_text(encoding="utf-8")
    load_texts = [path.read_text(encoding="utf-8") for path in paths[-options.concurrent :]]

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "argmine", "serve", "--port", str(port)]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    child = subprocess.Popen([*command, "--workers", str(options.workers)])
    try:
        wait_until_up(base, child)
        startup = time.perf_counter() - started
        server = psutil.Process(child.pid)
        result = {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores (shared), "
            f"load {load:.1f} at start",
            "workers": options.workers,
            "startup_s": round(startup, 1),
            "class": run_class(base, chosen),
            "latency": run_latency(base, four_hundred, options.repeat),
            "load": run_load(base, server, load_texts),
        }
    finally:
        child.terminate()
        child.wait(timeout=60)
    print(json.dumps(result, indent=2))
    if options.output:
        options.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
