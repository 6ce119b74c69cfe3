"""Evaluation on arg-microtexts with evidencegraph's 10 x 5 cross-validation.

The protocol is that of Peldszus & Stede (2015) as implemented in evidencegraph
(``evaluation.eval_prediction``): gold ADU segmentation; for each of the 50 published
train/test splits (``splits/folds_10x5.tsv``) a model is trained on the train texts and
predicts the trees of the test texts. Per split, the label vectors of all test texts are
concatenated and scored with macro-averaged F1 (scikit-learn's ``f1_score``, ``average=
"macro"``, over the labels that occur in gold or prediction) on each level:

* ``cc``: per unit, central claim or not;
* ``ro``: per unit, ``pro`` or ``opp``, read off the tree (the central claim is ``pro``,
  every attack switches the role);
* ``fu``: per unit, ``cc``, ``sup`` or ``att`` (evidencegraph's simple relation set; ``exa``
  and linked premises count as ``sup``, ``reb`` and ``und`` as ``att``);
* ``fu_full``: per unit, ``cc``, ``sup``, ``reb`` or ``und``;
* ``at``: per ordered pair of different units ``(i, j)``, whether ``i`` attaches to ``j``.

The reported score is the mean (and sample standard deviation) over the 50 splits.

The ``e2e`` protocol (:func:`end_to_end`) measures argmine from the raw text instead: on the
five folds of the first iteration (every text is tested once), a model is trained on the
gold segments of the train texts exactly as above, and each test text goes through
:func:`argmine.pipeline.analyze_parsed` with that model (layout, moves, segmentation,
structure). It reports how often the predicted central claim matches the gold one under the
half-overlap rule of :func:`argmine.evaluation.essays.match_units`, units P/R/F1 against the
gold ADUs, and the same split's central-claim accuracy on gold segments for comparison. A
missed central claim is a ``split`` or ``merge`` when no predicted unit matches the gold
one (the segmenter cut it, or joined it with a neighbour), else a ``choice`` error.

Each microtext is parsed once by the chosen Stanza models and the parse is cached as JSON
(:mod:`argmine.training.parse_cache`, under ``$ARGMINE_HOME/cache``), so repeated runs and all
50 splits share one parse per text.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
from sklearn.base import clone

from argmine.errors import CorpusError, InputError
from argmine.evaluation.essays import f1, match_units, ratio
from argmine.evaluation.tables import markdown_table
from argmine.parsing import ParserSource
from argmine.parsing.pipeline import resolve_source
from argmine.pipeline import analyze_parsed
from argmine.structure.models import StructureModel, TextFeatures, text_features
from argmine.training.corpora import iter_microtexts, read_folds
from argmine.training.corpora.microtexts import FoldSplit
from argmine.training.structure import (
    load_training_texts,
    microtexts_paths,
    single_threaded,
    training_texts_of,
)
from argmine.training.structure_model import (
    LEVELS,
    ArgumentStructureModel,
    TrainingText,
    tree_scores,
)
from argmine.types import ParsedText, UnitRole

__all__ = [
    "PROTOCOLS",
    "PUBLISHED",
    "EndToEndText",
    "Published",
    "cross_validate",
    "end_to_end",
    "end_to_end_summary",
    "evaluate_microtexts",
    "evaluate_model_on_directory",
    "format_end_to_end_table",
    "format_table",
    "to_json_results",
]

Progress = Callable[[str], None]

#: The protocols :func:`evaluate_microtexts` runs.
PROTOCOLS = ("10x5", "e2e")


@attrs.frozen
class Published:
    """Published 10 x 5 results on arg-microtexts (English), macro F1 per level."""

    system: str
    source: str
    scores: dict[str, float]


#: Results to compare with. Only numbers we could check are listed; a level a paper does not
#: report (or that we could not verify) is left out.
PUBLISHED: tuple[Published, ...] = (
    Published(
        "EG (best)",
        "Peldszus & Stede 2015, EMNLP",
        {"cc": 0.869, "at": 0.693},
    ),
    Published(
        "MP+p",
        "as reported by Potash et al. 2017",
        {"at": 0.720},
    ),
    Published(
        "ILP joint",
        "Stab & Gurevych 2017, CL",
        {"cc": 0.857, "at": 0.683},
    ),
    Published(
        "Joint pointer network",
        "Potash et al. 2017, EMNLP",
        {"cc": 0.813, "at": 0.740},
    ),
    Published(
        "evidencegraph, minimal run",
        "evidencegraph README (first 5 of the 50 splits, untuned)",
        {"cc": 0.861, "ro": 0.771, "fu": 0.754, "at": 0.712},
    ),
)


# -- cross-validation -----------------------------------------------------------------------


def _fitted_splits(
    texts: Sequence[TrainingText],
    splits: Sequence[FoldSplit],
    model: ArgumentStructureModel | None,
    features: Mapping[str, TextFeatures],
) -> Iterator[tuple[FoldSplit, ArgumentStructureModel, list[TrainingText]]]:
    """Each split with a fresh clone of ``model`` fitted on its train texts, and its test
    texts (features computed once for all splits)."""
    by_id = {text.id: text for text in texts}
    template = model if model is not None else ArgumentStructureModel()
    for split in splits:
        missing = [text_id for text_id in split.test if text_id not in by_id]
        if missing:
            raise CorpusError(f"split {split.split}", f"unknown test texts {missing[:3]}")
        train_ids = split.train(by_id)
        fitted = clone(template).fit(
            [by_id[i] for i in train_ids], [features[i] for i in train_ids]
        )
        yield split, fitted, [by_id[i] for i in split.test]


def cross_validate(
    texts: Sequence[TrainingText],
    splits: Sequence[FoldSplit],
    *,
    model: ArgumentStructureModel | None = None,
    progress: Progress | None = None,
) -> list[dict[str, float]]:
    """Train and test ``model`` (a fresh clone per split) on each split; scores per split."""
    features = {text.id: text_features(text.parsed, text.units, text.moves) for text in texts}
    results = []
    with single_threaded():
        for split, fitted, test in _fitted_splits(texts, splits, model, features):
            predictions = [
                fitted.predict_structure(t.parsed, t.units, features=features[t.id]) for t in test
            ]
            scores = tree_scores(test, predictions)
            results.append(scores)
            if progress is not None:
                shown = " ".join(f"{level}={value:.3f}" for level, value in scores.items())
                progress(f"split {split.split + 1}/{len(splits)}: {shown}")
    return results


# -- end to end from the raw text -----------------------------------------------------------


@attrs.frozen
class EndToEndText:
    """One test text of the ``e2e`` protocol: gold and predicted units, as character spans."""

    id: str
    split: int
    gold: tuple[tuple[int, int], ...]
    gold_cc: int
    predicted: tuple[tuple[int, int], ...]
    #: Index of the predicted central claim in ``predicted`` (None: no unit was found).
    predicted_cc: int | None
    #: Index of the central claim the same model picks on the gold segments.
    gold_segments_cc: int

    @property
    def matched(self) -> dict[int, int]:
        """``predicted index -> gold index`` under the half-overlap rule."""
        return match_units(self.predicted, self.gold)

    @property
    def cc_hit(self) -> bool:
        """Whether the predicted central claim matches the gold central claim."""
        return self.predicted_cc is not None and self.matched.get(self.predicted_cc) == self.gold_cc

    @property
    def error(self) -> str | None:
        """Why the central claim was missed (None: hit).

        ``split`` or ``merge`` when the segmentation is to blame: the predicted central claim
        overlaps the gold one without matching it (shorter: split, longer: merged with a
        neighbour), or no predicted unit matches the gold one. ``choice`` when the gold one
        is a predicted unit but another unit was chosen.
        """
        if self.cc_hit:
            return None
        start, end = self.gold[self.gold_cc]
        if self.predicted_cc is not None:
            chosen = self.predicted[self.predicted_cc]
            if min(end, chosen[1]) > max(start, chosen[0]):
                return "merge" if chosen[1] - chosen[0] > end - start else "split"
        if self.gold_cc in self.matched.values():
            return "choice"
        overlapping = [p for p in self.predicted if min(end, p[1]) > max(start, p[0])]
        longest = max((p[1] - p[0] for p in overlapping), default=0)
        return "merge" if longest > end - start else "split"


def end_to_end(
    texts: Sequence[TrainingText],
    splits: Sequence[FoldSplit],
    *,
    model: ArgumentStructureModel | None = None,
    progress: Progress | None = None,
) -> list[EndToEndText]:
    """Train on each split's gold-segment train texts, analyse its test texts from the parse.

    The analysis is :func:`~argmine.pipeline.analyze_parsed` with the split's model, so the
    segmentation, the moves and the choice between the microtext model and the document
    decoder are those of ``argmine.analyze``.
    """
    features = {text.id: text_features(text.parsed, text.units, text.moves) for text in texts}
    results: list[EndToEndText] = []
    with single_threaded():
        for split, fitted, test in _fitted_splits(texts, splits, model, features):
            runtime = fitted.to_runtime()
            for text in test:
                on_gold = runtime.predict_structure(
                    text.parsed, text.units, features=features[text.id]
                )
                analysis = analyze_parsed(text.parsed, structure_model=runtime)
                central = [
                    i for i, u in enumerate(analysis.units) if u.role is UnitRole.CENTRAL_CLAIM
                ]
                results.append(
                    EndToEndText(
                        text.id,
                        split.split,
                        tuple((span.start, span.end) for span in text.units),
                        text.parents.index(None),
                        tuple((unit.start, unit.end) for unit in analysis.units),
                        central[0] if central else None,
                        on_gold.tree.parents.index(None),
                    )
                )
            if progress is not None:
                tested = results[-len(split.test) :]
                hits = sum(record.cc_hit for record in tested)
                progress(f"split {split.split + 1}/{len(splits)}: cc {hits}/{len(tested)}")
    return results


def end_to_end_summary(records: Sequence[EndToEndText]) -> dict[str, Any]:
    """The ``e2e`` figures of :func:`end_to_end` records (pooled over texts)."""
    predicted = sum(len(record.predicted) for record in records)
    gold = sum(len(record.gold) for record in records)
    matched = sum(len(record.matched) for record in records)
    precision, recall = ratio(matched, predicted), ratio(matched, gold)
    errors = [record.error for record in records]
    return {
        "n_texts": len(records),
        "cc_accuracy": ratio(sum(record.cc_hit for record in records), len(records)),
        "cc_accuracy_gold_segments": ratio(
            sum(record.gold_segments_cc == record.gold_cc for record in records), len(records)
        ),
        "units": {
            "precision": precision,
            "recall": recall,
            "f1": f1(precision, recall),
            "predicted": predicted,
            "gold": gold,
            "matched": matched,
        },
        "cc_errors": {kind: errors.count(kind) for kind in ("split", "merge", "choice")},
        "texts": [
            {**attrs.asdict(record), "cc_hit": record.cc_hit, "error": record.error}
            for record in records
        ],
    }


def format_end_to_end_table(results: dict[str, Any]) -> str:
    """A Markdown table of an ``e2e`` result of :func:`evaluate_microtexts`."""
    units = results["units"]
    errors = results["cc_errors"]
    header = ["texts", "cc (end to end)", "cc (gold segments)", "units P", "units R", "units F1"]
    row = [
        str(results["n_texts"]),
        f"{results['cc_accuracy']:.3f}",
        f"{results['cc_accuracy_gold_segments']:.3f}",
        *(f"{units[key]:.3f}" for key in ("precision", "recall", "f1")),
    ]
    missed = ", ".join(f"{kind} {count}" for kind, count in errors.items())
    lines = markdown_table(header, [row])
    return "\n".join([*lines, "", f"central claims missed: {missed}"]) + "\n"


def _summary(values: Sequence[float]) -> dict[str, Any]:
    return {
        "mean": statistics.fmean(values),
        "sd": statistics.stdev(values) if len(values) > 1 else 0.0,
        "values": list(values),
    }


def evaluate_microtexts(
    path: Path | str | None = None,
    protocol: str = "10x5",
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    max_splits: int | None = None,
    model: ArgumentStructureModel | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Run a protocol of the module docstring on arg-microtexts.

    ``10x5`` returns ``{"protocol", "corpus", "parser", "n_texts", "n_splits", "levels":
    {level: {"mean", "sd", "values"}}, "published": [...]}``; ``e2e`` returns the same first
    keys and :func:`end_to_end_summary`. ``max_splits`` runs only the first splits (for a
    quick look; the protocols are all 50 splits, and the five of the first iteration).
    """
    if protocol not in PROTOCOLS:
        raise InputError(f"unknown protocol {protocol!r}; argmine evaluates with {PROTOCOLS}")
    directory, folds_path = microtexts_paths(path)
    splits = read_folds(folds_path)
    if protocol == "e2e":
        first = min(split.iteration for split in splits)
        splits = [split for split in splits if split.iteration == first]
    if max_splits is not None:
        splits = splits[:max_splits]
    texts = load_training_texts(
        directory, parser=parser, cache_dir=cache_dir, parse_text=parse_text
    )
    header: dict[str, Any] = {
        "protocol": protocol,
        "corpus": str(directory),
        "parser": "custom" if parse_text is not None else resolve_source(parser),
        "n_splits": len(splits),
    }
    if protocol == "e2e":
        records = end_to_end(texts, splits, model=model, progress=progress)
        return {**header, **end_to_end_summary(records)}
    per_split = cross_validate(texts, splits, model=model, progress=progress)
    return {
        **header,
        "n_texts": len(texts),
        "levels": {level: _summary([scores[level] for scores in per_split]) for level in LEVELS},
        "published": [attrs.asdict(entry) for entry in PUBLISHED],
    }


