"""AbstRCT evaluation: abstract texts, RCT features, the model, the protocol on a real slice.

The ``corpus`` tests parse a few real abstracts with the bundled Stanza model (cached under
``build/cache`` after the first run).
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from argmine.errors import CorpusError, CorruptModelError, ModelNotFoundError
from argmine.evaluation.abstrct import PUBLISHED_ABSTRCT, evaluate_abstrct, format_abstrct_table
from argmine.training.abstrct import (
    AbstrctDocument,
    AbstrctModel,
    ParsedAbstract,
    _at_most_one_target,
    abstract_documents,
    load_abstracts,
    load_abstrct_model,
    rct_features,
    save_abstrct_model,
)
from argmine.training.corpora.abstrct import (
    AbstrctAbstract,
    AbstrctComponent,
    AbstrctCorpus,
    AbstrctRelation,
    AbstrctSentence,
    AbstrctSplit,
    ComponentLabel,
    RelationLabel,
)
from argmine.types import ParsedText, Span

# -- abstract texts -------------------------------------------------------------------------

_TOKEN = st.text(alphabet="abcXYZ019%.,()", min_size=1, max_size=6)


@st.composite
def corpora(draw: st.DrawFn) -> AbstrctCorpus:
    """Small corpora: sentences with non-overlapping components, cut into abstracts."""
    sentences, components = [], []
    for number in range(draw(st.integers(2, 8))):
        tokens = draw(st.lists(_TOKEN, min_size=1, max_size=8))
        tags = ["O"] * len(tokens)
        cuts = sorted(draw(st.sets(st.integers(0, len(tokens)), max_size=4)))
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            if start < end:
                label = draw(st.sampled_from(list(ComponentLabel)))
                tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
                text = " ".join(tokens[start:end])
                components.append(AbstrctComponent(label, number, start, end, text))
        sentences.append(AbstrctSentence(tuple(tokens), tuple(tags)))
    # Abstracts are runs of whole sentences: a new one may start at a sentence in ``cuts``.
    cuts = draw(st.sets(st.integers(1, 7), max_size=3))
    groups: list[list[int]] = [[]]
    for index, component in enumerate(components):
        new_sentence = index > 0 and components[index - 1].sentence != component.sentence
        if new_sentence and component.sentence in cuts:
            groups.append([])
        groups[-1].append(index)
    abstracts = tuple(
        AbstrctAbstract(
            tuple(group),
            tuple(
                AbstrctRelation(RelationLabel.NO_RELATION, i, j, "a", "b")
                for i in group
                for j in group
                if i != j
            ),
        )
        for group in groups
        if group
    )
    return AbstrctCorpus(AbstrctSplit.NEOPLASM_DEV, tuple(sentences), tuple(components), abstracts)


@given(corpora())
def test_abstract_documents_keep_every_component_and_pair(corpus: AbstrctCorpus) -> None:
    documents = abstract_documents(corpus)
    assert len(documents) == len(corpus.abstracts)
    texts = [
        document.text[span.start : span.end] for document in documents for span in document.spans
    ]
    assert texts == [component.text for component in corpus.components]
    for document in documents:
        assert list(document.spans) == sorted(document.spans, key=lambda span: span.start)
        count = len(document.spans)
        assert set(document.pairs) == {(i, j) for i in range(count) for j in range(count) if i != j}
        assert document.sentence_starts[0] == 0
    # Every sentence of the split is in exactly one abstract (when it has one).
    assert not documents or sum(len(document.sentence_starts) for document in documents) == len(
        corpus.sentences
    )


def _document(text: str, component: str) -> AbstrctDocument:
    start = text.index(component)
    starts = [0] + [i + 1 for i, character in enumerate(text) if character == "\n"]
    return AbstrctDocument(
        text=text,
        spans=(Span(start, start + len(component)),),
        labels=(ComponentLabel.CLAIM,),
        pairs={},
        sentence_starts=tuple(starts),
    )


def test_rct_features_see_results_and_conclusions() -> None:
    text = (
        "Patients were randomized .\n"
        "Survival was 45 % versus 30 % ( p < 0.01 ) .\n"
        "These results suggest that the regimen may be effective ."
    )
    result = rct_features(_document(text, "Survival was 45 % versus 30 % ( p < 0.01 ) ."), 0)
    assert result["rct:percent"] == result["rct:p_value"] == 1.0
    assert result["rct:comparative=versus"] == 1.0
    assert result["rct:sentence_position"] == 0.5
    claim = rct_features(_document(text, "the regimen may be effective ."), 0)
    assert claim["rct:hedge=may"] == claim["rct:cue=effective"] == 1.0
    assert claim["rct:left_hedge=suggest"] == claim["rct:left=that"] == 1.0
    assert claim["rct:sentence_from_end=0"] == 1.0
    assert claim["rct:numbers"] == 0.0


@given(st.text(min_size=1, max_size=80).filter(lambda text: text.strip()))
def test_rct_features_are_finite_and_bounded(text: str) -> None:
    result = rct_features(_document(text, text.strip()), 0)
    assert all(0.0 <= value <= 1.0 for value in result.values())


# -- the estimator --------------------------------------------------------------------------


def test_model_follows_estimator_conventions() -> None:
    params = {"Cs": (0.5,), "class_weights": (None,), "thresholds": (0.4,), "type_folds": 3}
    model = AbstrctModel(**params)
    twin = clone(model)
    assert twin.get_params() == params
    assert twin is not model
    empty = ParsedAbstract(_document("A b .", "A b ."), ParsedText("A b .", []))
    with pytest.raises(NotFittedError):
        model.predict_components(empty)


@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 3), st.floats(0, 1), st.floats(0, 1)),
        min_size=1,
        max_size=30,
    ),
    st.floats(0, 1),
)
def test_each_component_keeps_at_most_one_relation(
    rows: list[tuple[int, int, float, float]], threshold: float
) -> None:
    keys = [(abstract, source, target) for target, (abstract, source, _, _) in enumerate(rows)]
    probabilities = np.array(
        [[support * (1 - none), (1 - support) * (1 - none), none] for *_, support, none in rows]
    )
    classes = np.array(["Support", "Attack", "noRel"])
    labels = _at_most_one_target(keys, probabilities, classes, threshold)
    related = Counter(
        (key[0], key[1]) for key, label in zip(keys, labels, strict=True) if label != "noRel"
    )
    assert all(count == 1 for count in related.values())
    for row, label in enumerate(labels):
        if label != "noRel":
            assert 1 - probabilities[row, 2] >= threshold


def test_published_numbers_name_their_source() -> None:
    for entry in PUBLISHED_ABSTRCT:
        assert entry.source
        assert entry.setting
        assert all(0.0 < value <= 1.0 for value in entry.scores.values())


# -- the real corpus --------------------------------------------------------------------------

SLICE = {"neoplasm_train": 15, "neoplasm_dev": 3}


def _majority_macro_f1(scores: dict[str, Any]) -> float:
    """Macro F1 of always predicting the most frequent class: its F1 over the class count."""
    supports = [entry["support"] for entry in scores.values()]
    share = max(supports) / sum(supports)
    return 2 * share / (1 + share) / len(supports)


@pytest.mark.corpus
def test_evaluate_abstrct_on_a_slice(corpora: Path) -> None:
    results = evaluate_abstrct(corpora, max_train=15, max_eval=3)
    assert results["n_train"] == 15
    assert results["n_dev"] == 3
    assert set(results["test"]) == {"neoplasm_test", "glaucoma_test", "mixed_test"}
    assert set(results["selection"]) == {"component", "relation"}
    for scores in [results["dev"], *results["test"].values()]:
        assert scores["n_abstracts"] == 3
        assert set(scores["components"]) == {"Claim", "Premise"}
        assert set(scores["relations"]) == {"Support", "Attack", "noRel"}
        for key in ("component_macro_f1", "relation_macro_f1", "relation_macro_f1_support_attack"):
            assert 0.0 <= scores[key] <= 1.0
        assert scores["n_pairs"] == sum(entry["support"] for entry in scores["relations"].values())
    # Claims (conclusions, last, hedged) and premises (numbers) are easy to tell apart: even 15
    # training abstracts beat always answering "Premise" on every test set.
    for scores in results["test"].values():
        assert scores["component_macro_f1"] > _majority_macro_f1(scores["components"])
    # Relations are harder and three test abstracts hold only ~25 Support/Attack pairs, so
    # the floor is on the mean over the test sets: better than always answering noRel.
    tests = list(results["test"].values())
    mean = sum(scores["relation_macro_f1"] for scores in tests) / len(tests)
    assert mean > sum(_majority_macro_f1(scores["relations"]) for scores in tests) / len(tests)
    table = format_abstrct_table(results)
    assert table.count("| argmine") == 3
    assert "hal-02879293" in table


@pytest.fixture(scope="module")
def slice_abstracts(corpora: Path) -> dict[str, list[ParsedAbstract]]:
    return load_abstracts(corpora, list(SLICE), limit=SLICE)


@pytest.mark.corpus
def test_model_saves_and_loads(
    slice_abstracts: dict[str, list[ParsedAbstract]], tmp_path: Path
) -> None:
    model = AbstrctModel(Cs=(1.0,), class_weights=("balanced",)).fit(
        slice_abstracts["neoplasm_train"], dev=slice_abstracts["neoplasm_dev"]
    )
    path = save_abstrct_model(model, tmp_path / "abstrct.skops")
    loaded = load_abstrct_model(path)
    for abstract in slice_abstracts["neoplasm_dev"]:
        assert loaded.predict_components(abstract) == model.predict_components(abstract)
        relations = loaded.predict_relations(abstract)
        assert relations == model.predict_relations(abstract)
        assert set(relations) == set(abstract.document.pairs)
    assert loaded.selection_ == model.selection_


def test_load_refuses_missing_and_damaged_files(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError):
        load_abstrct_model(tmp_path / "absent.skops")
    damaged = tmp_path / "damaged.skops"
    damaged.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(CorruptModelError):
        load_abstrct_model(damaged)


@pytest.mark.corpus
def test_a_broken_relations_file_fails_before_any_parsing(corpora: Path, tmp_path: Path) -> None:
    copy = shutil.copytree(corpora / "abstrct", tmp_path / "abstrct")
    relations = copy / "argument_relations" / "mixed_relations_test.tsv"
    lines = relations.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[10] = lines[10].replace("\t", " ", 1)
    relations.write_text("".join(lines), encoding="utf-8")

    def never(text: str) -> ParsedText:
        raise AssertionError("parsed before every file was read")

    with pytest.raises(CorpusError, match=r"mixed_relations_test\.tsv: line 11"):
        evaluate_abstrct(copy, parse_text=never)
