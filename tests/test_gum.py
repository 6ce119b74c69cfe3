"""The GUM discourse-marker reader: README figures, text alignment, mapping, broken files."""

from __future__ import annotations

import collections
import functools
import shutil
from pathlib import Path

import pytest

from argmine.errors import CorpusError
from argmine.training.corpora import gum
from argmine.training.corpora.gum import (
    ERST_TO_MOVE,
    MarkerOccurrence,
    Split,
    condition_for,
    document_ids,
    iter_candidate_occurrences,
    iter_marker_occurrences,
    load_document,
    move_kind_for,
)
from argmine.types import Condition, MoveKind

DOC = "GUM_bio_bernoulli"

# A two-sentence document in both formats: "so" signals causal-result (EDU 2 -> 1), the first
# "as" is a DM of a secondary edge, the second "as" and "first" are not signalled.
TINY_RS4 = """<rst>
<header><relations>
<rel name="causal-result" type="rst"/>
<rel name="context-circumstance" type="rst"/>
</relations></header>
<body>
<segment id="1" parent="4" relname="span">First , it rained a lot ,</segment>
<segment id="2" parent="1" relname="causal-result">so we stayed home</segment>
<segment id="3" parent="1" relname="context-circumstance">as the rain fell as expected .</segment>
<group id="4" type="span"/>
<secedges><secedge id="3-2" source="3" target="2" relname="causal-result"/></secedges>
<signals>
<signal source="2" type="dm" subtype="dm" tokens="8" status="gold"/>
<signal source="3-2" type="orphan" subtype="orphan" tokens="12"/>
<signal source="3" type="lexical" subtype="indicative_word" tokens=""/>
</signals>
</body>
</rst>
"""


def _conllu_line(index: int, form: str, head: int) -> str:
    return f"{index}\t{form}\t{form.lower()}\tX\tX\t_\t{head}\tdep\t_\t_"


TINY_WORDS = (
    ["First", ",", "it", "rained", "a", "lot", ",", "so", "we", "stayed", "home"],
    ["as", "the", "rain", "fell", "as", "expected", "."],
)
TINY_CONLLU = "".join(
    f"# sent_id = tiny-{number}\n"
    + "".join(_conllu_line(i, form, 0 if i == 4 else 4) + "\n" for i, form in enumerate(words, 1))
    + "\n"
    for number, words in enumerate(TINY_WORDS, 1)
)


def _tiny_corpus(root: Path, rs4: str = TINY_RS4, conllu: str = TINY_CONLLU) -> Path:
    (root / "rstweb").mkdir(parents=True)
    (root / "dep").mkdir()
    (root / "rstweb" / "GUM_tiny_doc.rs4").write_text(rs4, encoding="utf-8")
    (root / "dep" / "GUM_tiny_doc.conllu").write_text(conllu, encoding="utf-8")
    (root / "splits.md").write_text(
        "# Splits\n\n## dev\n\n  * GUM_tiny_doc\n  * GUM_reddit_absent\n", encoding="utf-8"
    )
    return root


@functools.cache
def _document(gum_dir: Path, doc: str) -> gum.GumDocument:
    return load_document(gum_dir, doc)


def _words_at(occurrence: MarkerOccurrence, gum_dir: Path) -> str:
    document = _document(gum_dir, occurrence.doc)
    return " ".join(
        document.sentences[sentence].words[word - 1].form.lower()
        for sentence, word in occurrence.positions
    )


# --------------------------------------------------------------------------- no corpus needed


def test_tiny_document_positives_and_negatives(tmp_path: Path) -> None:
    root = _tiny_corpus(tmp_path / "gum")
    markers = list(iter_marker_occurrences(root))
    assert [(m.marker, m.signal, m.relation, m.secondary) for m in markers] == [
        ("so", "dm", "causal-result", False),
        ("as", "orphan", "causal-result", True),
    ]
    so, orphan = markers
    assert so.split is Split.DEV
    assert (so.positions, so.tokens, so.move_kind, so.in_source) == (
        ((0, 8),),
        (8,),
        MoveKind.CAUSE,
        True,
    )
    assert (orphan.positions, orphan.sentence.sent_id) == (((1, 1),), "tiny-2")
    candidates = list(iter_candidate_occurrences(root, {"as", "first", "so", "rained a"}))
    negatives = [(c.marker, c.positions) for c in candidates if not c.is_dm]
    assert negatives == [("first", ((0, 1),)), ("rained a", ((0, 4), (0, 5))), ("as", ((1, 5),))]
    assert all(c.move_kind is None and c.relation is None for c in candidates if not c.is_dm)


