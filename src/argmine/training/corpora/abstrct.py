"""Reader for AbstRCT (Mayer, Cabrio & Villata 2020) in its ECAI 2020 experiment files.

The two files of a split share no ids, so reading them takes more than parsing:

* ``argument_components/<split>.tsv``: ``TOKEN TAG`` per line (BIO tags over Claim and
  Premise), a blank line after each sentence, one abstract after the other with no mark
  between them.
* ``argument_relations/<domain>_relations_<part>.tsv``: every ordered pair of components of
  an abstract, ``__label__LABEL<TAB>text<TAB>text``. Components are named by their original,
  untokenized text, and the pairs of one abstract are a block of lines (in another abstract
  order than the components file).

Relation texts are matched to components ignoring whitespace, and the blocks give the
abstracts; a sentence that is a component in two abstracts goes to their blocks in file
order. Some texts were mangled on their way into the token files (``true`` became ``TRUE``,
``70-`` became ``-70``, ``3+`` became ``3``); those match the most similar component left
unnamed in the same stretch of the file. A text that matches no component, or that one
abstract uses for two, keeps None as index. Two artefacts of the token files are undone: a
``;`` token is written ``";"`` there, and one known mistagged token is re-tagged (``_ERRATA``).
"""

from __future__ import annotations

import difflib
import enum
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from argmine.errors import CorpusError


class ComponentLabel(enum.StrEnum):
    """The type of an argument component (MajorClaim is merged into Claim in these files)."""

    CLAIM = "Claim"
    PREMISE = "Premise"


class RelationLabel(enum.StrEnum):
    """The label of a candidate pair; ``noRel`` pairs are the negatives for classifiers."""

    SUPPORT = "Support"
    ATTACK = "Attack"
    NO_RELATION = "noRel"


class AbstrctSplit(enum.StrEnum):
    """The five splits of the ECAI 2020 experiments."""

    NEOPLASM_TRAIN = "neoplasm_train"
    NEOPLASM_DEV = "neoplasm_dev"
    NEOPLASM_TEST = "neoplasm_test"
    GLAUCOMA_TEST = "glaucoma_test"
    MIXED_TEST = "mixed_test"

    @property
    def components_file(self) -> str:
        return f"argument_components/{self.value}.tsv"

    @property
    def relations_file(self) -> str:
        domain, part = self.value.split("_")
        return f"argument_relations/{domain}_relations_{part}.tsv"


@attrs.frozen
class AbstrctSentence:
    """One sentence of a components file: its tokens and their BIO tags."""

    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@attrs.frozen
class AbstrctComponent:
    """A Claim or Premise: tokens ``start:end`` of sentence number ``sentence`` of the split."""

    label: ComponentLabel
    sentence: int
    start: int
    end: int
    text: str


@attrs.frozen
class AbstrctRelation:
    """One candidate pair, with the texts as the relations file gives them.

    ``source`` and ``target`` index :attr:`AbstrctCorpus.components`; None where the text
    names no component of the token file, or the abstract has two components with this text.
    """

    label: RelationLabel
    source: int | None
    target: int | None
    source_text: str
    target_text: str


@attrs.frozen
class AbstrctAbstract:
    """One abstract: the components its pairs name (sorted) and its candidate pairs."""

    components: tuple[int, ...]
    relations: tuple[AbstrctRelation, ...]


@attrs.frozen
class AbstrctCorpus:
    """A whole split; abstracts are in the order of their first component."""

    split: AbstrctSplit
    sentences: tuple[AbstrctSentence, ...]
    components: tuple[AbstrctComponent, ...]
    abstracts: tuple[AbstrctAbstract, ...]

    def relations(self, *labels: RelationLabel | str) -> list[AbstrctRelation]:
        """The candidate pairs, abstract by abstract; only those with ``labels`` if given."""
        return [
            relation
            for abstract in self.abstracts
            for relation in abstract.relations
            if not labels or relation.label in labels
        ]


_TAGS = frozenset({"O"} | {f"{prefix}-{label}" for prefix in "BI" for label in ComponentLabel})

# (file name, line number, line as found) -> line as meant.
_ERRATA = {
    # The ")" closing "(.71 s.d.)" inside a premise is tagged O, which cuts the premise in
    # two; the relations file names the premise whole.
    ("neoplasm_train.tsv", 45308, ") O"): ") I-Premise",
}

# Mangled texts score 0.97 or more against their component, wrong candidates 0.81 at most.
_MIN_SIMILARITY = 0.9

