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

Each microtext is parsed once by the chosen Stanza models and the parse is cached as JSON
(:mod:`argmine.serialize`) under ``build/cache/parses/<parser>-<model hash>/<text hash>.json``,
so repeated runs and all 50 splits share one parse per text.
"""

from __future__ import annotations

import hashlib
import json
import statistics
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs
from sklearn.base import clone

from argmine.corpora import corpora_root, iter_microtexts, read_folds
from argmine.corpora.microtexts import FoldSplit, Microtext
from argmine.errors import CorpusError, InputError, InvalidDocumentError
from argmine.files import atomic_file
from argmine.moves import detect_moves
from argmine.parsing import ParserSource, parse
from argmine.parsing.pipeline import bundled_model_dir, resolve_source, stanza_resources_dir
from argmine.segment import BoundaryScores, boundary_scores, segment
from argmine.serialize import from_json, to_json
from argmine.structure.models import (
    LEVELS,
    ArgumentStructureModel,
    TrainingText,
    bundled_model_path,
    save_model,
    text_features,
    tree_scores,
)
from argmine.types import Analysis, ParsedText, Span

__all__ = [
    "DEFAULT_CACHE",
    "PUBLISHED",
    "Published",
    "cross_validate",
    "evaluate_microtexts",
    "evaluate_model_on_directory",
    "evaluate_segmentation",
    "format_segmentation_table",
    "format_table",
    "load_training_texts",
    "microtexts_paths",
    "parse_cached",
    "train_microtexts",
]

#: Where parses are cached unless a caller says otherwise (relative to the working directory).
DEFAULT_CACHE = Path("build") / "cache"

Progress = Callable[[str], None]


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


# -- corpus and parses ----------------------------------------------------------------------


def microtexts_paths(path: Path | str | None = None) -> tuple[Path, Path]:
    """The folder of English arggraph files and the folds file of an arg-microtexts copy.

    ``path`` may be the ``arg-microtexts`` folder, the corpora folder that holds it, or its
    ``corpus/en`` folder; None means ``corpora_root() / "arg-microtexts"``.
    """
    root = Path(path) if path is not None else corpora_root() / "arg-microtexts"
    for base in (root, root / "arg-microtexts"):
        if (base / "corpus" / "en").is_dir():
            return base / "corpus" / "en", base / "splits" / "folds_10x5.tsv"
    if root.is_dir() and any(root.glob("*.xml")):
        return root, root.parent.parent / "splits" / "folds_10x5.tsv"
    raise CorpusError(root, "not an arg-microtexts folder (expected corpus/en/*.xml)")


def _model_fingerprint(source: str) -> str:
    """A hash of the parser's model files, so that a retrained model never reuses parses."""
    digest = hashlib.sha256(source.encode())
    directory = bundled_model_dir() / "en" if source == "bundled" else stanza_resources_dir()
    files = sorted(directory.glob("*.pt")) if source == "bundled" else []
    if source != "bundled":
        files = [*sorted((directory / "en").glob("*/*.pt")), directory / "resources.json"]
    for file in files:
        if file.is_file():
            digest.update(file.name.encode())
            with file.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:16]


def cache_folder(cache_dir: Path | str | None, parser: ParserSource | None) -> Path:
    """Where parses by ``parser``'s current model files are cached (a retrained model gets a
    fresh folder)."""
    source = resolve_source(parser)
    base = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE
    return base / "parses" / f"{source}-{_model_fingerprint(source)}"


def parse_cached(
    text: str,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    folder: Path | None = None,
) -> ParsedText:
    """Parse ``text`` with the chosen Stanza models, or read the cached parse.

    A damaged cache file is parsed again and overwritten.
    """
    where = folder if folder is not None else cache_folder(cache_dir, parser)
    path = where / f"{hashlib.sha256(text.encode()).hexdigest()}.json"
    if path.is_file():
        try:
            cached = from_json(path.read_text(encoding="utf-8")).parsed
        except (InvalidDocumentError, OSError, UnicodeDecodeError):
            cached = None
        if cached is not None and cached.text == text:
            return cached
    parsed = parse(text, parser=parser)
    with atomic_file(path) as temporary:
        temporary.write_text(to_json(Analysis.from_parsed(parsed)), encoding="utf-8")
    return parsed


