"""Contrast or concession for *but*, *however*, *yet*, *although*, *though*, *while*,
*whereas*: training data from GUM's PDTB-3-style explicit relations (the GDTB layer).

In PDTB-3 terms a concession's second argument denies an expectation the first raises ("X,
but Y": X conceded, Y the point), a contrast sets two things side by side. GUM's CoNLL-U marks
each explicit relation on its connective's first token (MISC ``PDTB=``,
``Explicit:<sense>:<connective>:<connective tokens>:<arg1>:<arg2>``, token numbers counted
over the whole document from 1); the classifier is
:class:`~argmine.training.sense_classifiers.ConcessionClassifier` over the marker-sense
model's parse features and what each side holds, so it reads nothing a Stanza parse would
not give at runtime.
"""

from __future__ import annotations

import collections
import time
from pathlib import Path
from typing import Any

import attrs

from argmine.errors import CorpusError
from argmine.moves.senses import (
    CONCESSION_MARKERS,
    MarkerContext,
    default_concession_model_path,
    load_concession_model,
    normalise_marker,
    save_model,
)
from argmine.training.corpora.gum import Split, document_ids
from argmine.training.sense_classifiers import ConcessionClassifier
from argmine.training.senses import parsed_document
from argmine.types import MoveKind

#: PDTB-3 sense prefixes and the move kind each gives.
SENSES = {
    "Comparison.Concession": MoveKind.CONCESSION.value,
    "Comparison.Contrast": MoveKind.CONTRAST.value,
}
#: Parameters of the shipped model: the best of ``argmine evaluate concession-tune`` (5 x 5-fold
#: cross-validation by document on GUM train: 0.661 +- 0.003, against 0.655 for each marker's
#: majority label; dev 0.682), among logistic regression at C 0.01-1 and gradient boosting.
PARAMS: dict[str, Any] = {"C": 0.03, "min_count": 1, "fixed_senses": False}


@attrs.frozen
class ExplicitRelation:
    """One explicit PDTB relation of a GUM document: its connective and its sense."""

    doc: str
    connective: str
    tokens: tuple[int, ...]  # document-wide, from 1
    sense: str


def explicit_relations(gum_dir: Path, doc: str) -> list[ExplicitRelation]:
    """Every explicit relation in a GUM document's CoNLL-U (``PDTB=`` in MISC)."""
    path = gum_dir / "dep" / f"{doc}.conllu"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read: {error}") from None
    found = []
    for line in lines:
        columns = line.split("\t")
        if len(columns) != 10:
            continue
        for field in columns[9].split("|"):
            if not field.startswith("PDTB="):
                continue
            for relation in field.removeprefix("PDTB=").split(";"):
                parts = relation.split(":")
                if len(parts) < 6 or parts[0] != "Explicit" or parts[3] == "_":
                    continue  # other types, and a few explicit ones with no token given
                try:
                    tokens = tuple(
                        number for piece in parts[3].split(",") for number in _token_range(piece)
                    )
                except ValueError:
                    raise CorpusError(path, f"bad connective tokens in {relation!r}") from None
                found.append(ExplicitRelation(doc, normalise_marker(parts[2]), tokens, parts[1]))
    return found


def _token_range(piece: str) -> range:
    first, _, last = piece.partition("-")
    return range(int(first), int(last or first) + 1)


def concession_data(
    gum_dir: Path | str, split: Split | str
) -> tuple[list[MarkerContext], list[str]]:
    """Contexts and labels (``"concession"``/``"contrast"``) of the explicit Comparison
    relations of one split whose connective is one of :data:`CONCESSION_MARKERS`, within
    one sentence."""
    root = Path(gum_dir).resolve()
    contexts: list[MarkerContext] = []
    labels: list[str] = []
    for doc in document_ids(root, split):
        relations = [
            relation
            for relation in explicit_relations(root, doc)
            if relation.connective in CONCESSION_MARKERS and _label(relation.sense)
        ]
        if not relations:
            continue
        parsed = parsed_document(root, doc)
        places: list[tuple[int, int]] = [
            (sentence, word)
            for sentence, tokens in enumerate(parsed.sentences)
            for word in range(1, len(tokens.tokens) + 1)
        ]
        for relation in relations:
            where = [places[token - 1] for token in relation.tokens if token <= len(places)]
            if len(where) != len(relation.tokens) or len({s for s, _ in where}) != 1:
                continue  # outside the text or across sentences
            sentence = where[0][0]
            words = tuple(word for _, word in where)
            found = " ".join(parsed.sentences[sentence].tokens[w - 1].text for w in words)
            if normalise_marker(found) != relation.connective:
                path = root / "dep" / f"{doc}.conllu"
                raise CorpusError(path, f"PDTB connective {relation.connective!r} is {found!r}")
            contexts.append(MarkerContext(parsed, sentence, words, relation.connective))
            labels.append(_label(relation.sense))
    return contexts, labels


def _label(sense: str) -> str:
    return next((kind for prefix, kind in SENSES.items() if sense.startswith(prefix)), "")


def train_concession(gum_dir: Path | str, output: Path | str | None = None) -> dict[str, Any]:
    """Train on GUM train + dev and save (default: the shipped model file)."""
    started = time.perf_counter()
    contexts, labels = concession_data(gum_dir, Split.TRAIN)
    more_contexts, more_labels = concession_data(gum_dir, Split.DEV)
    contexts += more_contexts
    labels += more_labels
    model = ConcessionClassifier(**PARAMS).fit(contexts, labels)
    target = save_model(
        model.to_runtime(), output if output is not None else default_concession_model_path()
    )
    load_concession_model.cache_clear()
    return {
        "output": str(target),
        "size_bytes": target.stat().st_size,
        "examples": len(labels),
        "labels": dict(sorted(collections.Counter(labels).items())),
        "params": PARAMS,
        "seconds": round(time.perf_counter() - started, 1),
    }
