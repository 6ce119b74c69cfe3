"""How well the marker-sense classifier does on GUM, next to a majority baseline.

:func:`score_senses` gives per-kind P/R/F1, :func:`tune` grid-searches on GUM dev and
:func:`evaluate` scores a model on GUM test (``argmine evaluate moves`` prints
:func:`format_table` of it).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from argmine.evaluation.tables import markdown_table
from argmine.moves.senses import (
    FIXED_SENSES,
    default_model_path,
    load_default_model,
    load_model,
)
from argmine.training.corpora.gum import Split
from argmine.training.sense_classifiers import MajoritySenseBaseline, MarkerSenseClassifier
from argmine.training.senses import gum_training_data
from argmine.types import MoveKind


def score_senses(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Per-kind precision/recall/F1 (each move kind the positive class) and their averages.

    ``macro_f1`` averages the kinds that occur in ``gold`` or ``predicted`` ("none" is never
    a positive class); ``micro_f1`` pools their counts; ``accuracy`` counts "none" too.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    per_kind: dict[str, dict[str, float]] = {}
    totals = [0, 0, 0]
    f1s = []
    for kind in MoveKind:
        label = kind.value
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p == label)
        support = sum(1 for g in gold if g == label)
        chosen = sum(1 for p in predicted if p == label)
        precision = tp / chosen if chosen else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_kind[label] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "support": support,
            "predicted": chosen,
        }
        totals[0] += tp
        totals[1] += chosen
        totals[2] += support
        if support or chosen:
            f1s.append(f1)
    tp, chosen, support = totals
    micro_p = tp / chosen if chosen else 0.0
    micro_r = tp / support if support else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "per_kind": per_kind,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "micro_f1": micro,
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "accuracy": correct / len(gold) if gold else 0.0,
        "occurrences": len(gold),
    }


def tune(
    gum_dir: Path | str,
    grid: Mapping[str, Sequence[Any]] | None = None,
) -> list[dict[str, Any]]:
    """Fit on GUM train for every parameter combination; score on dev, best macro-F1 first."""
    grid = grid or {
        "C": (0.03, 0.1, 0.3, 1.0, 3.0, 10.0),
        "class_weight": (None, "balanced"),
        "min_count": (1, 2),
    }
    train_x, train_y = gum_training_data(gum_dir, Split.TRAIN)
    dev_x, dev_y = gum_training_data(gum_dir, Split.DEV)
    results = []
    names = list(grid)
    for values in itertools.product(*(grid[name] for name in names)):
        params = dict(zip(names, values, strict=True))
        started = time.perf_counter()
        model = MarkerSenseClassifier(**params).fit(train_x, train_y)
        scores = score_senses(dev_y, [str(label) for label in model.predict(dev_x)])
        results.append(
            {
                "params": params,
                "macro_f1": scores["macro_f1"],
                "micro_f1": scores["micro_f1"],
                "accuracy": scores["accuracy"],
                "seconds": time.perf_counter() - started,
            }
        )
    results.sort(key=lambda result: (-result["macro_f1"], -result["micro_f1"]))
    return results


def evaluate(gum_dir: Path | str, model_path: Path | str | None = None) -> dict[str, Any]:
    """Score a model and the majority baseline on GUM test (all lexicon-marker occurrences).

    The model is ``model_path`` or the shipped one; the baseline is fitted on GUM train +
    dev, the data of the shipped model. See :func:`score_senses` for the figures.
    """
    model = load_model(model_path) if model_path is not None else load_default_model()
    train_x, train_y = gum_training_data(gum_dir, Split.TRAIN)
    dev_x, dev_y = gum_training_data(gum_dir, Split.DEV)
    baseline = MajoritySenseBaseline().fit(train_x + dev_x, train_y + dev_y)
    test_x, test_y = gum_training_data(gum_dir, Split.TEST)
    learned = [i for i, c in enumerate(test_x) if c.marker not in FIXED_SENSES]
    results: dict[str, Any] = {
        "split": Split.TEST.value,
        "model_path": str(model_path if model_path is not None else default_model_path()),
        "occurrences": len(test_y),
        "fixed_occurrences": len(test_y) - len(learned),
    }
    for name, estimator in (("model", model), ("baseline", baseline)):
        predicted = [str(label) for label in estimator.predict(test_x)]
        results[name] = score_senses(test_y, predicted)
        results[f"{name}_learned_markers"] = score_senses(
            [test_y[i] for i in learned], [predicted[i] for i in learned]
        )
    return results


def format_table(results: Mapping[str, Any]) -> str:
    """The :func:`evaluate` figures as a plain-text (Markdown) table, model next to baseline."""
    model, baseline = results["model"], results["baseline"]
    rows = []
    for kind in MoveKind:
        ours, theirs = model["per_kind"][kind.value], baseline["per_kind"][kind.value]
        scores = [
            f"{side[key]:.3f}" for side in (ours, theirs) for key in ("precision", "recall", "f1")
        ]
        rows.append([kind.value, str(ours["support"]), *scores])
    for key, title in (
        ("macro_f1", "**macro-F1**"),
        ("micro_f1", "**micro-F1**"),
        ("accuracy", "accuracy (with none)"),
    ):
        rows.append([title, "", "", "", f"{model[key]:.3f}", "", "", f"{baseline[key]:.3f}"])
    header = ["move kind", "support", "model P", "model R", "model F1"]
    header += ["baseline P", "baseline R", "baseline F1"]
    lines = [
        f"GUM {results['split']}: {results['occurrences']} lexicon-marker occurrences",
        "",
        *markdown_table(header, rows, right=[False, *[True] * 7]),
    ]
    learned = results.get("model_learned_markers")
    if learned is not None:
        lines += [
            "",
            f"Learned markers only (without the {results['fixed_occurrences']} occurrences of "
            f"fixed-sense markers): macro-F1 model {learned['macro_f1']:.3f}, baseline "
            f"{results['baseline_learned_markers']['macro_f1']:.3f}; micro-F1 model "
            f"{learned['micro_f1']:.3f}, baseline "
            f"{results['baseline_learned_markers']['micro_f1']:.3f}",
        ]
    return "\n".join(lines)
