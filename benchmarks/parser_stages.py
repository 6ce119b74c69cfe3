"""Where the bundled pipeline spends its time, and what Stanza's settings change.

    python benchmarks/parser_stages.py [--corpora ../shared/corpora] [--rounds 3]

On the speed document of ``benchmarks/parser.py`` (the first 60,000 characters of the EWT
test text), one torch thread:

* seconds per Stanza processor (tokenize, mwt, pos, lemma, depparse), the best of
  ``--rounds`` runs, for the bundled settings and for other batch sizes, each checked to give
  the same words, lemmas, tags and trees;
* the same document split at its middle paragraph break and parsed as two halves in two
  Python threads (one torch thread each) against one call, interleaved.

Results go to ``benchmarks/results/parser-stages.json``. Run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import conllu
import stanza
import torch

# benchmarks/parser.py, next to this script: the same speed document.
from parser import raw_text, speed_document

from argmine.parsing.mst import install_decoder
from argmine.parsing.pipeline import PROCESSORS, bundled_pipeline_kwargs

SETTINGS: list[dict[str, Any]] = [
    {},
    {"tokenize_batch_size": 128},
    {"pos_batch_size": 3000, "pos_batch_maximum_tokens": 3000},
    {"pos_batch_size": 300, "pos_batch_maximum_tokens": 1000},
    {"lemma_batch_size": 500},
    {"depparse_batch_size": 300},
    {"depparse_batch_size": 1000},
    {"depparse_batch_size": 5000},
]


def bundled_pipeline(**extra: Any) -> Any:
    """The bundled pipeline as argmine builds it (argmine's tree decoder), plus ``extra``."""
    install_decoder()
    options = {**bundled_pipeline_kwargs(), **extra}
    return stanza.Pipeline("en", processors=PROCESSORS, logging_level="ERROR", **options)


def signature(*docs: Any) -> list[tuple[Any, ...]]:
    return [
        (word.text, word.lemma, word.upos, word.feats, word.head, word.deprel)
        for doc in docs
        for sentence in doc.sentences
        for word in sentence.words
    ]


def stages(text: str, rounds: int) -> list[dict[str, Any]]:
    pipelines = []
    for extra in SETTINGS:
        pipeline = bundled_pipeline(**extra)
        pipeline(text[:2000])  # warm up
        pipelines.append(pipeline)
    best: list[dict[str, float]] = [{} for _ in SETTINGS]
    signatures: list[list[tuple[Any, ...]]] = [[] for _ in SETTINGS]
    for _ in range(rounds):  # interleaved, so a slow minute hits every setting
        for index, pipeline in enumerate(pipelines):
            doc = stanza.Document([], text=text)
            for name, processor in pipeline.processors.items():
                started = time.perf_counter()
                doc = processor.process(doc)
                seconds = time.perf_counter() - started
                best[index][name] = min(best[index].get(name, float("inf")), seconds)
            signatures[index] = signature(doc)
    words = len(signatures[0])
    return [
        {
            "settings": extra,
            "seconds": {name: round(value, 2) for name, value in times.items()},
            "words_per_second": round(words / sum(times.values())),
            "same_output_as_bundled": found == signatures[0],
        }
        for extra, times, found in zip(SETTINGS, best, signatures, strict=True)
    ]


def paragraph_threads(text: str, rounds: int) -> dict[str, Any]:
    pipeline = bundled_pipeline()
    pipeline(text[:2000])
    paragraphs = text.split("\n\n")
    middle = len(paragraphs) // 2
    halves = ["\n\n".join(paragraphs[:middle]), "\n\n".join(paragraphs[middle:])]
    whole_runs, split_runs, same = [], [], True
    for _ in range(rounds):
        started = time.perf_counter()
        whole = pipeline(text)
        whole_runs.append(time.perf_counter() - started)
        started = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            parts = list(pool.map(pipeline, halves))
        split_runs.append(time.perf_counter() - started)
        same = same and signature(whole) == signature(*parts)
    return {
        "one_call_s": [round(run, 2) for run in whole_runs],
        "two_threads_s": [round(run, 2) for run in split_runs],
        "speedups": [round(a / b, 2) for a, b in zip(whole_runs, split_runs, strict=True)],
        "same_output": same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(os.environ.get("ARGMINE_CORPORA", "../shared/corpora"))
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    gold = args.corpora / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    text = speed_document(raw_text(conllu.parse(gold.read_text(encoding="utf-8"))))
    results = {
        "date": time.strftime("%Y-%m-%d"),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "stages": stages(text, args.rounds),
        "paragraph_threads": paragraph_threads(text, args.rounds),
    }
    output = Path(__file__).parent / "results" / "parser-stages.json"
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