_COLUMNS = (("cc", "cc"), ("ro", "ro"), ("fu", "fu"), ("fu_full", "fu (sup/reb/und)"), ("at", "at"))


def format_table(results: dict[str, Any]) -> str:
    """A Markdown table of an :func:`evaluate_microtexts` result next to published numbers."""
    levels = results.get("levels", {})
    cells = []
    for level, _title in _COLUMNS:
        entry = levels.get(level)
        cells.append("–" if entry is None else f"{entry['mean']:.3f} ± {entry['sd']:.3f}")
    name = f"argmine ({results.get('n_splits', '?')} splits, {results.get('parser', '?')} parser)"
    rows = [[name, *cells]]
    for entry in results.get("published", [attrs.asdict(p) for p in PUBLISHED]):
        scores = entry["scores"]
        row = [f"{scores[level]:.3f}" if level in scores else "–" for level, _ in _COLUMNS]
        rows.append([f"{entry['system']} ({entry['source']})", *row])
    header = ["system", *(title for _, title in _COLUMNS)]
    return "\n".join(markdown_table(header, rows)) + "\n"


# -- training and evaluating one model ------------------------------------------------------


def evaluate_model_on_directory(
    model: StructureModel | ArgumentStructureModel,
    directory: Path | str,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
) -> dict[str, Any]:
    """Score a trained model on every text of a folder of arggraph files (no training).

    Returns ``{"n_texts", "cc", "ro", "fu", "at", "n_implicit_left_out", "n_restatements"}``:
    macro F1 over all texts pooled, with the level definitions of the module docstring, over
    the trees :meth:`~argmine.training.corpora.microtexts.Microtext.scored_tree` makes; then
    how many implicit ADUs were left out for not occurring in their text, and how many later
    statements of a discontinuous ADU were set aside as restatements.
    """
    microtexts = list(iter_microtexts(directory))
    texts = training_texts_of(microtexts, parser=parser, cache_dir=cache_dir, parse_text=parse_text)
    with single_threaded():
        predictions = [model.predict_structure(t.parsed, t.units, moves=t.moves) for t in texts]
    scores = tree_scores(texts, predictions)
    result: dict[str, Any] = {"n_texts": len(texts)}
    result.update({level: scores[level] for level in ("cc", "ro", "fu", "at")})
    trees = [microtext.scored_tree() for microtext in microtexts]
    result["n_implicit_left_out"] = sum(len(tree.left_out) for tree in trees)
    result["n_restatements"] = sum(len(tree.restatements) for tree in trees)
    return result


def to_json_results(results: dict[str, Any]) -> str:
    """The results of :func:`evaluate_microtexts` as indented JSON."""
    return json.dumps(results, indent=2)
