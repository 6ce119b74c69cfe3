"""Accuracy, speed and memory of argmine's Stanza models on UD English EWT test.

    python benchmarks/parser.py [--corpora ../shared/corpora] [--parser bundled|official|both]

Accuracy uses the CoNLL 2018 shared-task evaluation (``udtools.udeval``, which Stanza itself
uses) from raw text and from gold tokenization. Speed is measured on a multi-paragraph
document (the EWT test text) with 1 and 2 torch threads, five alternating runs each (the
median is reported, every run is kept); peak RSS is the process maximum
after loading and parsing. Results go to ``benchmarks/results/parser-<parser>.json``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import conllu
import torch
from udtools import udeval

from argmine.parsing import clear_cache, load_pipeline, official_models_present

#: Speed runs per thread count; the figure reported is their median.
SPEED_ROUNDS = 5
METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")
#: Stanza 1.x official English EWT models (charlm + pretrained vectors), from the Stanza
#: performance page (UD 2.12 test, raw text), for comparison when they are not installed.
PUBLISHED_OFFICIAL = {
    "source": "stanfordnlp.github.io/stanza/performance.html (en_ewt)",
    "note": "cited, not measured here",
}


def raw_text(sentences: list[conllu.TokenList]) -> str:
    """The test documents as plain text: paragraphs separated by blank lines."""
    parts: list[str] = []
    for sentence in sentences:
        new_paragraph = any(key.startswith(("newpar", "newdoc")) for key in sentence.metadata)
        if parts:
            parts.append("\n\n" if new_paragraph else " ")
        parts.append(sentence.metadata["text"])
    return "".join(parts)


def speed_document(text: str) -> str:
    """The multi-paragraph document speed is measured on: the first ~10,000 words of ``text``."""
    return text[:60_000]


def gold_words(sentences: list[conllu.TokenList]) -> list[list[str]]:
    return [
        [token["form"] for token in sentence if isinstance(token["id"], int)]
        for sentence in sentences
    ]


def score(gold_path: Path, system_conllu: str) -> dict[str, float]:
    gold = udeval.load_conllu_file(str(gold_path))
    system = udeval.load_conllu(io.StringIO(system_conllu), "", {})
    results = udeval.evaluate(gold, system)
    return {name: round(100 * results[name].f1, 2) for name in METRICS}


def conll(doc: Any) -> str:
    """Stanza's CoNLL-U, with over-long tokens (which Stanza turns into ``<UNK>``) restored."""
    from stanza.utils.conll import CoNLL

    for sentence in doc.sentences:
        for token in sentence.tokens:
            if token.start_char is not None and len(token.words) == 1:
                surface = doc.text[token.start_char : token.end_char]
                token.text = token.words[0].text = surface

    return (
        "\n\n".join(
            "\n".join("\t".join(word) for word in sentence)
            for sentence in CoNLL.convert_dict(doc.to_dict())
        )
        + "\n\n"
    )


def timed_parse(pipeline: Any, document: Any, threads: int) -> tuple[Any, float]:
    torch.set_num_threads(threads)
    started = time.perf_counter()
    doc = pipeline(document)
    return doc, time.perf_counter() - started


def benchmark(source: str, gold_path: Path) -> dict[str, Any]:
    sentences = conllu.parse(gold_path.read_text(encoding="utf-8"))
    text = raw_text(sentences)
    clear_cache()
    started = time.perf_counter()
    pipeline = load_pipeline(source)  # type: ignore[arg-type]
    load_seconds = time.perf_counter() - started
    pretokenized = load_pipeline(source, pretokenized=True)  # type: ignore[arg-type]

    results: dict[str, Any] = {"parser": source, "load_seconds": round(load_seconds, 2)}
    doc, _ = timed_parse(pipeline, text, 2)
    results["raw_text"] = score(gold_path, conll(doc))
    gold_doc, _ = timed_parse(pretokenized, gold_words(sentences), 2)
    results["gold_tokenization"] = score(gold_path, conll(gold_doc))

    speed_text = speed_document(text)
    pipeline(speed_text[:2000])  # warm up
    runs: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(SPEED_ROUNDS):  # alternate, so a slow minute on a shared machine hits both
        for threads in runs:
            doc, seconds = timed_parse(pipeline, speed_text, threads)
            runs[threads].append(seconds)
    words = sum(len(sentence.words) for sentence in doc.sentences)
    sentences_count = len(doc.sentences)
    for threads, times in runs.items():
        seconds = statistics.median(times)
        results[f"speed_{threads}_threads"] = {
            "words": words,
            "sentences": sentences_count,
            "seconds": round(seconds, 2),
            "words_per_second": round(words / seconds),
            "sentences_per_second": round(sentences_count / seconds, 1),
            "words_per_second_runs": [round(words / run) for run in times],
        }
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpora", type=Path, default=Path(os.environ.get("ARGMINE_CORPORA", "../shared/corpora"))
    )
    parser.add_argument("--parser", choices=["bundled", "official", "both"], default="both")
    args = parser.parse_args()
    gold = args.corpora / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    sources = ["bundled", "official"] if args.parser == "both" else [args.parser]
    out_dir = Path(__file__).parent / "results"
    out_dir.mkdir(exist_ok=True)
    for source in sources:
        if source == "official" and not official_models_present():
            print(json.dumps({"parser": "official", "measured": False, **PUBLISHED_OFFICIAL}))
            continue
        results = benchmark(source, gold)
        (out_dir / f"parser-{source}.json").write_text(json.dumps(results, indent=2) + "\n")
        json.dump(results, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
