"""Result markers on arg-microtexts part 1: does argmine call the text's conclusion where the
annotators put the central claim?

    PYTHONPATH=src python benchmarks/microtext_conclusions.py [--corpora DIR] [--details]

arg-microtexts has no move annotation, but its central claim is the text's conclusion. Every
occurrence of a result marker (*therefore*, *thus*, *hence*, *consequently*, *so*, *that's
why*, *this is why*, *accordingly*, *overall*, …; "so that", "so far", "so many" … left
out) counts as a gold conclusion when it lies inside the central claim's text and as no
conclusion otherwise; argmine's answer is a ``conclusion`` move whose marker starts there.
Precision and recall of "conclusion". Parses come from the parse cache (bundled parser).
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path

from argmine.pipeline import analyze_parsed
from argmine.training.corpora import corpora_root
from argmine.training.corpora.microtexts import iter_microtexts
from argmine.training.parse_cache import parse_cached
from argmine.types import MoveKind

#: The markers looked at: the lexicon's result markers and its summarising adverbials, as a
#: reader would search for them (the check is independent of argmine's own matching).
_RESULT = re.compile(
    r"\b(?:therefore|thus|hence|consequently|so|that's why|this is why|that is why|"
    r"which is why|accordingly|as a result|for these reasons|in conclusion|all in all|"
    r"in short|overall|to sum up)\b",
    re.IGNORECASE,
)
_NOT_RESULT = re.compile(r"so (?:that|far|much|many|called)\b|so\s+\w+ly\b", re.IGNORECASE)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("--corpora", default=None, help="the shared corpora folder")
    arguments.add_argument("--details", action="store_true", help="print every error")
    options = arguments.parse_args(argv)
    root = Path(options.corpora) if options.corpora else corpora_root()
    folder = root / "arg-microtexts" / "corpus" / "en"
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for text in iter_microtexts(folder):
        central = text.stretches_of(text.central_claim().id)
        analysis = analyze_parsed(parse_cached(text.text, parser="bundled"))
        concluded = {
            move.start + analysis.text[move.start :].lower().find(move.marker.lower())
            for move in analysis.moves
            if move.kind is MoveKind.CONCLUSION
        }
        for found in _RESULT.finditer(text.text):
            if _NOT_RESULT.match(text.text, found.start()):
                continue
            gold = any(span.start <= found.start() < span.end for span in central)
            predicted = found.start() in concluded
            key = ("tp" if predicted else "fn") if gold else ("fp" if predicted else "tn")
            counts[key] += 1
            if options.details and key in ("fp", "fn"):
                context = text.text[max(0, found.start() - 60) : found.end() + 60]
                print(f"{key} {text.id} [{found.group()}] …{context}…")
    precision = counts["tp"] / max(1, counts["tp"] + counts["fp"])
    recall = counts["tp"] / max(1, counts["tp"] + counts["fn"])
    print(f"{counts}  conclusion P {precision:.3f} R {recall:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