def test_mapping_covers_the_argmine_moves() -> None:
    assert move_kind_for("causal-cause", "because") is MoveKind.CAUSE
    assert move_kind_for("causal-result", "so") is MoveKind.CAUSE
    assert move_kind_for("explanation-justify", "because") is MoveKind.CAUSE
    assert move_kind_for("explanation-justify", "so") is MoveKind.CONCLUSION
    assert move_kind_for("elaboration-additional", "for example") is MoveKind.EXEMPLIFICATION
    assert move_kind_for("explanation-evidence", "for instance") is MoveKind.EXEMPLIFICATION
    assert move_kind_for("mode-manner", "like") is None
    assert move_kind_for("joint-list", "and") is None
    assert move_kind_for("joint-sequence", "then") is None
    assert move_kind_for("joint-list", "finally") is MoveKind.ENUMERATION
    assert move_kind_for("adversative-antithesis", "rather than") is MoveKind.CONTRAST
    assert move_kind_for("adversative-concession", "although") is MoveKind.CONCESSION
    assert move_kind_for("contingency-condition", "when") is MoveKind.CONDITIONAL
    assert move_kind_for("context-circumstance", "since") is None
    assert move_kind_for("restatement-partial", "in other words") is MoveKind.REFORMULATION
    assert move_kind_for("elaboration-additional", "in conclusion") is MoveKind.CONCLUSION
    assert move_kind_for("no-such-label", "but") is None
    assert condition_for("unless") is Condition.EXCEPTION
    assert condition_for("only if") is Condition.NECESSARY
    assert condition_for("if") is Condition.SUFFICIENT
    assert len(ERST_TO_MOVE) == 32


