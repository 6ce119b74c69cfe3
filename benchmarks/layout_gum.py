"""Headings of GUM documents found by argmine's layout rules: precision and recall.

    python benchmarks/layout_gum.py [--corpora ../shared/corpora] [--details]

GUM's CoNLL-U marks every paragraph block (``# newpar_block = head | p | item | sp …``). Each
GUM document (the 15 GUM genres, not GENTLE) is rebuilt as plain text, one block per
paragraph with a blank line between, and :func:`argmine.layout.detect_layout` runs on it. A
``head`` block counts as found when a layout span of any kind covers exactly that block. A
layout span on a block of running text (``p``, ``quote``, ``sp``) is a false positive; spans on
list items are not counted either way (they carry no argument). A ``figure`` block (a
picture's caption or credit) counts as covered when layout spans cover 90 % of it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from argmine.layout import detect_layout
from argmine.training.corpora import corpora_root

RUNNING_TEXT = frozenset({"p", "quote", "sp"})


def gum_blocks(path: Path) -> list[tuple[str, str]]:
    """``(block type, text)`` of every paragraph block of a GUM CoNLL-U file."""
    blocks: list[tuple[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newpar_block"):
            blocks.append((line.split("=", 1)[1].split()[0], []))
        elif line[:1].isdigit() and blocks:
            columns = line.split("\t")
            if "." in columns[0] or "-" in columns[0]:
                continue
            space = "" if "SpaceAfter=No" in columns[9] else " "
            blocks[-1][1].append(columns[1] + space)
    return [(kind, "".join(words).strip()) for kind, words in blocks if "".join(words).strip()]


def main() -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--corpora", type=Path, default=None)
    arguments.add_argument("--details", action="store_true", help="Print every error.")
    options = arguments.parse_args()
    folder = (options.corpora or corpora_root()) / "gum-discourse" / "dep"
    counts: Counter[str] = Counter()
    for path in sorted(folder.glob("GUM_*.conllu")):
        text, offsets = "", []
        for kind, block in gum_blocks(path):
            offsets.append((len(text), len(text) + len(block), kind))
            text += block + "\n\n"
        spans = detect_layout(text).spans
        found = {(span.start, span.end) for span in spans}
        for start, end, kind in offsets:
            if kind == "figure":
                covered = sum(max(0, min(end, s.end) - max(start, s.start)) for s in spans)
                counts["figures"] += 1
                counts["figures covered"] += covered >= 0.9 * (end - start)
            hit = (start, end) in found
            outcome = (
                "tp"
                if kind == "head" and hit
                else "fn"
                if kind == "head"
                else "fp"
                if hit and kind in RUNNING_TEXT
                else None
            )
            if outcome is not None:
                counts[outcome] += 1
                if options.details and outcome != "tp":
                    print(outcome, path.stem, repr(text[start:end][:80]))
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    print(
        f"GUM headings: {counts['tp']} found, {counts['fp']} false, {counts['fn']} missed; "
        f"P {precision:.3f} R {recall:.3f}"
    )
    print(f"GUM figure blocks: {counts['figures covered']} of {counts['figures']} covered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
