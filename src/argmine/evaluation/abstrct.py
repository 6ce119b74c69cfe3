"""AbstRCT evaluation: component and relation macro-F1 on the three test sets, next to
Mayer et al. (2020).

The protocol (train on neoplasm train, select on neoplasm dev, score each test set on gold
components) is described in :mod:`argmine.training.abstrct`; ``argmine evaluate abstrct``
prints :func:`format_abstrct_table` of :func:`evaluate_abstrct`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from sklearn.metrics import precision_recall_fscore_support

from argmine.evaluation.tables import markdown_table
from argmine.parsing import ParserSource
from argmine.parsing.pipeline import resolve_source
from argmine.training.abstrct import (
    ARGUMENTATIVE,
    COMPONENT_LABELS,
    RELATION_LABELS,
    AbstractFeatures,
    AbstrctModel,
    ParsedAbstract,
    Progress,
    abstract_features,
    abstrct_folder,
    features_of,
    fit_abstrct,
    load_abstracts,
)
from argmine.training.corpora.abstrct import AbstrctSplit
from argmine.training.structure import single_threaded
from argmine.types import ParsedText

__all__ = [
    "PUBLISHED_ABSTRCT",
    "TEST_SPLITS",
    "PublishedAbstrct",
    "evaluate_abstrct",
    "format_abstrct_table",
    "score_abstracts",
]
# -- evaluation ---------------------------------------------------------------------------------

#: The test sets of the ECAI 2020 experiments, in the order of the paper.
TEST_SPLITS = (AbstrctSplit.NEOPLASM_TEST, AbstrctSplit.GLAUCOMA_TEST, AbstrctSplit.MIXED_TEST)


@attrs.frozen
class PublishedAbstrct:
    """A published AbstRCT result: macro F1 per score name, with where it was read.

    ``test_set`` is None when the source does not say which test set a number is for.
    """

    system: str
    source: str
    setting: str
    test_set: str | None
    scores: dict[str, float]


#: Published numbers we could read in a source ourselves. The per-test-set tables of the
#: ECAI 2020 paper could not be read here, so only the two figures of its abstract are
#: listed; they come from another setting (components detected by sequence tagging, not
#: classified on gold spans) and the abstract names no test set.
PUBLISHED_ABSTRCT: tuple[PublishedAbstrct, ...] = (
    PublishedAbstrct(
        system="Mayer et al. 2020, best transformer models",
        source="Mayer, Cabrio & Villata 2020, ECAI, abstract (hal.science/hal-02879293)",
        setting="component detection (token tagging from raw text); relation prediction",
        test_set=None,
        scores={"component_macro_f1": 0.87, "relation_macro_f1": 0.68},
    ),
)


def _class_scores(
    gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(labels), zero_division=0
    )
    return {
        label: {
            "precision": float(precision[i]),
            "recall": float(recall[i]),
            "f1": float(f1[i]),
            "support": int(support[i]),
        }
        for i, label in enumerate(labels)
    }


def _macro(scores: Mapping[str, Mapping[str, float]], labels: Iterable[str]) -> float:
    values = [scores[label]["f1"] for label in labels]
    return float(np.mean(values))


def score_abstracts(
    model: AbstrctModel,
    abstracts: Sequence[ParsedAbstract],
    features: Sequence[AbstractFeatures] | None = None,
) -> dict[str, Any]:
    """Component and relation scores of a fitted model on gold components, pooled over the
    abstracts: macro F1 (components over Claim/Premise, relations over Support/Attack/noRel
    and over Support/Attack alone) and precision, recall, F1 and support per class."""
    computed = features_of(abstracts, features)
    gold_types: list[str] = []
    predicted_types: list[str] = []
    gold_pairs: list[str] = []
    predicted_pairs: list[str] = []
    for abstract, item in zip(abstracts, computed, strict=True):
        gold_types.extend(label.value for label in abstract.document.labels)
        predicted_types.extend(label.value for label in model.predict_components(abstract, item))
        relations = model.predict_relations(abstract, item)
        for pair, label in abstract.document.pairs.items():
            gold_pairs.append(label.value)
            predicted_pairs.append(relations[pair].value)
    components = _class_scores(gold_types, predicted_types, COMPONENT_LABELS)
    relations_scores = _class_scores(gold_pairs, predicted_pairs, RELATION_LABELS)
    return {
        "n_abstracts": len(abstracts),
        "n_components": len(gold_types),
        "n_pairs": len(gold_pairs),
        "component_macro_f1": _macro(components, COMPONENT_LABELS),
        "relation_macro_f1": _macro(relations_scores, RELATION_LABELS),
        "relation_macro_f1_support_attack": _macro(relations_scores, ARGUMENTATIVE),
        "components": components,
        "relations": relations_scores,
    }


def evaluate_abstrct(
    path: Path | str | None = None,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    model: AbstrctModel | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
    max_train: int | None = None,
    max_eval: int | None = None,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Train on neoplasm train, select on neoplasm dev, score each test set (gold components).

    ``path``: the AbstRCT folder or the corpora folder holding it (default: the corpora
    root). ``max_train`` / ``max_eval`` keep only the first abstracts of the training split /
    of dev and each test set (for a quick look; the protocol uses all). Returns ``{"protocol",
    "setting", "corpus", "parser", "n_train", "n_dev", "selection", "dev", "test": {split:
    scores}, "published": [...], "seconds"}``, each ``scores`` as :func:`score_abstracts`.
    """
    start = time.monotonic()
    splits = (AbstrctSplit.NEOPLASM_TRAIN, AbstrctSplit.NEOPLASM_DEV, *TEST_SPLITS)
    limit = {split.value: max_eval for split in splits}
    limit[AbstrctSplit.NEOPLASM_TRAIN.value] = max_train
    abstracts = load_abstracts(
        path,
        splits,
        parser=parser,
        cache_dir=cache_dir,
        parse_text=parse_text,
        limit=limit,
        progress=progress,
    )
    features = {
        split: [abstract_features(abstract) for abstract in items]
        for split, items in abstracts.items()
    }
    fitted = fit_abstrct(abstracts, model, features)
    if progress is not None:
        progress(f"trained: {fitted.selection_}")
    scores = {}
    with single_threaded():
        for split in (AbstrctSplit.NEOPLASM_DEV, *TEST_SPLITS):
            scores[split.value] = score_abstracts(
                fitted, abstracts[split.value], features[split.value]
            )
    return {
        "protocol": "AbstRCT ECAI 2020 splits: train neoplasm_train, select on neoplasm_dev",
        "setting": "gold components (component classification and relation classification)",
        "corpus": str(abstrct_folder(path)),
        "parser": "custom" if parse_text is not None else resolve_source(parser),
        "n_train": len(abstracts[AbstrctSplit.NEOPLASM_TRAIN.value]),
        "n_dev": len(abstracts[AbstrctSplit.NEOPLASM_DEV.value]),
        "selection": fitted.selection_,
        "dev": scores.pop(AbstrctSplit.NEOPLASM_DEV.value),
        "test": scores,
        "published": [attrs.asdict(entry) for entry in PUBLISHED_ABSTRCT],
        "seconds": round(time.monotonic() - start, 1),
    }


def format_abstrct_table(results: Mapping[str, Any]) -> str:
    """A Markdown table of an :func:`evaluate_abstrct` result next to published numbers."""
    keys = ("component_macro_f1", "relation_macro_f1", "relation_macro_f1_support_attack")
    name = f"argmine, gold components ({results.get('parser', '?')} parser)"
    rows = [
        [name, split, *(f"{scores[key]:.3f}" for key in keys)]
        for split, scores in results.get("test", {}).items()
    ]
    published = results.get("published", [attrs.asdict(entry) for entry in PUBLISHED_ABSTRCT])
    for entry in published:
        cells = [f"{entry['scores'][key]:.3f}" if key in entry["scores"] else "–" for key in keys]
        system = f"{entry['system']} ({entry['source']}; {entry['setting']})"
        rows.append([system, entry["test_set"] or "not stated", *cells])
    header = [
        "system",
        "test set",
        "component macro F1",
        "relation macro F1",
        "relation F1 (Support/Attack)",
    ]
    return "\n".join(markdown_table(header, rows)) + "\n"