def test_broken_tiny_files_name_the_file(tmp_path: Path) -> None:
    past_end = TINY_RS4.replace('tokens="12"', 'tokens="99"')
    with pytest.raises(CorpusError, match=r"GUM_tiny_doc\.rs4.*token 99"):
        list(iter_marker_occurrences(_tiny_corpus(tmp_path / "a", rs4=past_end)))
    short = TINY_CONLLU.split("\n\n")[0] + "\n\n"
    with pytest.raises(CorpusError, match=r"GUM_tiny_doc\.rs4.*18 tokens.*\.conllu has 11"):
        list(iter_marker_occurrences(_tiny_corpus(tmp_path / "b", conllu=short)))
    unknown = TINY_RS4.replace('source="3-2" type', 'source="9" type')
    with pytest.raises(CorpusError, match="unknown node or edge '9'"):
        list(iter_marker_occurrences(_tiny_corpus(tmp_path / "c", rs4=unknown)))
    root = _tiny_corpus(tmp_path / "d")
    (root / "splits.md").write_text("## test\n\n  * GUM_other\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"not in splits\.md"):
        document_ids(root)


# --------------------------------------------------------------------------- the real corpus


@pytest.fixture(scope="module")
def gum_dir(corpora: Path) -> Path:
    return corpora / "gum-discourse"


@pytest.fixture(scope="module")
def occurrences(gum_dir: Path) -> list[MarkerOccurrence]:
    return list(iter_marker_occurrences(gum_dir))


@pytest.mark.corpus
def test_split_sizes(gum_dir: Path) -> None:
    sizes = {split: len(document_ids(gum_dir, split)) for split in Split}
    assert sizes == {Split.TRAIN: 177, Split.DEV: 30, Split.TEST: 30, Split.TEST2: 26}


@pytest.mark.corpus
def test_counts_match_the_readme(occurrences: list[MarkerOccurrence]) -> None:
    per_split = collections.Counter((o.split.value, o.signal) for o in occurrences)
    assert per_split == {
        ("train", "dm"): 5218,
        ("dev", "dm"): 797,
        ("test", "dm"): 843,
        ("test2", "dm"): 427,
        ("train", "orphan"): 826,
        ("dev", "orphan"): 133,
        ("test", "orphan"): 111,
        ("test2", "orphan"): 62,
    }
    assert sum(o.signal == "dm" for o in occurrences) == 7285
    assert sum(o.signal == "orphan" for o in occurrences) == 1132
    # Orphans are exactly the DMs of secondary edges.
    assert all(o.secondary == (o.signal == "orphan") for o in occurrences)
    dm_strings = collections.Counter(o.marker for o in occurrences if o.signal == "dm")
    assert len(dm_strings) == 200
    readme = {
        "and": 2382,
        "but": 669,
        "if": 420,
        "when": 373,
        "as": 285,
        "so": 265,
        "because": 263,
        "also": 232,
        "then": 231,
        "or": 181,
        "however": 86,
        "for example": 44,
        "if then": 43,
        "rather than": 22,
        "instead of": 25,
        "in order": 30,
        "so that": 30,
        "finally": 19,
    }
    assert {marker: dm_strings[marker] for marker in readme} == readme


@pytest.mark.corpus
def test_marker_text_is_the_words_at_its_positions(
    occurrences: list[MarkerOccurrence], gum_dir: Path
) -> None:
    for occurrence in occurrences:
        assert occurrence.marker == _words_at(occurrence, gum_dir), occurrence
        first = occurrence.sentence.words
        assert occurrence.marker.startswith(first[occurrence.word_ids[0] - 1].form.lower())
        assert all(first[i - 1].token in occurrence.tokens for i in occurrence.word_ids)
    assert sum(o.spans_sentences for o in occurrences) == 5


@pytest.mark.corpus
def test_every_label_is_mapped(occurrences: list[MarkerOccurrence], gum_dir: Path) -> None:
    labels = {
        name
        for document in gum.iter_documents(gum_dir)
        for name in [node.relname for node in document.nodes.values()]
        + [edge.relname for edge in document.secondary_edges.values()]
    } - {None, "span"}
    assert labels == ERST_TO_MOVE.keys()
    seen = {o.relation for o in occurrences}
    assert seen <= ERST_TO_MOVE.keys()
    assert "same-unit" not in seen
    kinds = collections.Counter(o.move_kind for o in occurrences)
    assert set(kinds) == {*MoveKind, None}
    for occurrence in occurrences:
        assert (occurrence.condition is not None) == (occurrence.move_kind is MoveKind.CONDITIONAL)


@pytest.mark.corpus
def test_readme_example(gum_dir: Path) -> None:
    found = {
        (o.tokens, o.marker): o
        for o in iter_marker_occurrences(gum_dir, Split.TRAIN)
        if o.doc == DOC
    }
    because = found[(375,), "because"]
    assert (because.relation, because.in_source, because.move_kind) == (
        "causal-cause",
        True,
        MoveKind.CAUSE,
    )
    assert found[(370,), "however"].relation == "adversative-contrast"
    but = found[(472,), "but"]
    assert (but.signal, but.relation, but.secondary) == ("orphan", "adversative-concession", True)


@pytest.mark.corpus
def test_negative_candidates(gum_dir: Path) -> None:
    lexicon = {"since", "as", "first", "as a result", "for example", "when"}
    candidates = list(iter_candidate_occurrences(gum_dir, lexicon, Split.DEV))
    positives = [c for c in candidates if c.is_dm]
    assert positives == list(iter_marker_occurrences(gum_dir, Split.DEV))
    signalled = {(c.doc, t) for c in positives for t in c.tokens}
    negatives = [c for c in candidates if not c.is_dm]
    assert {c.marker for c in negatives} <= lexicon
    assert collections.Counter(c.marker for c in negatives)["first"] > 10
    for negative in negatives:
        assert (negative.move_kind, negative.relation, negative.signal) == (None, None, None)
        assert not negative.spans_sentences
        assert negative.marker == _words_at(negative, gum_dir)
        ids = negative.word_ids
        assert list(ids) == list(range(ids[0], ids[0] + len(ids)))
        assert all((negative.doc, t) not in signalled for t in negative.tokens)


@pytest.mark.corpus
def test_broken_copies_raise_corpus_error(gum_dir: Path, tmp_path: Path) -> None:
    def copy(name: str) -> Path:
        root = tmp_path / name
        (root / "rstweb").mkdir(parents=True)
        (root / "dep").mkdir()
        shutil.copy(gum_dir / "rstweb" / f"{DOC}.rs4", root / "rstweb")
        shutil.copy(gum_dir / "dep" / f"{DOC}.conllu", root / "dep")
        (root / "splits.md").write_text(f"## train\n\n  * {DOC}\n", encoding="utf-8")
        return root

    truncated = copy("truncated")
    rs4 = truncated / "rstweb" / f"{DOC}.rs4"
    rs4.write_text(rs4.read_text(encoding="utf-8")[:20000], encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"{DOC}\.rs4: XML syntax error") as error:
        list(iter_marker_occurrences(truncated))
    assert error.value.path == rs4.resolve()

    past_end = copy("past_end")
    rs4 = past_end / "rstweb" / f"{DOC}.rs4"
    text = rs4.read_text(encoding="utf-8")
    assert 'tokens="375" status="gold"' in text
    rs4.write_text(text.replace('tokens="375" status="gold"', 'tokens="99999"'), encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"{DOC}\.rs4: .*token 99999"):
        list(iter_marker_occurrences(past_end))

    missing_words = copy("missing_words")
    conllu = missing_words / "dep" / f"{DOC}.conllu"
    blocks = conllu.read_text(encoding="utf-8").split("\n\n")
    conllu.write_text("\n\n".join(blocks[:5] + blocks[6:]), encoding="utf-8")
    with pytest.raises(CorpusError, match=rf"{DOC}\.rs4: .*tokens but {DOC}\.conllu has"):
        list(iter_marker_occurrences(missing_words))


def test_module_imports_on_its_own() -> None:
    assert gum.__name__ == "argmine.training.corpora.gum"
