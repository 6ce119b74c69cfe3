"""Training data and training for the argument-structure model, from arg-microtexts.

:func:`load_training_texts` pairs every arggraph text with its gold tree and its (cached)
parse; :func:`train_microtexts` fits
:class:`~argmine.training.structure_model.ArgumentStructureModel` on all of them and saves what
argmine runs of it (``argmine train microtexts`` makes the bundled model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import attrs
from sklearn.base import clone

from argmine.errors import CorpusError, InputError, InvalidDocumentError
from argmine.moves import detect_moves
from argmine.parsing import ParserSource
from argmine.structure.models import bundled_model_path, save_model
from argmine.training.corpora import corpora_root, iter_microtexts
from argmine.training.corpora.microtexts import Microtext
from argmine.training.parse_cache import cache_folder, parse_cached
from argmine.training.structure_model import ArgumentStructureModel, TrainingText
from argmine.types import ParsedText

__all__ = [
    "load_training_texts",
    "microtexts_paths",
    "single_threaded",
    "train_microtexts",
    "training_text",
    "training_texts_of",
]


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


def training_text(microtext: Microtext, parsed: ParsedText) -> TrainingText:
    """The gold structure of an arg-microtext, in evidencegraph's dependency form, over its
    stated ADUs (:meth:`~argmine.training.corpora.microtexts.Microtext.scored_tree`)."""
    if parsed.text != microtext.text:
        raise InputError(f"{microtext.id}: the parse is of a different text")
    try:
        tree = microtext.scored_tree()
    except InvalidDocumentError as error:
        raise InputError(str(error)) from None
    return TrainingText(
        microtext.id,
        parsed,
        tree.spans,
        tree.parents,
        tuple(function.value for function in tree.functions),
    )


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
    return training_texts_of(microtexts, parser=parser, cache_dir=cache_dir, parse_text=parse_text)


def training_texts_of(
    microtexts: Iterable[Microtext],
    *,
    parser: ParserSource | None,
    cache_dir: Path | str | None,
    parse_text: Callable[[str], ParsedText] | None,
) -> list[TrainingText]:
    """The gold structures of ``microtexts`` with their (cached) parses and detected moves."""
    folder = None if parse_text is not None else cache_folder(cache_dir, parser)

    def parsed_of(text: str) -> ParsedText:
        if parse_text is not None:
            return parse_text(text)
        return parse_cached(text, parser=parser, folder=folder)

    texts = []
    for microtext in microtexts:
        parsed = parsed_of(microtext.text)
        gold = training_text(microtext, parsed)
        texts.append(attrs.evolve(gold, moves=detect_moves(parsed)))
    return texts


def single_threaded() -> Any:
    """Keep BLAS/OpenMP to one thread while fitting many small models (faster on 2 cores)."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    return threadpool_limits(limits=1)


def train_microtexts(
    path: Path | str | None = None,
    output: Path | str | None = None,
    *,
    parser: ParserSource | None = "bundled",
    cache_dir: Path | str | None = None,
    model: ArgumentStructureModel | None = None,
    parse_text: Callable[[str], ParsedText] | None = None,
) -> Path:
    """Train on all English arg-microtexts and save the model as arrays.

    ``path`` as in :func:`microtexts_paths`; ``output`` defaults to the bundled model path
    (``src/argmine/resources/structure/microtexts.npz`` in a source checkout).
    """
    directory, _folds = microtexts_paths(path)
    texts = load_training_texts(
        directory, parser=parser, cache_dir=cache_dir, parse_text=parse_text
    )
    with single_threaded():
        fitted = clone(model if model is not None else ArgumentStructureModel()).fit(texts)
    return save_model(fitted.to_runtime(), output if output is not None else bundled_model_path())