def load_training_texts(
    directory: Path | str,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
) -> list[TrainingText]:
    """Every arggraph text of ``directory`` with its gold structure and its (cached) parse.

    ``parse_text`` replaces the Stanza parse (for tests and experiments).
    """
    microtexts = list(iter_microtexts(directory))
    return _training_texts(microtexts, parser=parser, cache_dir=cache_dir, parse_text=parse_text)


def _training_texts(
    microtexts: Iterable[Microtext],
    *,
    parser: ParserSource | None,
    cache_dir: Path | str | None,
    parse_text: Callable[[str], ParsedText] | None,
) -> list[TrainingText]:
    folder = None if parse_text is not None else cache_folder(cache_dir, parser)

    def parsed_of(text: str) -> ParsedText:
        if parse_text is not None:
            return parse_text(text)
        return parse_cached(text, parser=parser, folder=folder)

    texts = []
    for microtext in microtexts:
        parsed = parsed_of(microtext.text)
        gold = TrainingText.from_microtext(microtext, parsed)
        texts.append(attrs.evolve(gold, moves=detect_moves(parsed)))
    return texts


# -- cross-validation -----------------------------------------------------------------------


def single_threaded() -> Any:
    """Keep BLAS/OpenMP to one thread while fitting many small models (faster on 2 cores)."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    return threadpool_limits(limits=1)


def cross_validate(
    texts: Sequence[TrainingText],
    splits: Sequence[FoldSplit],
    *,
    model: ArgumentStructureModel | None = None,
    progress: Progress | None = None,
) -> list[dict[str, float]]:
    """Train and test ``model`` (a fresh clone per split) on each split; scores per split."""
    by_id = {text.id: text for text in texts}
    features = {text.id: text_features(text.parsed, text.units, text.moves) for text in texts}
    template = model if model is not None else ArgumentStructureModel()
    results = []
    with single_threaded():
        for split in splits:
            missing = [text_id for text_id in split.test if text_id not in by_id]
            if missing:
                raise CorpusError(f"split {split.split}", f"unknown test texts {missing[:3]}")
            train_ids = split.train(by_id)
            fitted = clone(template).fit(
                [by_id[i] for i in train_ids], [features[i] for i in train_ids]
            )
            test = [by_id[i] for i in split.test]
            predictions = [
                fitted.predict_structure(t.parsed, t.units, features=features[t.id]) for t in test
            ]
            scores = tree_scores(test, predictions)
            results.append(scores)
            if progress is not None:
                shown = " ".join(f"{level}={value:.3f}" for level, value in scores.items())
                progress(f"split {split.split + 1}/{len(splits)}: {shown}")
    return results


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
    """Run the 10 x 5 cross-validation on arg-microtexts (see the module docstring).

    Returns ``{"protocol", "corpus", "parser", "n_texts", "n_splits", "levels": {level:
    {"mean", "sd", "values"}}, "published": [...]}``. ``max_splits`` runs only the first
    splits (for a quick look; the protocol is all 50).
    """
    if protocol != "10x5":
        raise InputError(f"unknown protocol {protocol!r}; argmine evaluates with '10x5'")
    directory, folds_path = microtexts_paths(path)
    splits = read_folds(folds_path)
    if max_splits is not None:
        splits = splits[:max_splits]
    texts = load_training_texts(
        directory, parser=parser, cache_dir=cache_dir, parse_text=parse_text
    )
    per_split = cross_validate(texts, splits, model=model, progress=progress)
    return {
        "protocol": protocol,
        "corpus": str(directory),
        "parser": "custom" if parse_text is not None else resolve_source(parser),
        "n_texts": len(texts),
        "n_splits": len(splits),
        "levels": {level: _summary([scores[level] for scores in per_split]) for level in LEVELS},
        "published": [attrs.asdict(entry) for entry in PUBLISHED],
    }


_COLUMNS = (("cc", "cc"), ("ro", "ro"), ("fu", "fu"), ("fu_full", "fu (sup/reb/und)"), ("at", "at"))


def format_table(results: dict[str, Any]) -> str:
    """A Markdown table of an :func:`evaluate_microtexts` result next to published numbers."""
    header = "| system | " + " | ".join(title for _, title in _COLUMNS) + " |"
    lines = [header, "|---" * (len(_COLUMNS) + 1) + "|"]
    levels = results.get("levels", {})
    cells = []
    for level, _title in _COLUMNS:
        entry = levels.get(level)
        cells.append("–" if entry is None else f"{entry['mean']:.3f} ± {entry['sd']:.3f}")
    name = f"argmine ({results.get('n_splits', '?')} splits, {results.get('parser', '?')} parser)"
    lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for entry in results.get("published", [attrs.asdict(p) for p in PUBLISHED]):
        scores = entry["scores"]
        row = [f"{scores[level]:.3f}" if level in scores else "–" for level, _ in _COLUMNS]
        lines.append(f"| {entry['system']} ({entry['source']}) | " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


# -- training and evaluating one model ------------------------------------------------------


def train_microtexts(
    path: Path | str | None = None,
    output: Path | str | None = None,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    model: ArgumentStructureModel | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
) -> Path:
    """Train on all English arg-microtexts and save the model with skops.

    ``path`` as in :func:`microtexts_paths`; ``output`` defaults to the bundled model path
    (``src/argmine/resources/structure/microtexts.skops`` in a source checkout).
    """
    directory, _folds = microtexts_paths(path)
    texts = load_training_texts(
        directory, parser=parser, cache_dir=cache_dir, parse_text=parse_text
    )
    with single_threaded():
        fitted = clone(model if model is not None else ArgumentStructureModel()).fit(texts)
    return save_model(fitted, output if output is not None else bundled_model_path())


def evaluate_model_on_directory(
    model: ArgumentStructureModel,
    directory: Path | str,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
) -> dict[str, Any]:
    """Score a trained model on every text of a folder of arggraph files (no training).

    Returns ``{"n_texts", "cc", "ro", "fu", "at", "n_implicit_left_out", "n_restatements"}``:
    macro F1 over all texts pooled, with the level definitions of the module docstring, over
    the trees :meth:`~argmine.corpora.microtexts.Microtext.scored_tree` makes; then how many
    implicit ADUs were left out for not occurring in their text, and how many later
    statements of a discontinuous ADU were set aside as restatements.
    """
    microtexts = list(iter_microtexts(directory))
    texts = _training_texts(microtexts, parser=parser, cache_dir=cache_dir, parse_text=parse_text)
    with single_threaded():
        predictions = [model.predict_structure(t.parsed, t.units, moves=t.moves) for t in texts]
    scores = tree_scores(texts, predictions)
    result: dict[str, Any] = {"n_texts": len(texts)}
    result.update({level: scores[level] for level in ("cc", "ro", "fu", "at")})
    trees = [microtext.scored_tree() for microtext in microtexts]
    result["n_implicit_left_out"] = sum(len(tree.left_out) for tree in trees)
    result["n_restatements"] = sum(len(tree.restatements) for tree in trees)
    return result


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
    lines = ["| gold borders | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for level, title in (("adu", "ADU (arg-microtexts)"), ("edu", "EDU (multilayer)")):
        row = results["levels"][level]
        lines.append(
            f"| {title} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} "
            f"| {row['tp']} | {row['fp']} | {row['fn']} |"
        )
    return "\n".join(lines) + "\n"


def to_json_results(results: dict[str, Any]) -> str:
    """The results of :func:`evaluate_microtexts` as indented JSON."""
    return json.dumps(results, indent=2)
