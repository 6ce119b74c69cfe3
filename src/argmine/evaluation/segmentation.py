"""How well :func:`argmine.segment.segment` finds the unit borders of arg-microtexts.

``argmine evaluate segmentation`` prints :func:`format_segmentation_table` of
:func:`evaluate_segmentation`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmine.errors import CorpusError
from argmine.evaluation.tables import markdown_table
from argmine.parsing import ParserSource
from argmine.parsing.pipeline import resolve_source
from argmine.segment import BoundaryScores, boundary_scores, segment
from argmine.training.corpora import corpora_root, iter_microtexts
from argmine.training.parse_cache import cache_folder, parse_cached
from argmine.training.structure import microtexts_paths
from argmine.types import Span

__all__ = ["evaluate_segmentation", "format_segmentation_table"]


def evaluate_segmentation(
    corpora: Path | str | None = None,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
) -> dict[str, Any]:
    """Boundary P/R/F1 of :func:`argmine.segment.segment` on raw arg-microtexts.

    Gold borders are the starts of the ADUs (``arg-microtexts``) and of the EDUs
    (``arg-microtexts-multilayer``); the text's first unit is no decision and is not counted.
    """
    root = Path(corpora) if corpora is not None else corpora_root()
    directory, _folds = microtexts_paths(root / "arg-microtexts")
    edu_directory = root / "arg-microtexts-multilayer" / "corpus" / "arg"
    edus = {text.id: text for text in iter_microtexts(edu_directory, directory)}
    folder = cache_folder(cache_dir, parser)
    totals = {"adu": BoundaryScores(0, 0, 0), "edu": BoundaryScores(0, 0, 0)}
    count = 0
    for text in iter_microtexts(directory):
        if text.id not in edus:
            raise CorpusError(edu_directory, f"no EDU file for {text.id}")
        predicted = segment(parse_cached(text.text, parser=parser, folder=folder))
        adus = [span for adu in text.adus for span in text.stretches_of(adu.id)]
        gold_edus = [Span(edu.start, edu.end) for edu in edus[text.id].edus]
        totals["adu"] += boundary_scores(text.text, predicted, adus)
        totals["edu"] += boundary_scores(text.text, predicted, gold_edus)
        count += 1
    return {
        "corpus": str(root),
        "parser": resolve_source(parser),
        "n_texts": count,
        "levels": {
            level: {
                "precision": scores.precision,
                "recall": scores.recall,
                "f1": scores.f1,
                "tp": scores.true_positives,
                "fp": scores.false_positives,
                "fn": scores.false_negatives,
            }
            for level, scores in totals.items()
        },
    }


def format_segmentation_table(results: dict[str, Any]) -> str:
    """A Markdown table of an :func:`evaluate_segmentation` result."""
    rows = []
    for level, title in (("adu", "ADU (arg-microtexts)"), ("edu", "EDU (multilayer)")):
        row = results["levels"][level]
        scores = (f"{row[key]:.3f}" for key in ("precision", "recall", "f1"))
        rows.append([title, *scores, *(str(row[key]) for key in ("tp", "fp", "fn"))])
    header = ["gold borders", "P", "R", "F1", "tp", "fp", "fn"]
    return "\n".join(markdown_table(header, rows)) + "\n"
