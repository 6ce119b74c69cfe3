"""How often the segmenter's splits inside a sentence agree with each corpus's gold components.

    PYTHONPATH=src python benchmarks/split_agreement.py [--corpora DIR]

For every pair of adjacent segments inside one sentence, the split between them is *across*
when a gold component runs over it (the split cut a component in two), *right* when gold
components lie on both sides of it, *one*/*none* when only one side or neither overlaps one.
Splits are counted by the first word of the second segment, on the 8 ElecDeb train debates
that ``argmine train units --limit 8`` reads, the 20 development-annotated student essays and
the 112 arg-microtexts, with the bundled parser's cached parses. The counts decided which
clause kinds the segmenter splits off (docs/structure.md, *Segmentation*).
"""

from __future__ import annotations

import argparse
import collections
import itertools
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from argmine.evaluation.student_essays import as_persuasive_essay, read_dev_annotation
from argmine.pipeline import document_segments
from argmine.training.corpora import corpora_root, iter_microtexts
from argmine.training.corpora.elecdeb import ElecdebSplit, debate_names, read_debates
from argmine.training.parse_cache import parse_cached
from argmine.types import ParsedText

Document = tuple[ParsedText, Sequence[tuple[int, int]]]
OUTCOMES = ("across", "right", "one", "none")


def _elecdeb(corpora: Path) -> Iterator[Document]:
    folder = corpora / "elecdeb60to20"
    for debate in read_debates(folder, debate_names(folder, ElecdebSplit.TRAIN)[:8]):
        gold = [(c.start, c.end) for c in debate.components]
        yield parse_cached(debate.text, parser="bundled"), gold


def _student_essays(corpora: Path) -> Iterator[Document]:
    folder = corpora / "student-essays"
    for path in sorted((folder / "dev-annotations").glob("*.json")):
        text = (folder / "essays" / f"{path.stem}.txt").read_text(encoding="utf-8")
        essay = as_persuasive_essay(read_dev_annotation(path, text), text)
        yield parse_cached(text, parser="bundled"), [(c.start, c.end) for c in essay.components]


def _microtexts(corpora: Path) -> Iterator[Document]:
    for text in iter_microtexts(corpora / "arg-microtexts" / "corpus" / "en"):
        gold = [(s.start, s.end) for adu in text.adus for s in text.stretches_of(adu.id)]
        yield parse_cached(text.text, parser="bundled"), gold


def split_outcomes(documents: Iterable[Document]) -> collections.Counter[tuple[str, str]]:
    """``(opening word, outcome)`` counts of every split inside a sentence."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for parsed, gold in documents:
        _layout, _moves, spans = document_segments(parsed)
        sentences = [(s.start, s.end) for s in parsed.sentences]
        for left, right in itertools.pairwise(spans):
            if not any(s <= left.start and right.end <= e for s, e in sentences):
                continue
            words = parsed.text[right.start : right.end].split()
            opener = words[0].lower().strip(",\"'") if words else ""
            cut = right.start
            if any(s < cut - 2 and cut + 2 < e for s, e in gold):
                outcome = "across"
            else:
                sides = [
                    any(max(part.start, s) < min(part.end, e) for s, e in gold)
                    for part in (left, right)
                ]
                outcome = "right" if all(sides) else ("one" if any(sides) else "none")
            counts[(opener, outcome)] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=None)
    parser.add_argument("--min-count", type=int, default=5)
    arguments = parser.parse_args()
    corpora = arguments.corpora or corpora_root()
    for name, documents in (
        ("ElecDeb train (8 debates)", _elecdeb(corpora)),
        ("student essays (20 annotated)", _student_essays(corpora)),
        ("arg-microtexts (112)", _microtexts(corpora)),
    ):
        counts = split_outcomes(documents)
        print(f"## {name}\n\n| opened by | {' | '.join(OUTCOMES)} |\n|---|---|---|---|---|")
        openers = {opener for opener, _outcome in counts}
        for opener in sorted(openers, key=lambda o: -sum(counts[(o, x)] for x in OUTCOMES)):
            row = [counts[(opener, outcome)] for outcome in OUTCOMES]
            if sum(row) >= arguments.min_count:
                print(f"| {opener} | {' | '.join(map(str, row))} |")
        print()


if __name__ == "__main__":
    main()
