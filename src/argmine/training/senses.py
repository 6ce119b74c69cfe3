"""Training data and training for the marker-sense classifier, from GUM's discourse signals.

* :func:`gum_training_data` builds (contexts, labels) from GUM's ``dm``/``orphan`` signals and
  the unsignalled uses of the same strings (see ``docs/moves-data.md``).
* :func:`train_default` trains and saves the shipped model (``argmine train moves``); the
  runtime classifier is :class:`argmine.training.sense_classifiers.MarkerSenseClassifier`.
"""

from __future__ import annotations

import collections
import functools
import itertools
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from argmine.errors import CorpusError, InvalidDocumentError
from argmine.moves.senses import (
    DEFAULT_PARAMS,
    MARKER_LEXICON,
    NONE,
    MarkerContext,
    default_model_path,
    load_default_model,
    normalise_marker,
    save_model,
)
from argmine.parsing.convert import from_conllu
from argmine.training.corpora.gum import (
    MarkerOccurrence,
    Split,
    iter_candidate_occurrences,
    load_document,
)
from argmine.training.sense_classifiers import MarkerSenseClassifier
from argmine.types import ParsedText


def _lean_conllu(text: str) -> str:
    """GUM CoNLL-U with only what :func:`from_conllu` reads: no enhanced DEPS, no MISC but
    ``SpaceAfter=No``, no comments but text, sentence ids and paragraph/document breaks.

    This keeps GUM's gold discourse annotation (``Discourse=``, ``PDTB=`` in MISC) out of
    anything the features could see (and parses a little faster).
    """
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            if line.startswith(("# text", "# sent_id", "# newpar", "# newdoc")):
                lines.append(line)
            continue
        columns = line.split("\t")
        if len(columns) == 10:
            space = "SpaceAfter=No" if "SpaceAfter=No" in columns[9].split("|") else "_"
            line = "\t".join([*columns[:8], "_", space])
        lines.append(line)
    return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=512)
def parsed_document(root: Path, doc: str) -> ParsedText:
    """A GUM document's CoNLL-U as a ParsedText, checked to line up with the GUM reader."""
    path = root / "dep" / f"{doc}.conllu"
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read: {error}") from None
    try:
        parsed = from_conllu(_lean_conllu(text))
    except InvalidDocumentError as error:
        raise CorpusError(path, str(error)) from None
    gum = load_document(root, doc)
    if len(parsed.sentences) != len(gum.sentences):
        raise CorpusError(
            path,
            f"from_conllu gives {len(parsed.sentences)} sentences, "
            f"the GUM reader {len(gum.sentences)}",
        )
    for ours, theirs in zip(parsed.sentences, gum.sentences, strict=True):
        if [token.text for token in ours.tokens] != [word.form for word in theirs.words]:
            raise CorpusError(path, f"{theirs.sent_id}: from_conllu words differ from GUM's")
    return parsed


def _longest_negatives(occurrences: list[MarkerOccurrence]) -> list[MarkerOccurrence]:
    """Drop a negative whose tokens lie inside a longer negative ("as" inside "as well as")."""
    covering: dict[int, list[frozenset[int]]] = collections.defaultdict(list)
    for occurrence in occurrences:
        tokens = frozenset(occurrence.tokens)
        for token in tokens:
            covering[token].append(tokens)
    kept = []
    for occurrence in occurrences:
        tokens = frozenset(occurrence.tokens)
        if not any(tokens < other for other in covering[occurrence.tokens[0]]):
            kept.append(occurrence)
    return kept


def gum_training_data(
    gum_dir: Path | str,
    split: Split | str,
    lexicon: Iterable[str] = MARKER_LEXICON,
) -> tuple[list[MarkerContext], list[str]]:
    """Contexts and gold labels for every occurrence of a ``lexicon`` marker in one split.

    Positives are GUM's ``dm``/``orphan`` signals whose marker string is in the lexicon
    (label: the move kind value, or ``"none"`` for relations that are no move, such as
    temporal "when"); negatives are the unsignalled uses of lexicon strings (label
    ``"none"``), longest match first. Markers spanning two sentences are skipped. Each
    document's CoNLL-U is converted once with :func:`~argmine.parsing.convert.from_conllu`
    and checked to have GUM's sentences and words (else :class:`CorpusError`).
    """
    root = Path(gum_dir).resolve()
    entries = frozenset(normalise_marker(entry) for entry in lexicon)
    contexts: list[MarkerContext] = []
    labels: list[str] = []
    occurrences = iter_candidate_occurrences(root, entries, split)
    for doc, group in itertools.groupby(occurrences, key=lambda occurrence: occurrence.doc):
        items = list(group)
        parsed = parsed_document(root, doc)
        positives = [o for o in items if o.is_dm and o.marker in entries and not o.spans_sentences]
        negatives = _longest_negatives([o for o in items if not o.is_dm])
        for occurrence in sorted(positives + negatives, key=lambda o: o.tokens):
            contexts.append(
                MarkerContext(
                    parsed, occurrence.sentence_index, occurrence.word_ids, occurrence.marker
                )
            )
            kind = occurrence.move_kind
            labels.append(kind.value if kind is not None else NONE)
    return contexts, labels


def train_default(
    gum_dir: Path | str,
    output: Path | str | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Train on GUM train + dev with :data:`DEFAULT_PARAMS` and save to ``output``.

    ``output`` defaults to :func:`default_model_path`. Returns what was done: the path,
    file size, example count, label counts, parameters and seconds taken.
    """
    started = time.perf_counter()
    contexts, labels = gum_training_data(gum_dir, Split.TRAIN)
    dev_contexts, dev_labels = gum_training_data(gum_dir, Split.DEV)
    contexts += dev_contexts
    labels += dev_labels
    chosen = dict(DEFAULT_PARAMS if params is None else params)
    model = MarkerSenseClassifier(**chosen).fit(contexts, labels)
    target = save_model(model.to_runtime(), output if output is not None else default_model_path())
    load_default_model.cache_clear()
    return {
        "output": str(target),
        "size_bytes": target.stat().st_size,
        "examples": len(labels),
        "labels": dict(sorted(collections.Counter(labels).items())),
        "features": linear.width if (linear := model.to_runtime().linear) is not None else 0,
        "params": chosen,
        "seconds": round(time.perf_counter() - started, 1),
    }
