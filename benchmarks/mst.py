"""argmine's Chu-Liu-Edmonds decoder against Stanza's, on the parser's real score matrices.

    python benchmarks/mst.py [--corpora ../shared/corpora] [--parser bundled|official]

Parses UD English EWT dev from gold tokenization (1 torch thread) with Stanza's own decoder,
recording every score matrix it decodes and the tree it returns; then decodes each matrix with
:func:`argmine.parsing.mst.chuliu_edmonds_one_root`, counts identical trees and times both
decoders on all matrices (CPU time, best of three, so other jobs on the machine matter less).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import conllu
import numpy as np
import torch
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_decoder
from stanza.models.depparse import model as parser_model

from argmine.parsing import load_pipeline
from argmine.parsing.mst import chuliu_edmonds_one_root, install_decoder

Decoder = Callable[[np.ndarray], np.ndarray]


def record_decoding(words: list[list[str]], parser: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """Every (scores, Stanza's tree) pair the dependency parser decodes while parsing ``words``."""
    pipeline = load_pipeline(parser, pretokenized=True)  # type: ignore[arg-type]
    recorded: list[tuple[np.ndarray, np.ndarray]] = []

    def recording_decoder(scores: np.ndarray) -> np.ndarray:
        tree = stanza_decoder(scores)
        recorded.append((scores.copy(), tree))
        return tree

    parser_model.chuliu_edmonds_one_root = recording_decoder
    try:
        pipeline(words)
    finally:
        install_decoder()
    return recorded


def cpu_seconds(decoder: Decoder, matrices: list[np.ndarray], repeats: int = 3) -> float:
    timings = []
    for _ in range(repeats):
        start = time.process_time()
        for scores in matrices:
            decoder(scores)
        timings.append(time.process_time() - start)
    return min(timings)


def has_tied_best_head(scores: np.ndarray) -> bool:
    """True when some word's best head is tied: where two correct decoders could disagree."""
    body = scores[1:].copy()
    np.fill_diagonal(body[:, 1:], -np.inf)
    best = body.max(axis=1, keepdims=True)
    return bool(((body == best).sum(axis=1) > 1).any())


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    arguments.add_argument(
        "--corpora", type=Path, default=Path(os.environ.get("ARGMINE_CORPORA", "../shared/corpora"))
    )
    arguments.add_argument("--parser", choices=("bundled", "official"), default="bundled")
    options = arguments.parse_args()
    torch.set_num_threads(1)

    dev = options.corpora / "ud-english-ewt" / "en_ewt-ud-dev.conllu"
    sentences = conllu.parse(dev.read_text(encoding="utf-8"))
    words = [
        [token["form"] for token in sentence if isinstance(token["id"], int)]
        for sentence in sentences
    ]
    recorded = record_decoding(words, options.parser)
    matrices = [scores for scores, _ in recorded]

    identical = sum(
        np.array_equal(chuliu_edmonds_one_root(scores), tree) for scores, tree in recorded
    )
    tied = sum(has_tied_best_head(scores) for scores in matrices)
    stanza_seconds = cpu_seconds(stanza_decoder, matrices)
    argmine_seconds = cpu_seconds(chuliu_edmonds_one_root, matrices)
    report: dict[str, Any] = {
        "sentences": len(sentences),
        "decoded matrices": len(matrices),
        "mean matrix size (words + root)": round(float(np.mean([len(m) for m in matrices])), 1),
        "matrices with a tied best head": tied,
        "identical trees": f"{identical} of {len(matrices)}",
        "Stanza decoder (CPU s)": round(stanza_seconds, 3),
        "argmine decoder (CPU s)": round(argmine_seconds, 3),
        "speed-up": f"{stanza_seconds / argmine_seconds:.1f}x",
    }
    for name, value in report.items():
        print(f"{name}: {value}")
    if identical != len(matrices):
        raise SystemExit("argmine's decoder disagreed with Stanza's")


if __name__ == "__main__":
    main()
