"""The turn-attachment model of transcripts: features, exact decoding, model files, and its
use in the analysis of a transcript."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.linear import LinearClassifier
from argmine.structure.attachment import (
    AttachmentModel,
    load_attachment_model,
    save_attachment_model,
    shipped_attachment_model,
    turn_features,
    turn_tree,
)
from argmine.structure.models import text_features
from argmine.training.attachment import AttachmentClassifier
from argmine.types import ParsedText, Sentence, Span, Token, UnitRole

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

NEAR = [{"gap=-1": 1.0, "src_marker_sense=cause": 1.0}, {"gap=1": 1.0}] * 10
LABELS = [True] * 20 + [False] * 20
FAR = [{"gap=-4": 1.0}, {"gap=5": 1.0}] * 9 + [{"gap=-4": 1.0}, {"gap=5": 1.0, "rare": 1.0}]


def _parsed() -> tuple[ParsedText, list[Span]]:
    """Three one-sentence units: "Taxes rise.", "Because costs grow.", "Voters pay."."""
    sentences, start, spans = [], 0, []
    for words in [
        [("Taxes", "tax", "NOUN", 2, "nsubj"), ("rise", "rise", "VERB", 0, "root")],
        [
            ("Because", "because", "SCONJ", 3, "mark"),
            ("costs", "cost", "NOUN", 3, "nsubj"),
            ("grow", "grow", "VERB", 0, "root"),
        ],
        [("Voters", "voter", "NOUN", 2, "nsubj"), ("pay", "pay", "VERB", 0, "root")],
    ]:
        tokens, first = [], start
        for form, lemma, upos, head, deprel in words:
            tokens.append(Token(start, start + len(form), form, lemma, upos, None, head, deprel))
            start += len(form) + 1
        end = start - 1
        tokens.append(Token(end, end + 1, ".", ".", "PUNCT", None, 1, "punct"))
        sentences.append(Sentence(first, end + 1, tokens))
        spans.append(Span(first, end + 1))
        start = end + 2
    text = "Taxes rise. Because costs grow. Voters pay."
    return ParsedText(text, sentences), spans


def test_turn_features_read_distance_openers_and_no_words() -> None:
    parsed, spans = _parsed()
    pairs = turn_features(parsed, spans, text_features(parsed, spans))
    assert set(pairs) == {(s, t) for s in range(3) for t in range(3) if s != t}
    back = pairs[(1, 0)]
    assert back["gap=-1"] == back["sentence_gap=-1"] == 1.0
    assert back["gap=-1|src_opener=cause"] == 1.0
    assert "between_opener=cause" not in back
    # the opener of the unit between them ("Because") counts for the pair 0 -> 2
    assert pairs[(0, 2)]["between_opener=cause"] == 1.0
    assert pairs[(0, 2)]["gap=2|trg_opener=<none>"] == 1.0
    # the units' own features come without their words
    assert "src:marker_sense=cause" in back
    assert not [key for key in back if key.startswith(("src:lemma=", "trg:lemma=", "src:dep="))]


def _scores(size: int, seed: int) -> dict[tuple[int, int], float]:
    rng = np.random.default_rng(seed)
    return {
        (s, t): float(math.log(rng.uniform(0.01, 1.0)))
        for s in range(size)
        for t in range(size)
        if s != t
    }


def _is_forest(parents: list[int | None]) -> bool:
    for unit in range(len(parents)):
        seen, node = set(), parents[unit]
        while node is not None:
            if node in seen or node == unit:
                return False
            seen.add(node)
            node = parents[node]
    return True


def _is_tree(parents: list[int | None]) -> bool:
    return _is_forest(parents) and sum(parent is None for parent in parents) == 1


@pytest.mark.parametrize("seed", range(5))
def test_turn_tree_is_the_best_tree_with_one_root(seed: int) -> None:
    size = 5
    scores = _scores(size, seed)
    best = max(
        (
            list(parents)
            for parents in itertools.product([None, *range(size)], repeat=size)
            if all(parent != unit for unit, parent in enumerate(parents))
            and _is_tree(list(parents))
        ),
        key=lambda parents: sum(scores[(u, p)] for u, p in enumerate(parents) if p is not None),
    )
    assert turn_tree(size, scores) == best


def test_turn_tree_keeps_forced_heads() -> None:
    scores = _scores(4, 7)
    scores[(0, 1)] = 0.0  # the best head of unit 0 by far, but its head is forced
    parents = turn_tree(4, scores, heads={0: 3})
    assert parents[0] == 3
    assert _is_tree(parents)


def _model() -> AttachmentClassifier:
    return AttachmentClassifier(C=10.0, min_count=2).fit(NEAR + FAR, LABELS)


def test_the_model_prefers_near_targets_and_drops_rare_features() -> None:
    model = _model()
    probabilities = model.to_runtime().probabilities([NEAR[0], FAR[0]])
    assert probabilities[0] > 0.8 > 0.2 > probabilities[1]
    assert "gap=-1" in model.feature_names_
    assert "rare" not in model.feature_names_  # in one row only
    assert (
        "rare" in AttachmentClassifier(C=10.0, min_count=1).fit(NEAR + FAR, LABELS).feature_names_
    )
    assert list(model.predict(NEAR[:2] + FAR[:2])) == [True, True, False, False]
    assert model.get_params() == {"C": 10.0, "min_count": 2}


def test_a_saved_model_loads_and_scores_the_same(tmp_path: Path) -> None:
    runtime = _model().to_runtime()
    path = save_attachment_model(runtime, tmp_path / "attachment.npz")
    loaded = load_attachment_model(path)
    assert list(loaded.linear.feature_names) == list(runtime.linear.feature_names)
    rows = {(0, 1): NEAR[1], (1, 0): NEAR[0], (0, 2): FAR[0]}
    assert loaded.scores(rows) == runtime.scores(rows)


def test_loading_a_missing_or_damaged_model_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="argmine train attachment"):
        load_attachment_model(tmp_path / "none.npz")
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(b"not a zip file")
    with pytest.raises(CorruptModelError, match=r"damaged\.npz"):
        load_attachment_model(damaged)
    # a readable archive of another kind of model
    from argmine.structure.units import UnitFilter, save_units_model

    other = tmp_path / "units.npz"
    save_units_model(UnitFilter(_model().to_runtime().linear, 0.5), other)
    with pytest.raises(CorruptModelError, match=r"units\.npz"):
        load_attachment_model(other)


def test_the_shipped_model_loads_and_prefers_the_unit_before() -> None:
    model = shipped_attachment_model()
    parsed, spans = _parsed()
    scores = model.scores(turn_features(parsed, spans, text_features(parsed, spans)))
    assert scores[(1, 0)] > scores[(1, 2)]  # "Because costs grow" supports the unit before


def _towards(gap: int) -> AttachmentModel:
    """A model that believes only in targets ``gap`` units away."""
    linear = LinearClassifier(
        classes=np.array([False, True]),
        coef=np.array([[8.0]]),
        intercept=np.array([-4.0]),
        feature_names=np.array([f"gap={gap}"]),
    )
    return AttachmentModel(linear)


def test_a_transcript_is_one_tree_per_turn_that_follows_the_model() -> None:
    """The invented debate of fixtures/elecdeb, repeated to 21 turns (a transcript): with a
    model that believes in the next unit, relations inside turns point forward; with one that
    believes in the unit before, backward; either way each turn is one tree of its own and no
    unit is the central claim (a debate has none)."""
    from argmine.parsing import parse
    from argmine.pipeline import analyze_parsed

    text = (FIXTURES / "elecdeb" / "components" / "1_2000.txt").read_text(encoding="utf-8") * 7
    parsed = parse(text, parser="bundled")
    for gap in (1, -1):
        analysis = analyze_parsed(parsed, attachment_model=_towards(gap))
        assert analysis.layout is not None
        index = {unit.id: number for number, unit in enumerate(analysis.units)}
        turn = {
            unit.id: next(
                number
                for number, paragraph in enumerate(analysis.layout.paragraphs)
                if paragraph.start <= unit.start < paragraph.end
            )
            for unit in analysis.units
        }
        outgoing = [relation.source for relation in analysis.relations]
        assert len(outgoing) == len(set(outgoing))
        assert all(turn[r.source] == turn[r.target] for r in analysis.relations)
        roots = [unit.id for unit in analysis.units if unit.id not in outgoing]
        assert sorted(turn[root] for root in roots) == sorted(set(turn.values()))
        assert not any(unit.role is UnitRole.CENTRAL_CLAIM for unit in analysis.units)
        parents: list[int | None] = [None] * len(analysis.units)
        for relation in analysis.relations:
            parents[index[relation.source]] = index[relation.target]
        assert _is_forest(parents)
        gaps = [
            target - source
            for source, target in enumerate(parents)
            if target is not None and abs(target - source) < 4
        ]
        assert gaps.count(gap) > 0.6 * len(gaps)