_LABELS = {f"__label__{label}": label for label in RelationLabel}

_Pair = tuple[RelationLabel, str, str]


def read_abstrct(directory: Path | str, split: AbstrctSplit | str) -> AbstrctCorpus:
    """Read one split from the ``abstrct`` corpus folder.

    A split is read whole: its abstracts come in one order in the components file and in
    another in the relations file (each file is a few MB).
    """
    folder = Path(directory)
    name = AbstrctSplit(split)
    sentences = tuple(iter_sentences(folder / name.components_file))
    components = tuple(
        component
        for index, sentence in enumerate(sentences)
        for component in _components(index, sentence)
    )
    blocks = _blocks(_read_pairs(folder / name.relations_file))
    return AbstrctCorpus(name, sentences, components, _abstracts(components, blocks))


def iter_sentences(path: Path | str) -> Iterator[AbstrctSentence]:
    """Stream the sentences of a components file, checking every line (``";"`` reads ``;``)."""
    source = Path(path)
    tokens: list[str] = []
    tags: list[str] = []
    for number, found in _iter_lines(source):
        line = _ERRATA.get((source.name, number, found), found)
        if not line:
            if not tokens:
                raise CorpusError(source, f"line {number}: empty sentence (two blank lines)")
            yield AbstrctSentence(tuple(tokens), tuple(tags))
            tokens, tags = [], []
            continue
        token, tag = _token_line(line, tags[-1] if tags else "O", source, number)
        tokens.append(token)
        tags.append(tag)
    if tokens:
        raise CorpusError(source, "the file ends inside a sentence (truncated file?)")


def _iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """Line numbers and lines without their newline; a last line without one is truncated."""
    number = 0
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                if not line.endswith("\n"):
                    raise CorpusError(path, f"line {number} has no newline (truncated file?)")
                yield number, line[:-1]
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, f"cannot read the file: {error}") from error
    if number == 0:
        raise CorpusError(path, "the file is empty")


def _token_line(line: str, previous: str, path: Path, number: int) -> tuple[str, str]:
    fields = line.split(" ")
    if len(fields) == 1:
        raise CorpusError(path, f"line {number}: token without a tag: {line!r}")
    if len(fields) != 2 or not all(fields):
        raise CorpusError(path, f"line {number}: expected 'TOKEN TAG', found {line!r}")
    token, tag = fields
    if tag not in _TAGS:
        raise CorpusError(path, f"line {number}: unknown tag {tag!r}")
    if tag.startswith("I-") and previous[2:] != tag[2:]:
        raise CorpusError(path, f"line {number}: {tag} follows {previous}, not B-/{tag}")
    return (";" if token == '";"' else token), tag


def _components(index: int, sentence: AbstrctSentence) -> Iterator[AbstrctComponent]:
    start: int | None = None
    for position, tag in enumerate((*sentence.tags, "O")):
        if start is not None and not tag.startswith("I-"):
            label = ComponentLabel(sentence.tags[start][2:])
            text = " ".join(sentence.tokens[start:position])
            yield AbstrctComponent(label, index, start, position, text)
            start = None
        if tag.startswith("B-"):
            start = position


def _read_pairs(path: Path) -> Iterator[_Pair]:
    for number, line in _iter_lines(path):
        fields = line.split("\t")
        if len(fields) != 3 or not all(field.strip() for field in fields):
            raise CorpusError(path, f"line {number}: expected LABEL<TAB>text<TAB>text")
        label, source, target = fields
        if label not in _LABELS:
            raise CorpusError(path, f"line {number}: unknown label {label!r}")
        yield _LABELS[label], source, target


def _key(text: str) -> str:
    return "".join(text.split())


def _blocks(pairs: Iterable[_Pair]) -> list[list[_Pair]]:
    """Cut the pairs into abstracts.

    An abstract's block opens with the pairs of its first component, which name all the
    others; so a line that leaves the current run of first texts and names a text the block
    has not seen starts the next block. (A test for unseen texts alone would merge two
    blocks that share a sentence.)
    """
    blocks: list[list[_Pair]] = []
    texts: set[str] = set()
    first = ""
    for pair in pairs:
        keys = {_key(pair[1]), _key(pair[2])}
        if not blocks or (_key(pair[1]) != first and not keys <= texts):
            blocks.append([])
            texts = set()
        first = _key(pair[1])
        blocks[-1].append(pair)
        texts |= keys
    return blocks


