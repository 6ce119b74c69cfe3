"""Speed of the bundled pipeline with its own tagger against the same pipeline with another one.

    python benchmarks/tagger_speed.py --tagger build/tagger-wide/tagger.pt [--rounds 5]

Both pipelines are loaded in one process and parse the speed document of
``benchmarks/parser.py`` in alternating runs, with 1 and then 2 torch threads, so that the
drift of a shared machine hits both alike. Reported: the median words/s of each, every run,
and the tagger's own median time (tokenized once, tagged alone). Results go to
``benchmarks/results/tagger-speed.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import conllu
import stanza
import torch

# benchmarks/parser.py, next to this script: the same speed document.
from parser import raw_text, speed_document

from argmine.parsing.mst import install_decoder
from argmine.parsing.pipeline import PROCESSORS, bundled_pipeline_kwargs


def pipelines(tagger: Path) -> dict[str, Any]:
    kwargs = bundled_pipeline_kwargs()
    return {
        name: stanza.Pipeline("en", processors=PROCESSORS, logging_level="WARN", **(kwargs | extra))
        for name, extra in (("bundled", {}), ("other", {"pos_model_path": str(tagger)}))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tagger", type=Path, required=True, help="the other tagger's .pt file")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--corpora", type=Path, default=Path(os.environ.get("ARGMINE_CORPORA", "../shared/corpora"))
    )
    args = parser.parse_args()
    gold = args.corpora / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    document = speed_document(raw_text(conllu.parse(gold.read_text(encoding="utf-8"))))
    install_decoder()
    loaded = pipelines(args.tagger)
    words = sum(len(s.words) for s in loaded["bundled"](document).sentences)
    # Tokenized once per pipeline; tagging the same document again overwrites its tags.
    tokenized = {
        name: pipeline.processors["mwt"].process(pipeline.processors["tokenize"].process(document))
        for name, pipeline in loaded.items()
    }
    whole: dict[str, list[float]] = {}
    tagging: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for threads in (1, 2):
            torch.set_num_threads(threads)
            for name, pipeline in loaded.items():
                key = f"{name}, {threads} thread{'s' if threads > 1 else ''}"
                started = time.perf_counter()
                pipeline.processors["pos"].process(tokenized[name])
                tagging.setdefault(key, []).append(time.perf_counter() - started)
                started = time.perf_counter()
                pipeline(document)
                whole.setdefault(key, []).append(time.perf_counter() - started)
    results = {
        "other_tagger": str(args.tagger),
        "words": words,
        "runs": {
            key: {
                "words_per_second": round(words / statistics.median(seconds)),
                "words_per_second_runs": [round(words / s) for s in seconds],
                "tagger_seconds": round(statistics.median(tagging[key]), 2),
            }
            for key, seconds in whole.items()
        },
    }
    out = Path(__file__).parent / "results" / "tagger-speed.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