def _abstracts(
    components: Sequence[AbstrctComponent], blocks: list[list[_Pair]]
) -> tuple[AbstrctAbstract, ...]:
    """One abstract per block, its pairs' texts resolved to component indices."""
    by_key: dict[str, list[int]] = {}
    for index, component in enumerate(components):
        by_key.setdefault(_key(component.text), []).append(index)
    block_keys = [{_key(text) for pair in block for text in pair[1:]} for block in blocks]
    named = set().union(*block_keys)
    unnamed = {index for key, indices in by_key.items() if key not in named for index in indices}
    # A text that is one component's alone anchors its block to that place in the file.
    anchors = [
        {key: by_key[key][0] for key in keys if len(by_key.get(key, ())) == 1}
        for keys in block_keys
    ]
    spans = [(min(anchor.values()), max(anchor.values())) if anchor else None for anchor in anchors]
    shared = _shared(by_key, block_keys, spans)
    abstracts = []
    for number, (block, keys, (lower, upper)) in enumerate(
        zip(blocks, block_keys, _regions(spans, len(components)), strict=True)
    ):
        resolved: dict[str, int | None] = {}
        pending = []
        repeated = _repeated(block)
        for key in keys:
            if key in repeated:
                resolved[key] = None
            elif key in by_key:
                resolved[key] = anchors[number].get(key, shared.get((number, key)))
            else:
                pending.append(key)
        candidates = [index for index in sorted(unnamed) if lower < index < upper]
        for key, index in _closest(pending, candidates, components):
            resolved[key] = index
            unnamed.discard(index)
        relations = tuple(
            AbstrctRelation(label, resolved.get(_key(one)), resolved.get(_key(other)), one, other)
            for label, one, other in block
        )
        found = {index for index in resolved.values() if index is not None}
        members = tuple(sorted(found | set(anchors[number].values())))
        abstracts.append(AbstrctAbstract(members, relations))
    return tuple(sorted(abstracts, key=lambda abstract: abstract.components or (len(components),)))


def _repeated(block: list[_Pair]) -> set[str]:
    """Texts the abstract uses for two components: paired with themselves, or opening two runs.

    Which of their pairs mean which component cannot be told, so they stay unresolved.
    """
    firsts = [_key(pair[1]) for pair in block]
    openings = Counter(key for at, key in enumerate(firsts) if at == 0 or firsts[at - 1] != key)
    selves = {key for key, pair in zip(firsts, block, strict=True) if key == _key(pair[2])}
    return selves | {key for key, count in openings.items() if count > 1}


def _shared(
    by_key: dict[str, list[int]],
    block_keys: list[set[str]],
    spans: list[tuple[int, int] | None],
) -> dict[tuple[int, str], int]:
    """(block, text) -> component for texts of several components.

    When as many blocks name the text as there are components with it, the blocks take them
    in file order; otherwise the text stays unresolved.
    """
    placed = sorted((span, block) for block, span in enumerate(spans) if span is not None)
    shared = {}
    for key, indices in by_key.items():
        naming = [block for _, block in placed if key in block_keys[block]]
        if len(indices) > 1 and len(naming) == len(indices):
            shared.update(
                {(block, key): index for block, index in zip(naming, indices, strict=True)}
            )
    return shared


def _regions(spans: list[tuple[int, int] | None], count: int) -> list[tuple[int, int]]:
    """Per block, the open interval of component indices between its neighbours' anchors."""
    placed = sorted((span, block) for block, span in enumerate(spans) if span is not None)
    regions = [(-1, count)] * len(spans)
    for rank, (_, block) in enumerate(placed):
        lower = placed[rank - 1][0][1] if rank > 0 else -1
        upper = placed[rank + 1][0][0] if rank + 1 < len(placed) else count
        regions[block] = (lower, upper)
    return regions


def _closest(
    keys: list[str], candidates: list[int], components: Sequence[AbstrctComponent]
) -> Iterator[tuple[str, int]]:
    """Pair mangled texts with unnamed components, most similar first, one to one."""
    scored = sorted(
        (
            (_similarity(key, _key(components[index].text)), key, index)
            for key in keys
            for index in candidates
        ),
        reverse=True,
    )
    used_keys: set[str] = set()
    used: set[int] = set()
    for score, key, index in scored:
        if score >= _MIN_SIMILARITY and key not in used_keys and index not in used:
            used_keys.add(key)
            used.add(index)
            yield key, index


def _similarity(text: str, other: str) -> float:
    """Similarity in [0, 1], blind to case (the token files turned "true" into "TRUE")."""
    return difflib.SequenceMatcher(None, text.casefold(), other.casefold(), False).ratio()
