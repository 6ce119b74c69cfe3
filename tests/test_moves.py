"""Move detection: exact kinds and spans on hand-built UD parses, the fixture texts parsed with
the bundled model, and properties that hold for any parse.

The hand-built parses follow UD English EWT conventions; they pin the tree logic (which
subtree becomes which span) independently of any parser's mistakes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmine.errors import CorruptModelError, ModelNotFoundError
from argmine.evaluation.concession import evaluate_concession
from argmine.evaluation.concession import format_table as concession_table
from argmine.evaluation.moves import load_gold, marker_spans, score_document
from argmine.maps.feedback import EnumerationCheck
from argmine.moves import detect, detect_moves, sense_rules
from argmine.moves.detect import conservative_senses
from argmine.moves.senses import (
    CONCESSION_FEATURES_VERSION,
    LABELS,
    MarkerContext,
    concession_features,
    default_concession_model_path,
    load_concession_model,
    load_model,
    save_model,
)
from argmine.parsing import from_conllu
from argmine.parsing import parse as argmine_parse
from argmine.serialize import from_json, to_json
from argmine.testing import parsed_texts
from argmine.text.tree import paragraph_bounds, trim
from argmine.training.concession import concession_data
from argmine.training.corpora.gum import Split
from argmine.types import (
    Analysis,
    AnyMove,
    Cause,
    Concession,
    Conclusion,
    Condition,
    Conditional,
    Contrast,
    Enumeration,
    EnumerationItem,
    Exemplification,
    Move,
    ParsedText,
    Reformulation,
    Span,
)

M = TypeVar("M", bound=Move)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "moves"


# -- helpers ---------------------------------------------------------------------------------


def ud(text: str, rows: str, *, paragraph: bool = False) -> str:
    """One CoNLL-U sentence from rows of ``form UPOS head deprel [feats]``.

    A form written ``shows/show`` has lemma ``show``; otherwise the lemma is the lowercased
    form. ``paragraph`` starts a new paragraph (``# newpar``).
    """
    lines = ["# newpar"] if paragraph else []
    lines.append(f"# text = {text}")
    for number, row in enumerate(rows.strip().splitlines(), start=1):
        form, upos, head, deprel, *rest = row.split()
        form, _, lemma = form.partition("/")
        feats = rest[0] if rest else "_"
        lines.append(
            "\t".join([str(number), form, lemma or form.lower(), upos, "_", feats, head, deprel])
            + "\t_\t_"
        )
    return "\n".join(lines) + "\n\n"


def parse(*sentences: str) -> ParsedText:
    return from_conllu("".join(sentences))


def moves_of(
    *sentences: str, senses: Callable[..., list[str]] = conservative_senses
) -> tuple[ParsedText, tuple[AnyMove, ...]]:
    parsed = parse(*sentences)
    return parsed, detect_moves(parsed, senses=senses)


def cut(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def only(moves: Sequence[AnyMove], kind: type[M]) -> M:
    """The one move of type ``kind``."""
    found = [move for move in moves if isinstance(move, kind)]
    assert len(found) == 1, moves
    return found[0]


def kinds(moves: Sequence[AnyMove]) -> list[str]:
    return [move.kind.value for move in moves]


# -- conditionals ----------------------------------------------------------------------------

ONLY_WHEN = ud(
    "Only when both sides keep their promises can the ceasefire hold.",
    """
    Only ADV 5 advmod
    when SCONJ 5 mark
    both DET 4 det
    sides NOUN 5 nsubj Number=Plur
    keep VERB 11 advcl Mood=Ind|Tense=Pres|VerbForm=Fin
    their PRON 7 nmod:poss
    promises NOUN 5 obj Number=Plur
    can AUX 11 aux VerbForm=Fin
    the DET 10 det
    ceasefire NOUN 11 nsubj Number=Sing
    hold VERB 0 root VerbForm=Inf
    . PUNCT 11 punct
    """,
)

#: The compact parser's reading: the fronted clause as the root, the main clause below it.
ONLY_WHEN_ROOTED = ud(
    "Only when both sides keep their promises can the ceasefire hold.",
    """
    Only ADV 5 advmod
    when ADV 5 advmod PronType=Int
    both DET 4 det
    sides NOUN 5 nsubj Number=Plur
    keep VERB 0 root Mood=Ind|Tense=Pres|VerbForm=Fin
    their PRON 7 nmod:poss
    promises NOUN 5 obj Number=Plur
    can AUX 11 aux VerbForm=Fin
    the DET 11 det
    ceasefire NOUN 11 compound Number=Sing
    hold NOUN 5 obj Number=Sing
    . PUNCT 11 punct
    """,
)

ONLY_IF = ud(
    "The plan works only if everyone pays.",
    """
    The DET 2 det
    plan NOUN 3 nsubj
    works VERB 0 root Tense=Pres|VerbForm=Fin
    only ADV 7 advmod
    if SCONJ 7 mark
    everyone PRON 7 nsubj
    pays VERB 3 advcl Tense=Pres|VerbForm=Fin
    . PUNCT 3 punct
    """,
)

IF_THEN = ud(
    "If both sides keep their promises, then the talks will succeed.",
    """
    If SCONJ 4 mark
    both DET 3 det
    sides NOUN 4 nsubj
    keep VERB 12 advcl Tense=Pres|VerbForm=Fin
    their PRON 6 nmod:poss
    promises NOUN 4 obj
    , PUNCT 4 punct
    then ADV 12 advmod
    the DET 10 det
    talks NOUN 12 nsubj
    will AUX 12 aux VerbForm=Fin
    succeed VERB 0 root VerbForm=Inf
    . PUNCT 12 punct
    """,
)

UNLESS_FRONTED = ud(
    "Unless the council acts, fares will rise.",
    """
    Unless SCONJ 4 mark
    the DET 3 det
    council NOUN 4 nsubj
    acts VERB 8 advcl Tense=Pres|VerbForm=Fin
    , PUNCT 4 punct
    fares NOUN 8 nsubj
    will AUX 8 aux VerbForm=Fin
    rise VERB 0 root VerbForm=Inf
    . PUNCT 8 punct
    """,
)

UNLESS_FINAL = ud(
    "The council should approve the proposal, unless the authority rejects it.",
    """
    The DET 2 det
    council NOUN 4 nsubj
    should AUX 4 aux VerbForm=Fin
    approve VERB 0 root VerbForm=Inf
    the DET 6 det
    proposal NOUN 4 obj
    , PUNCT 11 punct
    unless SCONJ 11 mark
    the DET 10 det
    authority NOUN 11 nsubj
    rejects VERB 4 advcl Tense=Pres|VerbForm=Fin
    it PRON 11 obj
    . PUNCT 4 punct
    """,
)

AS_LONG_AS = ud(
    "The deal holds as long as prices stay low.",
    """
    The DET 2 det
    deal NOUN 3 nsubj
    holds VERB 0 root Tense=Pres|VerbForm=Fin
    as ADV 5 advmod
    long ADV 3 advmod
    as SCONJ 8 mark
    prices NOUN 8 nsubj
    stay VERB 5 advcl Tense=Pres|VerbForm=Fin
    low ADJ 8 xcomp
    . PUNCT 3 punct
    """,
)

PROVIDED_THAT = ud(
    "Fares can fall, provided that the state pays.",
    """
    Fares NOUN 3 nsubj
    can AUX 3 aux VerbForm=Fin
    fall VERB 0 root VerbForm=Inf
    , PUNCT 9 punct
    provided VERB 9 mark
    that SCONJ 5 fixed
    the DET 8 det
    state NOUN 9 nsubj
    pays VERB 3 advcl Tense=Pres|VerbForm=Fin
    . PUNCT 3 punct
    """,
)

WHEN_PAST = ud(
    "When I arrived, the hall was empty.",
    """
    When SCONJ 3 mark
    I PRON 3 nsubj
    arrived VERB 8 advcl Tense=Past|VerbForm=Fin
    , PUNCT 3 punct
    the DET 6 det
    hall NOUN 8 nsubj
    was AUX 8 cop Tense=Past|VerbForm=Fin
    empty ADJ 0 root
    . PUNCT 8 punct
    """,
)

WHEN_GENERIC = ud(
    "When prices rise, people buy less.",
    """
    When SCONJ 3 mark
    prices NOUN 3 nsubj
    rise VERB 6 advcl Tense=Pres|VerbForm=Fin
    , PUNCT 3 punct
    people NOUN 6 nsubj
    buy VERB 0 root Tense=Pres|VerbForm=Fin
    less ADJ 6 obj
    . PUNCT 6 punct
    """,
)

IF_COMPLEMENT = ud(
    "Nobody knows if the plan will work.",
    """
    Nobody PRON 2 nsubj
    knows/know VERB 0 root Tense=Pres|VerbForm=Fin
    if SCONJ 7 mark
    the DET 5 det
    plan NOUN 7 nsubj
    will AUX 7 aux VerbForm=Fin
    work VERB 2 ccomp VerbForm=Inf
    . PUNCT 2 punct
    """,
)

EVEN_IF = ud(
    "Even if fares fall, drivers will not switch.",
    """
    Even ADV 4 advmod
    if SCONJ 4 mark
    fares NOUN 4 nsubj
    fall VERB 9 advcl Tense=Pres|VerbForm=Fin
    , PUNCT 4 punct
    drivers NOUN 9 nsubj
    will AUX 9 aux VerbForm=Fin
    not PART 9 advmod
    switch VERB 0 root VerbForm=Inf
    . PUNCT 9 punct
    """,
)


@pytest.mark.parametrize(
    ("sentence", "condition", "marker", "antecedent", "consequent"),
    [
        (
            ONLY_WHEN, Condition.NECESSARY, "Only when", "both sides keep their promises",
            "can the ceasefire hold",
        ),
        (
            ONLY_WHEN_ROOTED, Condition.NECESSARY, "Only when", "both sides keep their promises",
            "can the ceasefire hold",
        ),
        (ONLY_IF, Condition.NECESSARY, "only if", "everyone pays", "The plan works"),
        (
            IF_THEN, Condition.SUFFICIENT, "If … then", "both sides keep their promises",
            "the talks will succeed",
        ),
        (UNLESS_FRONTED, Condition.EXCEPTION, "Unless", "the council acts", "fares will rise"),
        (
            UNLESS_FINAL, Condition.EXCEPTION, "unless", "the authority rejects it",
            "The council should approve the proposal",
        ),
        (AS_LONG_AS, Condition.SUFFICIENT, "as long as", "prices stay low", "The deal holds"),
        (PROVIDED_THAT, Condition.SUFFICIENT, "provided that", "the state pays", "Fares can fall"),
        (WHEN_GENERIC, Condition.SUFFICIENT, "When", "prices rise", "people buy less"),
    ],
)  # fmt: skip
def test_conditionals_take_their_sides_from_the_tree(
    sentence: str, condition: Condition, marker: str, antecedent: str, consequent: str
) -> None:
    parsed, moves = moves_of(sentence)
    move = only(moves, Conditional)
    assert (move.condition, move.marker) == (condition, marker)
    assert cut(parsed.text, move.antecedent) == antecedent
    assert cut(parsed.text, move.consequent) == consequent
    assert kinds(moves) == ["conditional"]
    assert (move.start, move.end) == (0, len(parsed.text.rstrip(".")))


def test_temporal_when_and_complement_if_are_no_conditionals() -> None:
    _, moves = moves_of(WHEN_PAST, IF_COMPLEMENT)
    assert moves == ()


def test_even_if_is_a_concession_not_a_conditional() -> None:
    parsed, moves = moves_of(EVEN_IF)
    move = only(moves, Concession)
    assert move.marker == "Even if"
    assert cut(parsed.text, move.conceded) == "fares fall"
    assert cut(parsed.text, move.main) == "drivers will not switch"
    assert kinds(moves) == ["concession"]


def test_a_sense_function_decides_ambiguous_markers() -> None:
    seen: list[MarkerContext] = []

    def always_conditional(contexts: Sequence[MarkerContext]) -> list[str]:
        seen.extend(contexts)
        return ["conditional"] * len(contexts)

    parsed, moves = moves_of(WHEN_PAST, senses=always_conditional)
    assert [(context.sentence, context.words, context.marker) for context in seen] == [
        (0, (1,), "when")
    ]
    assert seen[0].parsed is parsed
    move = only(moves, Conditional)
    assert cut(parsed.text, move.antecedent) == "I arrived"
    assert cut(parsed.text, move.consequent) == "the hall was empty"

    _, rejected = moves_of(WHEN_GENERIC, senses=lambda contexts: ["none"] * len(contexts))
    assert rejected == ()


def test_a_sense_function_must_answer_every_context() -> None:
    with pytest.raises(ValueError, match="labels"):
        moves_of(WHEN_GENERIC, senses=lambda contexts: [])


def test_an_installed_model_decides_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    class Model:
        def predict(self, contexts: list[MarkerContext]) -> list[str]:
            asked.extend(context.marker for context in contexts)
            return ["none"] * len(contexts)

    monkeypatch.setattr(sense_rules, "load_default_model", Model)
    # The model reads "while" as no move; the rules, not the model, decide "when" and "since".
    parsed = parse(WHEN_GENERIC, SINCE_CAUSAL, WHILE_CONTRAST)
    assert kinds(detect_moves(parsed)) == ["conditional", "cause"]
    assert asked == ["while"]


def test_without_a_model_file_the_fallback_rules_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise ModelNotFoundError("no model here")

    monkeypatch.setattr(sense_rules, "load_default_model", missing)
    assert detect.default_senses() is conservative_senses
    parsed = parse(WHEN_PAST, WHEN_GENERIC)
    assert kinds(detect_moves(parsed)) == ["conditional"]


class ConstantModel:
    """A stand-in sense model that gives every context one label and records what it saw."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.asked: list[str] = []

    def predict(self, contexts: Sequence[MarkerContext]) -> list[str]:
        self.asked.extend(context.marker for context in contexts)
        return [self.label] * len(contexts)


def test_the_concession_model_decides_plain_but(monkeypatch: pytest.MonkeyPatch) -> None:
    concession = ConstantModel("concession")
    monkeypatch.setattr(sense_rules, "load_default_model", lambda: ConstantModel("none"))
    monkeypatch.setattr(sense_rules, "load_concession_model", lambda: concession)
    parsed = parse(BUT_CLAUSES)
    move = only(detect_moves(parsed), Concession)
    assert cut(parsed.text, move.conceded) == "Buses are cheap"
    assert cut(parsed.text, move.main) == "trams are faster"
    assert concession.asked == ["but"]


def test_without_a_concession_model_plain_but_is_a_contrast(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing() -> None:
        raise ModelNotFoundError("no model here")

    monkeypatch.setattr(sense_rules, "load_default_model", lambda: ConstantModel("none"))
    monkeypatch.setattr(sense_rules, "load_concession_model", missing)
    assert kinds(detect_moves(parse(BUT_CLAUSES))) == ["contrast"]


def test_shipped_concession_model_loads() -> None:
    model = load_concession_model()
    assert set(model.classes) >= {"concession", "contrast"}
    assert default_concession_model_path().stat().st_size < 1_000_000
    assert model.features_version == CONCESSION_FEATURES_VERSION


def test_concession_features_compare_the_two_clauses_of_but() -> None:
    """ "Buses are cheap, but trams are faster": two subjects side by side, the same tense,
    no negation, the first argument the clause "but" is coordinated with."""
    parsed = parse(BUT_CLAUSES)
    features = concession_features(MarkerContext(parsed, 0, (5,), "but"))
    assert features["a1_where"] == "clause"
    assert features["a1_hlemma"] == "cheap"
    assert features["a2_hlemma"] == "faster"
    assert features["same_subject"] == "no"
    assert features["subjects"] == "n>n"
    assert features["tenses"] == "Pres>Pres"
    assert features["polarity"] == "no/no"
    assert features["m:but|polarity_differs"] == "no"


def test_concession_features_of_a_fronted_although_and_a_sentence_adverb() -> None:
    """ "Although X, Y": the first argument is Y, the clause the subordinate one attaches to
    (not the sentence before); "However, Y" takes the previous sentence."""
    parsed = parse(CARS_CONVENIENT, ALTHOUGH)
    features = concession_features(MarkerContext(parsed, 1, (1,), "although"))
    assert features["a1_where"] == "clause"
    assert (features["a1_hlemma"], features["a2_hlemma"]) == ("affordable", "tight")
    parsed = parse(CARS_CONVENIENT, HOWEVER_POLLUTE)
    features = concession_features(MarkerContext(parsed, 1, (1,), "however"))
    assert features["a1_where"] == "previous"
    assert (features["a1_hlemma"], features["a2_hlemma"]) == ("convenient", "pollute")
    assert features["a2_subject"] == "3"
    opening = concession_features(MarkerContext(parse(HOWEVER_POLLUTE), 0, (1,), "however"))
    assert opening["a1_where"] == "none"


def test_a_concession_model_of_another_feature_version_is_refused(tmp_path: Path) -> None:
    model = load_concession_model()
    stale = attrs.evolve(model, features_version=CONCESSION_FEATURES_VERSION - 1)
    path = save_model(stale, tmp_path / "stale.npz")
    with pytest.raises(CorruptModelError, match="feature version"):
        load_model(path, hint="argmine train concession")


@pytest.mark.corpus
def test_gum_concession_data_and_the_classifier_against_the_majority(corpora: Path) -> None:
    gum = corpora / "gum-discourse"
    contexts, labels = concession_data(gum, Split.TEST)
    assert len(contexts) > 80
    assert set(labels) == {"concession", "contrast"}
    for context in contexts:
        words = context.parsed.sentences[context.sentence].tokens
        found = " ".join(words[word - 1].text.lower() for word in context.words)
        assert found == context.marker
    results = evaluate_concession(gum)
    assert results["test_examples"] == len(contexts)
    # Measured 0.639 (69 of 108); the majority label 0.565, each marker's majority 0.611.
    assert results["accuracy"] >= 0.63
    assert results["accuracy"] > results["marker_majority_accuracy"] > results["majority_accuracy"]
    assert results["target_examples"] < results["test_examples"]
    assert results["target_accuracy"] > results["target_marker_majority_accuracy"]
    assert "| but |" in concession_table(results)


def test_concession_commands_are_registered() -> None:
    from typer.testing import CliRunner

    from argmine.cli import app

    for group, command in (
        ("train", "concession"),
        ("evaluate", "concession"),
        ("evaluate", "concession-tune"),
    ):
        result = CliRunner().invoke(app, [group, command, "--help"])
        assert result.exit_code == 0, result.output
        assert "GUM" in result.output


# -- contrast and concession -----------------------------------------------------------------

RATHER_THAN_VERBS = ud(
    "We should invest in flexible hours rather than impose one schedule on everyone.",
    """
    We PRON 3 nsubj
    should AUX 3 aux VerbForm=Fin
    invest VERB 0 root VerbForm=Inf
    in ADP 6 case
    flexible ADJ 6 amod
    hours NOUN 3 obl
    rather ADV 9 cc
    than ADP 7 fixed
    impose VERB 3 conj VerbForm=Inf
    one NUM 11 nummod
    schedule NOUN 9 obj
    on ADP 13 case
    everyone PRON 9 obl
    . PUNCT 3 punct
    """,
)

RATHER_THAN_NOUNS = ud(
    "The city needs more buses rather than higher fares.",
    """
    The DET 2 det
    city NOUN 3 nsubj
    needs VERB 0 root Tense=Pres|VerbForm=Fin
    more ADJ 5 amod
    buses NOUN 3 obj
    rather ADV 9 cc
    than ADP 6 fixed
    higher ADJ 9 amod
    fares NOUN 5 conj
    . PUNCT 3 punct
    """,
)

NOT_BUT = ud(
    "The problem is not the price but the schedule.",
    """
    The DET 2 det
    problem NOUN 6 nsubj
    is AUX 6 cop Tense=Pres|VerbForm=Fin
    not PART 6 advmod
    the DET 6 det
    price NOUN 0 root
    but CCONJ 9 cc
    the DET 9 det
    schedule NOUN 6 conj
    . PUNCT 6 punct
    """,
)

INSTEAD_OF = ud(
    "Families should read together instead of filling in worksheets.",
    """
    Families NOUN 3 nsubj
    should AUX 3 aux VerbForm=Fin
    read VERB 0 root VerbForm=Inf
    together ADV 3 advmod
    instead ADV 7 mark
    of ADP 5 fixed
    filling VERB 3 advcl VerbForm=Ger
    in ADP 7 compound:prt
    worksheets NOUN 7 obj
    . PUNCT 3 punct
    """,
)

BUT_CLAUSES = ud(
    "Buses are cheap, but trams are faster.",
    """
    Buses NOUN 3 nsubj
    are AUX 3 cop Tense=Pres|VerbForm=Fin
    cheap ADJ 0 root
    , PUNCT 8 punct
    but CCONJ 8 cc
    trams NOUN 8 nsubj
    are AUX 8 cop Tense=Pres|VerbForm=Fin
    faster ADJ 3 conj
    . PUNCT 3 punct
    """,
)

CARS_CONVENIENT = ud(
    "Cars are convenient.",
    """
    Cars NOUN 3 nsubj
    are AUX 3 cop Tense=Pres|VerbForm=Fin
    convenient ADJ 0 root
    . PUNCT 3 punct
    """,
)

HOWEVER_POLLUTE = ud(
    "However, they pollute the air.",
    """
    However ADV 4 advmod
    , PUNCT 1 punct
    they PRON 4 nsubj
    pollute VERB 0 root Tense=Pres|VerbForm=Fin
    the DET 6 det
    air NOUN 4 obj
    . PUNCT 4 punct
    """,
)

WHEREAS = ud(
    "Trams run on time, whereas buses are often late.",
    """
    Trams NOUN 2 nsubj
    run VERB 0 root Tense=Pres|VerbForm=Fin
    on ADP 4 case
    time NOUN 2 obl
    , PUNCT 10 punct
    whereas SCONJ 10 mark
    buses NOUN 10 nsubj
    are AUX 10 cop Tense=Pres|VerbForm=Fin
    often ADV 10 advmod
    late ADJ 2 advcl
    . PUNCT 2 punct
    """,
)

WHILE_CONTRAST = ud(
    "While cars pollute the air, bicycles keep it clean.",
    """
    While SCONJ 3 mark
    cars NOUN 3 nsubj
    pollute VERB 8 advcl Tense=Pres|VerbForm=Fin
    the DET 5 det
    air NOUN 3 obj
    , PUNCT 3 punct
    bicycles NOUN 8 nsubj
    keep VERB 0 root Tense=Pres|VerbForm=Fin
    it PRON 8 obj
    clean ADJ 8 xcomp
    . PUNCT 8 punct
    """,
)


@pytest.mark.parametrize(
    ("sentence", "marker", "preferred", "rejected"),
    [
        (
            RATHER_THAN_VERBS, "rather than", "invest in flexible hours",
            "impose one schedule on everyone",
        ),
        (RATHER_THAN_NOUNS, "rather than", "more buses", "higher fares"),
        (NOT_BUT, "not … but", "the schedule", "the price"),
        (INSTEAD_OF, "instead of", "read together", "filling in worksheets"),
    ],
)  # fmt: skip
def test_contrasts_with_a_preferred_side(
    sentence: str, marker: str, preferred: str, rejected: str
) -> None:
    parsed, moves = moves_of(sentence)
    move = only(moves, Contrast)
    assert move.marker == marker
    assert cut(parsed.text, move.preferred) == preferred
    assert cut(parsed.text, move.rejected) == rejected
    assert kinds(moves) == ["contrast"]


@pytest.mark.parametrize(
    ("sentences", "marker", "whole"),
    [
        ((BUT_CLAUSES,), "but", "Buses are cheap, but trams are faster"),
        (
            (CARS_CONVENIENT, HOWEVER_POLLUTE), "However",
            "Cars are convenient.\nHowever, they pollute the air",
        ),
        ((WHEREAS,), "whereas", "Trams run on time, whereas buses are often late"),
        ((WHILE_CONTRAST,), "While", "While cars pollute the air, bicycles keep it clean"),
    ],
)  # fmt: skip
def test_plain_contrasts_cover_both_sides(
    sentences: tuple[str, ...], marker: str, whole: str
) -> None:
    parsed, moves = moves_of(*sentences)
    move = only(moves, Contrast)
    assert move.marker == marker
    assert parsed.text[move.start : move.end] == whole
    assert (move.preferred, move.rejected) == (None, None)
    assert kinds(moves) == ["contrast"]


def test_the_senses_can_read_but_and_however_as_concessions() -> None:
    def concessive(contexts: Sequence[MarkerContext]) -> list[str]:
        return ["concession"] * len(contexts)

    parsed, moves = moves_of(BUT_CLAUSES, senses=concessive)
    move = only(moves, Concession)
    assert cut(parsed.text, move.conceded) == "Buses are cheap"
    assert cut(parsed.text, move.main) == "trams are faster"

    parsed, moves = moves_of(CARS_CONVENIENT, HOWEVER_POLLUTE, senses=concessive)
    move = only(moves, Concession)
    assert cut(parsed.text, move.conceded) == "Cars are convenient"
    assert cut(parsed.text, move.main) == "they pollute the air"


ALTHOUGH = ud(
    "Although the budget is tight, the plan is affordable.",
    """
    Although SCONJ 5 mark
    the DET 3 det
    budget NOUN 5 nsubj
    is AUX 5 cop Tense=Pres|VerbForm=Fin
    tight ADJ 10 advcl
    , PUNCT 5 punct
    the DET 8 det
    plan NOUN 10 nsubj
    is AUX 10 cop Tense=Pres|VerbForm=Fin
    affordable ADJ 0 root
    . PUNCT 10 punct
    """,
)

DESPITE = ud(
    "Despite the cost, the scheme pays for itself.",
    """
    Despite ADP 3 case
    the DET 3 det
    cost NOUN 7 obl
    , PUNCT 3 punct
    the DET 6 det
    scheme NOUN 7 nsubj
    pays VERB 0 root Tense=Pres|VerbForm=Fin
    for ADP 9 case
    itself PRON 7 obl
    . PUNCT 7 punct
    """,
)

IN_SPITE_OF = ud(
    "The plan failed in spite of strong support.",
    """
    The DET 2 det
    plan NOUN 3 nsubj
    failed VERB 0 root Tense=Past|VerbForm=Fin
    in ADP 5 case
    spite NOUN 3 obl
    of ADP 8 case
    strong ADJ 8 amod
    support NOUN 5 nmod
    . PUNCT 3 punct
    """,
)

EVEN_TAKING = ud(
    "Even taking into account the cost of new buses, the scheme saves money.",
    """
    Even ADV 2 advmod
    taking VERB 13 advcl VerbForm=Ger
    into ADP 4 case
    account NOUN 2 obl
    the DET 6 det
    cost NOUN 2 obj
    of ADP 9 case
    new ADJ 9 amod
    buses NOUN 6 nmod
    , PUNCT 2 punct
    the DET 12 det
    scheme NOUN 13 nsubj
    saves VERB 0 root Tense=Pres|VerbForm=Fin
    money NOUN 13 obj
    . PUNCT 13 punct
    """,
)

ADMITTEDLY = ud(
    "Admittedly, some homework can be useful.",
    """
    Admittedly ADV 7 advmod
    , PUNCT 1 punct
    some DET 4 det
    homework NOUN 7 nsubj
    can AUX 7 aux VerbForm=Fin
    be AUX 7 cop VerbForm=Inf
    useful ADJ 0 root
    . PUNCT 7 punct
    """,
)

HOWEVER_READING = ud(
    "However, short reading gives the same practice.",
    """
    However ADV 5 advmod
    , PUNCT 1 punct
    short ADJ 4 amod
    reading NOUN 5 nsubj
    gives VERB 0 root Tense=Pres|VerbForm=Fin
    the DET 8 det
    same ADJ 8 amod
    practice NOUN 5 obj
    . PUNCT 5 punct
    """,
)

BUDGET_TIGHT = ud(
    "The budget is tight.",
    """
    The DET 2 det
    budget NOUN 4 nsubj
    is AUX 4 cop Tense=Pres|VerbForm=Fin
    tight ADJ 0 root
    . PUNCT 4 punct
    """,
)

EVEN_SO = ud(
    "Even so, the council should act.",
    """
    Even ADV 2 advmod
    so ADV 7 advmod
    , PUNCT 2 punct
    the DET 5 det
    council NOUN 7 nsubj
    should AUX 7 aux VerbForm=Fin
    act VERB 0 root VerbForm=Inf
    . PUNCT 7 punct
    """,
)

OF_COURSE_BUT = ud(
    "Of course, free transit costs money, but it saves more.",
    """
    Of ADP 6 advmod
    course NOUN 1 fixed
    , PUNCT 1 punct
    free ADJ 5 amod
    transit NOUN 6 nsubj
    costs VERB 0 root Tense=Pres|VerbForm=Fin
    money NOUN 6 obj
    , PUNCT 11 punct
    but CCONJ 11 cc
    it PRON 11 nsubj
    saves VERB 6 conj Tense=Pres|VerbForm=Fin
    more ADJ 11 obj
    . PUNCT 6 punct
    """,
)


@pytest.mark.parametrize(
    ("sentences", "marker", "conceded", "main"),
    [
        ((ALTHOUGH,), "Although", "the budget is tight", "the plan is affordable"),
        ((DESPITE,), "Despite", "the cost", "the scheme pays for itself"),
        ((IN_SPITE_OF,), "in spite of", "strong support", "The plan failed"),
        (
            (EVEN_TAKING,), "Even taking into account", "the cost of new buses",
            "the scheme saves money",
        ),
        (
            (ADMITTEDLY, HOWEVER_READING), "Admittedly … However", "some homework can be useful",
            "short reading gives the same practice",
        ),
        ((ADMITTEDLY,), "Admittedly", "some homework can be useful", None),
        ((BUDGET_TIGHT, EVEN_SO), "Even so", "The budget is tight", "the council should act"),
        ((OF_COURSE_BUT,), "Of course … but", "free transit costs money", "it saves more"),
    ],
)  # fmt: skip
def test_concessions(
    sentences: tuple[str, ...], marker: str, conceded: str, main: str | None
) -> None:
    parsed, moves = moves_of(*sentences)
    move = only(moves, Concession)
    assert move.marker == marker
    assert cut(parsed.text, move.conceded) == conceded
    assert cut(parsed.text, move.main) == main
    # The "but" or "However" that answers an admission is part of it, not a contrast of its own.
    assert kinds(moves) == ["concession"]


# -- exemplification, cause, conclusion, reformulation ----------------------------------------

FOR_EXAMPLE = ud(
    "For example, Tallinn made transit free in 2013.",
    """
    For ADP 2 case
    example NOUN 5 obl
    , PUNCT 2 punct
    Tallinn PROPN 5 nsubj
    made VERB 0 root Tense=Past|VerbForm=Fin
    transit NOUN 5 obj
    free ADJ 5 xcomp
    in ADP 9 case
    2013 NUM 5 obl
    . PUNCT 5 punct
    """,
)

FOR_INSTANCE_INSIDE = ud(
    "Spelling practice, for instance, helps weaker pupils.",
    """
    Spelling NOUN 2 compound
    practice NOUN 7 nsubj
    , PUNCT 5 punct
    for ADP 5 case
    instance NOUN 7 obl
    , PUNCT 5 punct
    helps VERB 0 root Tense=Pres|VerbForm=Fin
    weaker ADJ 9 amod
    pupils NOUN 7 obj
    . PUNCT 7 punct
    """,
)

SUCH_AS = ud(
    "Cities such as Tallinn and Dunkirk offer free transit.",
    """
    Cities NOUN 7 nsubj
    such ADJ 4 case
    as ADP 2 fixed
    Tallinn PROPN 1 nmod
    and CCONJ 6 cc
    Dunkirk PROPN 4 conj
    offer VERB 0 root Tense=Pres|VerbForm=Fin
    free ADJ 9 amod
    transit NOUN 7 obj
    . PUNCT 7 punct
    """,
)

EG = ud(
    "Some cities (e.g. Tallinn) offer free transit.",
    """
    Some DET 2 det
    cities NOUN 7 nsubj
    ( PUNCT 5 punct
    e.g. ADV 5 advmod
    Tallinn PROPN 2 appos
    ) PUNCT 5 punct
    offer VERB 0 root Tense=Pres|VerbForm=Fin
    free ADJ 9 amod
    transit NOUN 7 obj
    . PUNCT 7 punct
    """,
)


@pytest.mark.parametrize(
    ("sentence", "marker", "scope"),
    [
        (FOR_EXAMPLE, "For example", "Tallinn made transit free in 2013"),
        (
            FOR_INSTANCE_INSIDE, "for instance",
            "Spelling practice, for instance, helps weaker pupils",
        ),
        (SUCH_AS, "such as", "Tallinn and Dunkirk"),
        (EG, "e.g.", "Tallinn"),
    ],
)  # fmt: skip
def test_exemplifications(sentence: str, marker: str, scope: str) -> None:
    parsed, moves = moves_of(sentence)
    move = only(moves, Exemplification)
    assert move.marker == marker
    assert cut(parsed.text, move.scope) == scope
    assert kinds(moves) == ["exemplification"]


BECAUSE_FRONTED = ud(
    "Because our margins are thin, hiring would raise prices.",
    """
    Because SCONJ 5 mark
    our PRON 3 nmod:poss
    margins NOUN 5 nsubj
    are AUX 5 cop Tense=Pres|VerbForm=Fin
    thin ADJ 9 advcl
    , PUNCT 5 punct
    hiring NOUN 9 nsubj
    would AUX 9 aux VerbForm=Fin
    raise VERB 0 root VerbForm=Inf
    prices NOUN 9 obj
    . PUNCT 9 punct
    """,
)

BECAUSE_FINAL = ud(
    "Traffic falls because parents stop driving.",
    """
    Traffic NOUN 2 nsubj
    falls VERB 0 root Tense=Pres|VerbForm=Fin
    because SCONJ 5 mark
    parents NOUN 5 nsubj
    stop VERB 2 advcl Tense=Pres|VerbForm=Fin
    driving VERB 5 xcomp VerbForm=Ger
    . PUNCT 2 punct
    """,
)

SINCE_CAUSAL = ud(
    "Since homework eats into sleep, children learn less.",
    """
    Since SCONJ 3 mark
    homework NOUN 3 nsubj
    eats VERB 8 advcl Tense=Pres|VerbForm=Fin
    into ADP 5 case
    sleep NOUN 3 obl
    , PUNCT 3 punct
    children NOUN 8 nsubj
    learn VERB 0 root Tense=Pres|VerbForm=Fin
    less ADV 8 advmod
    . PUNCT 8 punct
    """,
)

THANKS_TO = ud(
    "Thanks to cheaper fares, ridership rose.",
    """
    Thanks NOUN 7 obl
    to ADP 4 case
    cheaper ADJ 4 amod
    fares NOUN 1 nmod
    , PUNCT 1 punct
    ridership NOUN 7 nsubj
    rose VERB 0 root Tense=Past|VerbForm=Fin
    . PUNCT 7 punct
    """,
)

HOMEWORK_SLEEP = ud(
    "Homework eats into sleep.",
    """
    Homework NOUN 2 nsubj
    eats VERB 0 root Tense=Pres|VerbForm=Fin
    into ADP 4 case
    sleep NOUN 2 obl
    . PUNCT 2 punct
    """,
)

THEREFORE = ud(
    "Therefore, children learn less.",
    """
    Therefore ADV 4 advmod
    , PUNCT 1 punct
    children NOUN 4 nsubj
    learn VERB 0 root Tense=Pres|VerbForm=Fin
    less ADV 4 advmod
    . PUNCT 4 punct
    """,
)

DUE_TO = ud(
    "Delays rose due to the strike.",
    """
    Delays NOUN 2 nsubj
    rose VERB 0 root Tense=Past|VerbForm=Fin
    due ADJ 6 case
    to ADP 3 fixed
    the DET 6 det
    strike NOUN 2 obl
    . PUNCT 2 punct
    """,
)

FARES_FELL = ud("Fares fell.", "Fares NOUN 2 nsubj\nfell VERB 0 root\n. PUNCT 2 punct")

AS_A_RESULT = ud(
    "As a result, ridership rose.",
    """
    As ADP 3 case
    a DET 3 det
    result NOUN 6 obl
    , PUNCT 3 punct
    ridership NOUN 6 nsubj
    rose VERB 0 root Tense=Past|VerbForm=Fin
    . PUNCT 6 punct
    """,
)

SINCE_DATE = ud(
    "Fares have risen since 2010.",
    """
    Fares NOUN 3 nsubj
    have AUX 3 aux Tense=Pres|VerbForm=Fin
    risen VERB 0 root Tense=Past|VerbForm=Part
    since ADP 5 case
    2010 NUM 3 obl
    . PUNCT 3 punct
    """,
)

SINCE_CHILDHOOD = ud(
    "Since I was a child, I have loved trains.",
    """
    Since SCONJ 5 mark
    I PRON 5 nsubj
    was AUX 5 cop Tense=Past|VerbForm=Fin
    a DET 5 det
    child NOUN 9 advcl
    , PUNCT 5 punct
    I PRON 9 nsubj
    have AUX 9 aux Tense=Pres|VerbForm=Fin
    loved VERB 0 root Tense=Past|VerbForm=Part
    trains NOUN 9 obj
    . PUNCT 9 punct
    """,
)


SINCE_PAST_HOST = ud(
    "Since the plant closed, many families left.",
    """
    Since SCONJ 4 mark
    the DET 3 det
    plant NOUN 4 nsubj
    closed VERB 8 advcl Tense=Past|VerbForm=Fin
    , PUNCT 4 punct
    many ADJ 7 amod
    families NOUN 8 nsubj
    left VERB 0 root Tense=Past|VerbForm=Fin
    . PUNCT 8 punct
    """,
)

HAVE_SINCE = ud(
    "I started early and have since been leaning towards math.",
    """
    I PRON 2 nsubj
    started VERB 0 root Tense=Past|VerbForm=Fin
    early ADV 2 advmod
    and CCONJ 9 cc
    have AUX 9 aux Tense=Pres|VerbForm=Fin
    since SCONJ 9 mark
    been AUX 9 aux Tense=Past|VerbForm=Part
    leaning VERB 2 conj VerbForm=Part
    towards ADP 11 case
    math NOUN 9 obl
    . PUNCT 2 punct
    """,
)


@pytest.mark.parametrize(
    ("sentences", "marker", "cause", "effect"),
    [
        ((BECAUSE_FRONTED,), "Because", "our margins are thin", "hiring would raise prices"),
        ((BECAUSE_FINAL,), "because", "parents stop driving", "Traffic falls"),
        ((SINCE_CAUSAL,), "Since", "homework eats into sleep", "children learn less"),
        ((SINCE_PAST_HOST,), "Since", "the plant closed", "many families left"),
        ((THANKS_TO,), "Thanks to", "cheaper fares", "ridership rose"),
        ((DUE_TO,), "due to", "the strike", "Delays rose"),
        ((FARES_FELL, AS_A_RESULT), "As a result", "Fares fell", "ridership rose"),
        (
            (HOMEWORK_SLEEP, THEREFORE, FARES_FELL), "Therefore", "Homework eats into sleep",
            "children learn less",
        ),
    ],
)  # fmt: skip
def test_causes(sentences: tuple[str, ...], marker: str, cause: str, effect: str) -> None:
    parsed, moves = moves_of(*sentences)
    move = only(moves, Cause)
    assert move.marker == marker
    assert cut(parsed.text, move.cause) == cause
    assert cut(parsed.text, move.effect) == effect
    assert kinds(moves) == ["cause"]


def test_temporal_since_is_no_cause() -> None:
    _, moves = moves_of(SINCE_DATE, SINCE_CHILDHOOD, HAVE_SINCE)
    assert moves == ()


def test_a_closing_therefore_concludes_the_text() -> None:
    parsed, moves = moves_of(HOMEWORK_SLEEP, THEREFORE)
    move = only(moves, Conclusion)
    assert (move.marker, cut(parsed.text, move.scope)) == ("Therefore", "children learn less")


def bundled_moves(text: str) -> tuple[str, tuple[AnyMove, ...]]:
    """A short text parsed with the bundled model (skipped while it is missing), and its moves."""
    try:
        parsed = argmine_parse(text, parser="bundled")
    except ModelNotFoundError as error:
        pytest.skip(f"the bundled parser is not installed: {error}")
    return parsed.text, detect_moves(parsed, senses=conservative_senses)


@pytest.mark.parametrize(
    ("text", "kind", "marker", "part", "expected"),
    [
        # A normative claim drawn with "therefore" inside its clause concludes the text ...
        (
            "Dogs foul the parks. Higher fines are therefore the right measure. We agree.",
            Conclusion, "therefore", "scope", "Higher fines are therefore the right measure",
        ),
        # ... a premise that adds to the argument ("Besides, …") does not.
        (
            "Fines are low. Besides, the services must therefore be monitored. We agree.",
            Cause, "therefore", "cause", "Fines are low",
        ),
        (
            "Prices rise. That's why we should act now. It is late.",
            Conclusion, "That's why", "scope", "we should act now",
        ),
        (
            "Spies are powerful. After all, secret services develop a life of their own.",
            Cause, "After all", "cause", "secret services develop a life of their own",
        ),
        (
            "Funding should be equal, for we need independent media. That is clear.",
            Cause, "for", "cause", "we need independent media",
        ),
        (
            "The plan has costs. Overall, the plan works.",
            Conclusion, "Overall", "scope", "the plan works",
        ),
    ],
)  # fmt: skip
def test_result_reason_and_summary_markers(
    text: str, kind: type[AnyMove], marker: str, part: str, expected: str
) -> None:
    text, moves = bundled_moves(text)
    move = only(moves, kind)
    assert move.marker == marker
    assert cut(text, dict(move.spans())[part]) == expected


@pytest.mark.parametrize(
    ("text", "kind", "marker", "part", "expected"),
    [
        # ", which is why Y" hangs Y on X inside the sentence: a cause, even closing the text
        # with a "should".
        (
            "Phones distract pupils, which is why they should be switched off.",
            Cause, "which is why", "cause", "Phones distract pupils",
        ),
        (
            "For these reasons museums should stay free.",
            Conclusion, "For these reasons", "scope", "museums should stay free",
        ),
        # "So" and "Consequently" opening the closing, prescriptive sentence conclude like
        # "Therefore"; "X, so Y" inside a sentence stays a cause.
        (
            "Dogs are loyal and cheap to keep. So everyone should consider adopting one.",
            Conclusion, "So", "scope", "everyone should consider adopting one",
        ),
        (
            "The scheme is cheap and popular. Consequently, it should be extended to all schools.",
            Conclusion, "Consequently", "scope", "it should be extended to all schools",
        ),
        (
            "The plan is cheap and it works, so we should adopt it.",
            Cause, "so", "effect", "we should adopt it",
        ),
        # The bundled parser makes "the match was cancelled" a complement of "rained".
        (
            "It rained, so the match was cancelled.",
            Cause, "so", "cause", "It rained",
        ),
        # A sentence-internal "therefore" inside a premise is that premise's cause.
        (
            "A full set costs a lot, and poorer families therefore struggle to pay for it. "
            "Uniforms should go.",
            Cause, "therefore", "cause", "A full set costs a lot",
        ),
        # The bundled parser hangs this closing claim under "increases", read as its verb; no
        # word subordinates it, so it concludes (arg-microtexts micro_b059).
        (
            "Rent prices are already regulated. "
            "A cap on rent increases upon tenant change is therefore not to be supported.",
            Conclusion, "therefore", "scope",
            "A cap on rent increases upon tenant change is therefore not to be supported",
        ),
        # An inference drawn with "must have" concludes as a prescription does (micro_d13).
        (
            "When he got back from the party he was still sober. "
            "Thus one of his ex-girlfriends must have been there. Ralf says they drank together.",
            Conclusion, "Thus", "scope", "one of his ex-girlfriends must have been there",
        ),
    ],
)  # fmt: skip
def test_conclusions_and_causes_of_issue_14(
    text: str, kind: type[AnyMove], marker: str, part: str, expected: str
) -> None:
    text, moves = bundled_moves(text)
    move = only(moves, kind)
    assert move.marker == marker
    assert cut(text, dict(move.spans())[part]) == expected
    assert kinds(moves) == [move.kind.value]  # the only conclusion or cause, and no other


def test_this_shows_concludes_when_it_sums_up_or_closes_the_text() -> None:
    """ "These facts prove X" concludes anywhere, "This shows X" only closing the text; "This
    example shows how X" in mid-text is a premise about one example."""
    text, moves = bundled_moves(
        "Cleaners cannot be moved abroad. This shows that the fear is exaggerated. "
        "One can of cola holds nine spoons of sugar. This example shows how quickly the limit "
        "is reached. These facts prove that the wage should rise. Prices went up last year. "
        "This shows that the tax works."
    )
    concluded = [move for move in moves if isinstance(move, Conclusion)]
    assert [move.marker for move in concluded] == ["These facts prove", "This shows"]
    assert [cut(text, move.scope) for move in concluded] == [
        "the wage should rise",
        "the tax works",
    ]


def test_a_sentence_final_result_marker_lies_inside_its_cause_move() -> None:
    text, moves = bundled_moves("Cars go slower. Noise levels also fall as a result.")
    move = only(moves, Cause)
    assert move.marker == "as a result"
    assert text[move.start : move.end].endswith("as a result")
    assert cut(text, move.effect) == "Noise levels also fall"


def test_a_comparison_with_as_long_as_is_no_conditional() -> None:
    _, moves = bundled_moves("Zoo elephants live only half as long as wild elephants in reserves.")
    assert "conditional" not in kinds(moves)


def test_the_rules_decide_since_and_as_whatever_the_model_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Temporal "since" with a perfect host is no cause; causal "as" stays a cause."""

    class Model:
        def __init__(self, label: str) -> None:
            self.label = label

        def predict(self, contexts: list[MarkerContext]) -> list[str]:
            return [self.label] * len(contexts)

    try:
        temporal = argmine_parse(
            "Since the lanes opened in Seville, cycling has grown. "
            "Gambling has grown since the adverts appeared.",
            parser="bundled",
        )
        causal = argmine_parse(
            "As the scooters replace walking, they do little for the climate.", parser="bundled"
        )
    except ModelNotFoundError as error:
        pytest.skip(f"the bundled parser is not installed: {error}")
    monkeypatch.setattr(sense_rules, "load_default_model", lambda: Model("cause"))
    assert "cause" not in kinds(detect_moves(temporal))
    monkeypatch.setattr(sense_rules, "load_default_model", lambda: Model("none"))
    move = only(detect_moves(causal), Cause)
    assert cut(causal.text, move.cause) == "the scooters replace walking"


def test_prepositional_for_and_adjectival_overall_are_no_markers() -> None:
    _, moves = bundled_moves(
        "He worked for years. This is for him to decide. The overall grade matters. "
        "Stocks are in short supply."
    )
    assert moves == ()


def test_the_senses_can_read_therefore_as_a_conclusion() -> None:
    parsed, moves = moves_of(
        HOMEWORK_SLEEP, THEREFORE, senses=lambda contexts: ["conclusion"] * len(contexts)
    )
    move = only(moves, Conclusion)
    assert cut(parsed.text, move.scope) == "children learn less"


IN_CONCLUSION = ud(
    "In conclusion, the council should approve the plan.",
    """
    In ADP 2 case
    conclusion NOUN 7 obl
    , PUNCT 2 punct
    the DET 5 det
    council NOUN 7 nsubj
    should AUX 7 aux VerbForm=Fin
    approve VERB 0 root VerbForm=Inf
    the DET 9 det
    plan NOUN 7 obj
    . PUNCT 7 punct
    """,
)

ALL_OF_THIS_SHOWS = ud(
    "All of this shows that free fares are an investment.",
    """
    All PRON 4 nsubj PronType=Tot
    of ADP 3 case
    this PRON 1 nmod PronType=Dem|Number=Sing
    shows/show VERB 0 root Tense=Pres|VerbForm=Fin
    that SCONJ 10 mark
    free ADJ 7 amod
    fares NOUN 10 nsubj
    are AUX 10 cop Tense=Pres|VerbForm=Fin
    an DET 10 det
    investment NOUN 4 ccomp
    . PUNCT 4 punct
    """,
)

THESE_FACTS_PROVE = ud(
    "These facts prove that the plan works.",
    """
    These DET 2 det PronType=Dem|Number=Plur
    facts NOUN 3 nsubj Number=Plur
    prove VERB 0 root Tense=Pres|VerbForm=Fin
    that SCONJ 7 mark
    the DET 6 det
    plan NOUN 7 nsubj
    works VERB 3 ccomp Tense=Pres|VerbForm=Fin
    . PUNCT 3 punct
    """,
)

TO_SUM_UP = ud(
    "To sum up, the evidence favours reading.",
    """
    To PART 2 mark
    sum VERB 7 advcl VerbForm=Inf
    up ADP 2 compound:prt
    , PUNCT 2 punct
    the DET 6 det
    evidence NOUN 7 nsubj
    favours VERB 0 root Tense=Pres|VerbForm=Fin
    reading NOUN 7 obj
    . PUNCT 7 punct
    """,
)


@pytest.mark.parametrize(
    ("sentence", "marker", "scope"),
    [
        (IN_CONCLUSION, "In conclusion", "the council should approve the plan"),
        (ALL_OF_THIS_SHOWS, "All of this shows", "free fares are an investment"),
        (TO_SUM_UP, "To sum up", "the evidence favours reading"),
        (THESE_FACTS_PROVE, "These facts prove", "the plan works"),
    ],
)
def test_conclusions(sentence: str, marker: str, scope: str) -> None:
    parsed, moves = moves_of(sentence)
    move = only(moves, Conclusion)
    assert move.marker == marker
    assert cut(parsed.text, move.scope) == scope
    assert kinds(moves) == ["conclusion"]


IN_OTHER_WORDS = ud(
    "In other words, the experiment has already been run.",
    """
    In ADP 3 case
    other ADJ 3 amod
    words NOUN 10 obl
    , PUNCT 3 punct
    the DET 6 det
    experiment NOUN 10 nsubj:pass
    has AUX 10 aux Tense=Pres|VerbForm=Fin
    already ADV 10 advmod
    been AUX 10 aux:pass VerbForm=Part
    run VERB 0 root Tense=Past|VerbForm=Part
    . PUNCT 10 punct
    """,
)

NAMELY = ud(
    "The plan has one flaw, namely its cost.",
    """
    The DET 2 det
    plan NOUN 3 nsubj
    has VERB 0 root Tense=Pres|VerbForm=Fin
    one NUM 5 nummod
    flaw NOUN 3 obj
    , PUNCT 9 punct
    namely ADV 9 advmod
    its PRON 9 nmod:poss
    cost NOUN 5 appos
    . PUNCT 3 punct
    """,
)

THAT_IS = ud(
    "The scheme helps the young, that is, riders under eighteen.",
    """
    The DET 2 det
    scheme NOUN 3 nsubj
    helps VERB 0 root Tense=Pres|VerbForm=Fin
    the DET 5 det
    young ADJ 3 obj
    , PUNCT 10 punct
    that PRON 10 advmod
    is AUX 7 fixed
    , PUNCT 7 punct
    riders NOUN 5 appos
    under ADP 12 case
    eighteen NUM 10 nmod
    . PUNCT 3 punct
    """,
)

THAT_IS_TRUE = ud(
    "That is true in some offices.",
    """
    That PRON 3 nsubj
    is AUX 3 cop Tense=Pres|VerbForm=Fin
    true ADJ 0 root
    in ADP 6 case
    some DET 6 det
    offices NOUN 3 obl
    . PUNCT 3 punct
    """,
)


@pytest.mark.parametrize(
    ("sentence", "marker", "scope"),
    [
        (IN_OTHER_WORDS, "In other words", "the experiment has already been run"),
        (NAMELY, "namely", "its cost"),
        (THAT_IS, "that is", "riders under eighteen"),
    ],
)
def test_reformulations(sentence: str, marker: str, scope: str) -> None:
    parsed, moves = moves_of(sentence)
    move = only(moves, Reformulation)
    assert move.marker == marker
    assert cut(parsed.text, move.scope) == scope
    assert kinds(moves) == ["reformulation"]


def test_copular_that_is_is_no_reformulation() -> None:
    assert moves_of(THAT_IS_TRUE)[1] == ()


# -- enumerations ----------------------------------------------------------------------------


FOUR_STRENGTHS = ud(
    "The proposal has four clear strengths.",
    """
    The DET 2 det
    proposal NOUN 3 nsubj
    has VERB 0 root Tense=Pres|VerbForm=Fin
    four NUM 6 nummod NumType=Card
    clear ADJ 6 amod
    strengths NOUN 3 obj Number=Plur
    . PUNCT 3 punct
    """,
)


def ordinal_sentence(marker: str, subject: str, verb: str, *, paragraph: bool = False) -> str:
    """ "<Marker>, <subject> would <verb>." in UD: the ordinal an advmod of the verb."""
    return ud(
        f"{marker}, {subject} would {verb}.",
        f"""
        {marker} ADV 5 advmod NumType=Ord
        , PUNCT 1 punct
        {subject} NOUN 5 nsubj
        would AUX 5 aux VerbForm=Fin
        {verb} VERB 0 root VerbForm=Inf
        . PUNCT 5 punct
        """,
        paragraph=paragraph,
    )


CRITICS = ud("Critics disagree.", "Critics NOUN 2 nsubj\ndisagree VERB 0 root\n. PUNCT 2 punct")


def test_an_announced_enumeration_with_a_gap() -> None:
    parsed, moves = moves_of(
        FOUR_STRENGTHS,
        ordinal_sentence("First", "fares", "fall", paragraph=True),
        ordinal_sentence("Second", "traffic", "ease"),
        ordinal_sentence("Fourth", "costs", "shrink", paragraph=True),
        CRITICS,
    )
    move = only(moves, Enumeration)
    text = parsed.text
    assert [cut(text, Span(item.start, item.end)) for item in move.items] == [
        "First, fares would fall",
        "Second, traffic would ease",
        # The last item runs to the end of its paragraph.
        "Fourth, costs would shrink.\nCritics disagree",
    ]
    assert [(item.ordinal, item.marker) for item in move.items] == [
        (1, "First"),
        (2, "Second"),
        (4, "Fourth"),
    ]
    assert move.announced is not None
    assert cut(text, Span(move.announced.start, move.announced.end)) == "four clear strengths"
    assert move.announced.count == 4
    assert move.complete is False
    assert move.marker == "First"
    assert (move.start, move.end) == (move.items[0].start, move.items[-1].end)


THREE_REASONS = ud(
    "There are three reasons for this.",
    """
    There PRON 2 expl
    are VERB 0 root Tense=Pres|VerbForm=Fin
    three NUM 4 nummod NumType=Card
    reasons NOUN 2 nsubj Number=Plur
    for ADP 6 case
    this PRON 4 nmod
    . PUNCT 2 punct
    """,
)

FIRST_OF_ALL = ud(
    "First of all, buses are cheap.",
    """
    First ADV 7 advmod NumType=Ord
    of ADP 3 case
    all DET 1 obl
    , PUNCT 1 punct
    buses NOUN 7 nsubj
    are AUX 7 cop Tense=Pres|VerbForm=Fin
    cheap ADJ 0 root
    . PUNCT 7 punct
    """,
)


def adverb_sentence(marker: str, adjective: str) -> str:
    """ "<Marker>, they are <adjective>." with the marker an advmod of the predicate."""
    return ud(
        f"{marker}, they are {adjective}.",
        f"""
        {marker} ADV 5 advmod
        , PUNCT 1 punct
        they PRON 5 nsubj
        are AUX 5 cop Tense=Pres|VerbForm=Fin
        {adjective} ADJ 0 root
        . PUNCT 5 punct
        """,
    )


def test_a_complete_announced_enumeration() -> None:
    parsed, moves = moves_of(
        THREE_REASONS, FIRST_OF_ALL, adverb_sentence("Secondly", "clean"),
        adverb_sentence("Finally", "safe"),
    )  # fmt: skip
    move = only(moves, Enumeration)
    assert [cut(parsed.text, Span(item.start, item.end)) for item in move.items] == [
        "First of all, buses are cheap",
        "Secondly, they are clean",
        "Finally, they are safe",
    ]
    assert [(item.ordinal, item.marker) for item in move.items] == [
        (1, "First of all"),
        (2, "Secondly"),
        (3, "Finally"),
    ]
    assert move.announced is not None
    assert move.announced.count == 3
    assert move.complete is True


def test_out_of_order_and_lone_ordinals_are_incomplete() -> None:
    _, moves = moves_of(
        adverb_sentence("First", "cheap"), adverb_sentence("Third", "clean"),
        adverb_sentence("Second", "safe"),
    )  # fmt: skip
    move = only(moves, Enumeration)
    assert [item.ordinal for item in move.items] == [1, 3, 2]
    assert move.complete is False

    _, moves = moves_of(adverb_sentence("Second", "voluntary"))
    move = only(moves, Enumeration)
    assert ([item.ordinal for item in move.items], move.complete) == ([2], False)

    # A lone "First" or "Finally" is no list.
    assert moves_of(adverb_sentence("First", "cheap"))[1] == ()
    assert moves_of(adverb_sentence("Finally", "cheap"))[1] == ()


def clause(text: str, subject: str, verb: str, *, paragraph: bool = False) -> str:
    """ "<Subject> <verb>." in UD, as a paragraph of its own when ``paragraph``."""
    return ud(
        text,
        f"""
        {subject} NOUN 2 nsubj Number=Plur
        {verb} VERB 0 root Tense=Pres|VerbForm=Fin
        . PUNCT 2 punct
        """,
        paragraph=paragraph,
    )


THREE_FEATURES = ud(
    "Good towns share three features.",
    """
    Good ADJ 2 amod
    towns NOUN 3 nsubj Number=Plur
    share VERB 0 root Tense=Pres|VerbForm=Fin
    three NUM 5 nummod NumType=Card
    features NOUN 3 obj Number=Plur
    . PUNCT 3 punct
    """,
    paragraph=True,
)

TWO_COUNTRIES = ud(
    "The two countries agree.",
    """
    The DET 3 det
    two NUM 3 nummod NumType=Card
    countries NOUN 4 nsubj Number=Plur
    agree VERB 0 root Tense=Pres|VerbForm=Fin
    . PUNCT 4 punct
    """,
    paragraph=True,
)

CONCLUDING_PARAGRAPH = ud(
    "In conclusion, towns thrive.",
    """
    In ADP 2 case
    conclusion NOUN 5 obl
    , PUNCT 2 punct
    towns NOUN 5 nsubj Number=Plur
    thrive VERB 0 root Tense=Pres|VerbForm=Fin
    . PUNCT 5 punct
    """,
    paragraph=True,
)


def test_a_list_of_sections_runs_over_paragraphs_to_the_conclusion() -> None:
    parsed, moves = moves_of(
        THREE_FEATURES,
        clause("Critics disagree.", "Critics", "disagree", paragraph=True),
        ordinal_sentence("First", "schools", "stay", paragraph=True),
        TWO_COUNTRIES,
        ordinal_sentence("Second", "shops", "open", paragraph=True),
        clause("Rents fall.", "Rents", "fall", paragraph=True),
        ordinal_sentence("Third", "buses", "run", paragraph=True),
        CONCLUDING_PARAGRAPH,
        clause("Voters decide.", "Voters", "decide", paragraph=True),
    )
    move = only(moves, Enumeration)
    text = parsed.text
    # Each item covers its section; the last stops at the concluding paragraph.
    assert [cut(text, Span(item.start, item.end)) for item in move.items] == [
        "First, schools would stay.\n\nThe two countries agree",
        "Second, shops would open.\n\nRents fall",
        "Third, buses would run",
    ]
    # The introduction's count, two paragraphs back, announces the list; "the two countries"
    # in the first item's elaboration announces nothing.
    assert move.announced is not None
    assert cut(text, Span(move.announced.start, move.announced.end)) == "three features"
    assert move.complete is True


def test_a_distant_ordinal_joins_only_a_list_of_sections_it_continues() -> None:
    filler = clause("Rents fall.", "Rents", "fall", paragraph=True)
    # "Third" after "First" two paragraphs on is no continuation: two lone items.
    _, moves = moves_of(
        ordinal_sentence("First", "schools", "stay", paragraph=True), filler,
        ordinal_sentence("Third", "buses", "run", paragraph=True),
    )  # fmt: skip
    assert [[item.ordinal for item in move.items] for move in moves] == [[3]]
    # An item inside a paragraph is no section: the list does not reach over paragraphs.
    _, moves = moves_of(
        ordinal_sentence("First", "schools", "stay", paragraph=True),
        clause("Rents fall.", "Rents", "fall"), filler,
        clause("Voters decide.", "Voters", "decide", paragraph=True),
        ordinal_sentence("Second", "shops", "open"),
    )  # fmt: skip
    assert [[item.ordinal for item in move.items] for move in moves] == [[2]]
    # A concluding paragraph breaks the sequence.
    _, moves = moves_of(
        ordinal_sentence("First", "schools", "stay", paragraph=True), CONCLUDING_PARAGRAPH,
        filler, ordinal_sentence("Second", "shops", "open", paragraph=True),
    )  # fmt: skip
    assert [[item.ordinal for item in move.items] for move in moves if move.kind.value
            == "enumeration"] == [[2]]  # fmt: skip


ADJECTIVAL_ORDINALS = (
    ud(
        "It was the first time in years.",
        """
        It PRON 5 nsubj
        was AUX 5 cop Tense=Past|VerbForm=Fin
        the DET 5 det
        first ADJ 5 amod NumType=Ord
        time NOUN 0 root
        in ADP 7 case
        years NOUN 5 nmod Number=Plur
        . PUNCT 5 punct
        """,
    ),
    ud(
        "Second chances are rare.",
        """
        Second ADJ 2 amod NumType=Ord
        chances NOUN 4 nsubj Number=Plur
        are AUX 4 cop Tense=Pres|VerbForm=Fin
        rare ADJ 0 root
        . PUNCT 4 punct
        """,
    ),
    ud(
        "First-class seats cost more.",
        """
        First ADJ 3 amod NumType=Ord
        - PUNCT 3 punct
        class NOUN 4 compound
        seats NOUN 5 nsubj Number=Plur
        cost VERB 0 root Tense=Pres|VerbForm=Fin
        more ADV 5 advmod
        . PUNCT 5 punct
        """,
    ),
    ud(
        "Third year students pay less.",
        """
        Third ADJ 2 amod NumType=Ord
        year NOUN 3 compound
        students NOUN 4 nsubj Number=Plur
        pay VERB 0 root Tense=Pres|VerbForm=Fin
        less ADV 4 advmod
        . PUNCT 4 punct
        """,
    ),
)


def test_an_ordinal_set_off_by_a_comma_is_an_item_even_when_parsed_as_a_modifier() -> None:
    third = ud(
        "Third, young people keep riding.",
        """
        Third ADJ 4 amod NumType=Ord
        , PUNCT 1 punct
        young ADJ 4 amod
        people NOUN 5 nsubj Number=Plur
        keep VERB 0 root Tense=Pres|VerbForm=Fin
        riding VERB 5 xcomp VerbForm=Ger
        . PUNCT 5 punct
        """,
    )
    parsed, moves = moves_of(
        adverb_sentence("First", "cheap"), adverb_sentence("Second", "clean"), third
    )
    move = only(moves, Enumeration)
    assert [item.ordinal for item in move.items] == [1, 2, 3]
    assert cut(parsed.text, Span(move.items[2].start, move.items[2].end)) == (
        "Third, young people keep riding"
    )


def test_adjectival_ordinals_are_no_enumeration() -> None:
    assert moves_of(*ADJECTIVAL_ORDINALS)[1] == ()


def imperative(text: str, number: str, verb: str, noun: str) -> str:
    """A list line "<number>. <Verb> <noun>." parsed as an imperative."""
    return ud(
        text,
        f"""
        {number} X 3 dep
        . PUNCT 1 punct
        {verb} VERB 0 root Mood=Imp|VerbForm=Fin
        {noun} NOUN 3 obj
        . PUNCT 3 punct
        """,
    )


THREE_STEPS = ud(
    "We propose three steps:",
    """
    We PRON 2 nsubj
    propose VERB 0 root Tense=Pres|VerbForm=Fin
    three NUM 4 nummod NumType=Card
    steps NOUN 2 obj Number=Plur
    : PUNCT 2 punct
    """,
)


def test_numbered_items_and_a_nested_ordinal_sequence() -> None:
    parsed, moves = moves_of(
        THREE_STEPS,
        imperative("1. Cut fares.", "1", "Cut", "fares"),
        imperative("2. Add buses.", "2", "Add", "buses"),
        adverb_sentence("First", "cheap"),
        adverb_sentence("Second", "quick"),
        imperative("3. Publish plans.", "3", "Publish", "plans"),
    )
    numbered, nested = (move for move in moves if isinstance(move, Enumeration))
    text = parsed.text
    assert [cut(text, Span(item.start, item.end)) for item in numbered.items] == [
        "1. Cut fares",
        "2. Add buses.\nFirst, they are cheap.\nSecond, they are quick",
        "3. Publish plans",
    ]
    assert [item.marker for item in numbered.items] == ["1.", "2.", "3."]
    assert numbered.announced is not None
    assert numbered.announced.count == 3
    assert numbered.complete is True
    # The nested list ends where the next item of the enclosing one begins.
    assert [cut(text, Span(item.start, item.end)) for item in nested.items] == [
        "First, they are cheap",
        "Second, they are quick",
    ]
    assert nested.announced is None
    assert nested.complete is True


def test_inline_lettered_items() -> None:
    parsed, moves = moves_of(
        ud(
            "We need (a) money and (b) time.",
            """
            We PRON 2 nsubj
            need VERB 0 root Tense=Pres|VerbForm=Fin
            ( PUNCT 4 punct
            a X 6 dep
            ) PUNCT 4 punct
            money NOUN 2 obj
            and CCONJ 11 cc
            ( PUNCT 9 punct
            b X 11 dep
            ) PUNCT 9 punct
            time NOUN 6 conj
            . PUNCT 2 punct
            """,
        )
    )
    move = only(moves, Enumeration)
    assert [cut(parsed.text, Span(item.start, item.end)) for item in move.items] == [
        "(a) money",
        "(b) time",
    ]
    assert [item.ordinal for item in move.items] == [1, 2]


def test_one_reason_another_reason() -> None:
    parsed, moves = moves_of(
        ud(
            "One reason is cost.",
            "One NUM 2 nummod\nreason NOUN 4 nsubj\nis AUX 4 cop\ncost NOUN 0 root\n"
            ". PUNCT 4 punct",
        ),
        ud(
            "Another reason is speed.",
            "Another DET 2 det\nreason NOUN 4 nsubj\nis AUX 4 cop\nspeed NOUN 0 root\n"
            ". PUNCT 4 punct",
        ),
    )
    move = only(moves, Enumeration)
    assert [cut(parsed.text, Span(item.start, item.end)) for item in move.items] == [
        "One reason is cost",
        "Another reason is speed",
    ]
    assert [(item.ordinal, item.marker) for item in move.items] == [
        (1, "One reason"),
        (2, "Another reason"),
    ]


# -- properties ------------------------------------------------------------------------------


def check_moves(parsed: ParsedText, moves: tuple[AnyMove, ...]) -> None:
    """What every detection promises, whatever the parse."""
    length = len(parsed.text)
    assert [move.id for move in moves] == [f"m{number}" for number in range(1, len(moves) + 1)]
    assert [move.start for move in moves] == sorted(move.start for move in moves)
    for move in moves:
        for name, span in move.spans():
            assert 0 <= span.start <= span.end <= length, (move, name)
        if isinstance(move, Enumeration):
            for before, after in zip(move.items, move.items[1:], strict=False):
                assert before.end <= after.start
        if isinstance(move, Conditional):
            first, second = move.antecedent, move.consequent
            assert first.end <= second.start or second.end <= first.start
    analysis = Analysis.from_parsed(parsed, moves=moves)
    assert from_json(to_json(analysis)) == analysis


@given(parsed=parsed_texts(), data=st.data())
def test_any_parse_gives_valid_moves(parsed: ParsedText, data: st.DataObject) -> None:
    check_moves(parsed, detect_moves(parsed, senses=conservative_senses))

    def drawn(contexts: Sequence[MarkerContext]) -> list[str]:
        return [data.draw(st.sampled_from(LABELS)) for _ in contexts]

    check_moves(parsed, detect_moves(parsed, senses=drawn))


#: Every hand-built sentence above, to be shuffled into new documents.
HAND_BUILT = [
    value
    for name, value in dict(globals()).items()
    if name.isupper() and isinstance(value, str) and value.startswith(("# text", "# newpar"))
]


@given(
    sentences=st.lists(st.sampled_from(HAND_BUILT), min_size=1, max_size=6),
    breaks=st.lists(st.booleans(), min_size=6, max_size=6),
    data=st.data(),
)
def test_any_mix_of_marker_sentences_gives_valid_moves(
    sentences: list[str], breaks: list[bool], data: st.DataObject
) -> None:
    blocks = [
        ("# newpar\n" + block if brk and not block.startswith("# newpar") else block)
        for block, brk in zip(sentences, breaks, strict=False)
    ]
    parsed = parse(*blocks)

    def drawn(contexts: Sequence[MarkerContext]) -> list[str]:
        return [data.draw(st.sampled_from(LABELS)) for _ in contexts]

    check_moves(parsed, detect_moves(parsed, senses=drawn))


@given(text=st.text(max_size=40), bounds=st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_trimmed_spans_stay_inside_and_lose_their_edges(text: str, bounds: tuple[int, int]) -> None:
    start, end = sorted(min(bound, len(text)) for bound in bounds)
    span = trim(text, start, end)
    if span is None:
        return
    assert start <= span.start < span.end <= end
    inner = text[span.start : span.end]
    assert inner == inner.strip()
    assert inner[-1] not in ",;:.!?"


def test_paragraphs_are_separated_by_blank_lines() -> None:
    text = "  One.\nStill one.\n\n \nTwo.\r\n\r\nThree.  "
    assert [text[start:end] for start, end in paragraph_bounds(text)] == [
        "One.\nStill one.",
        "Two.",
        "Three.",
    ]


_RELATIONS = (
    "root", "advcl", "mark", "case", "cc", "conj", "advmod", "obl", "nmod", "nsubj", "obj",
    "amod", "nummod", "det", "fixed", "punct", "ccomp", "acl", "compound", "parataxis", "aux",
    "cop", "appos", "xcomp",
)  # fmt: skip


@st.composite
def scrambled(draw: st.DrawFn) -> ParsedText:
    """Hand-built sentences whose trees are redrawn at random: marker words in odd frames."""
    parsed = parse(*draw(st.lists(st.sampled_from(HAND_BUILT), min_size=1, max_size=4)))
    sentences = []
    for sentence in parsed.sentences:
        count = len(sentence.tokens)
        order = draw(st.permutations(range(count)))
        heads = [0] * count
        for placed, index in enumerate(order[1:], start=1):
            heads[index] = order[draw(st.integers(0, placed - 1))] + 1
        tokens = [
            attrs.evolve(
                token,
                head=head,
                deprel="root" if head == 0 else draw(st.sampled_from(_RELATIONS[1:])),
            )
            for token, head in zip(sentence.tokens, heads, strict=True)
        ]
        sentences.append(attrs.evolve(sentence, tokens=tokens))
    return ParsedText(parsed.text, sentences)


@given(parsed=scrambled(), data=st.data())
def test_marker_words_in_any_tree_give_valid_moves(parsed: ParsedText, data: st.DataObject) -> None:
    def drawn(contexts: Sequence[MarkerContext]) -> list[str]:
        return [data.draw(st.sampled_from(LABELS)) for _ in contexts]

    check_moves(parsed, detect_moves(parsed, senses=drawn))
    check_moves(parsed, detect_moves(parsed, senses=conservative_senses))


# -- the fixture texts, parsed with the bundled model ----------------------------------------

TEXTS = Path(__file__).resolve().parent.parent / "fixtures" / "texts"


def matches(text: str, span: Span | None, expected: str | None) -> bool:
    """Whether ``span`` covers exactly ``expected`` (None: the part is absent)."""
    return cut(text, span) == expected


@pytest.fixture(scope="module")
def bundled() -> dict[str, ParsedText]:
    """Every fixture text parsed once with the bundled model (skipped while it is missing)."""
    paths = [*sorted(FIXTURES.glob("*.txt")), *sorted(TEXTS.glob("*.txt"))]
    try:
        return {
            path.stem: argmine_parse(path.read_text(encoding="utf-8"), parser="bundled")
            for path in paths
        }
    except ModelNotFoundError as error:
        pytest.skip(f"the bundled parser is not installed: {error}")


def check_fixture(
    parsed: ParsedText, expected: Sequence[tuple[str, str, dict[str, str | None]]]
) -> tuple[AnyMove, ...]:
    """The moves are exactly ``expected`` (kind, marker, parts), in order."""
    moves = detect_moves(parsed, senses=conservative_senses)
    assert [(move.kind.value, move.marker) for move in moves] == [
        (kind, marker) for kind, marker, _ in expected
    ]
    for move, (_, _, parts) in zip(moves, expected, strict=True):
        named = dict(move.spans())
        for name, part in parts.items():
            assert matches(parsed.text, named.get(name), part), (move, name, part)
    return moves


def test_op_ed_with_an_announced_gapped_list(bundled: dict[str, ParsedText]) -> None:
    moves = check_fixture(
        bundled["op_ed_bike_lanes"],
        [
            (
                "enumeration",
                "First",
                {
                    "items[0]": "First, protected lanes save lives. Riders who are separated "
                    "from traffic are far less likely to be hit by a car",
                    "items[1]": "Second, the lanes are cheap to build. A kilometre of raised "
                    "curb costs less than a single parking garage",
                    "items[2]": "Fourth, local shops gain customers, because people on bikes "
                    "stop more often than people in cars",
                    "announced": "four main advantages",
                },
            ),
            (
                "cause",
                "because",
                {
                    "cause": "people on bikes stop more often than people in cars",
                    "effect": "local shops gain customers",
                },
            ),
            (
                "cause",
                "so",
                {
                    "cause": "The third advantage is harder to measure",
                    "effect": "I leave it out here",
                },
            ),
            (
                "concession",
                "Even so",
                {
                    "conceded": "The third advantage is harder to measure, so I leave it out here",
                    "main": "the case is strong",
                },
            ),
            (
                "contrast",
                "However",
                {
                    "move": "Critics say that winter makes cycling impossible. However, the "
                    "lanes stay open all year in snowy cities such as Oulu",
                    "preferred": None,
                    "rejected": None,
                },
            ),
            ("exemplification", "such as", {"scope": "Oulu"}),
            (
                "conclusion",
                "In conclusion",
                {"scope": "the council should approve the plan this spring"},
            ),
        ],
    )
    enumeration = moves[0]
    assert isinstance(enumeration, Enumeration)
    assert [item.ordinal for item in enumeration.items] == [1, 2, 4]
    assert enumeration.announced is not None
    assert enumeration.announced.count == 4
    assert enumeration.complete is False


def test_long_op_ed_with_a_list_of_sections(bundled: dict[str, ParsedText]) -> None:
    parsed = bundled["op_ed_longer_school_day"]
    text = parsed.text
    outer, nested = [
        move for move in detect_moves(parsed, senses=conservative_senses)
        if isinstance(move, Enumeration)
    ]  # fmt: skip
    # One list of four sections, each item running to the next, the last to the conclusion.
    assert [item.marker for item in outer.items] == ["First", "Second", "Third", "Fourth"]
    endings = [
        "their test results did not move",
        "to pay for the hour",
        "the change they felt most",
        "the money that the extra hour would swallow",
    ]
    for item, ending in zip(outer.items, endings, strict=True):
        assert text[item.start : item.end].endswith(ending)
    assert outer.announced is not None
    assert cut(text, Span(outer.announced.start, outer.announced.end)) == "four reasons"
    assert outer.complete is True
    # The list nested in the third section keeps its own announcement, inside that section.
    assert [item.marker for item in nested.items] == ["One kind", "Another kind", "A third kind"]
    assert nested.announced is not None
    assert cut(text, Span(nested.announced.start, nested.announced.end)) == "three kinds"
    assert outer.items[2].start < nested.start < nested.end <= outer.items[2].end
    assert nested.complete is True
    # The report's feedback finds nothing wrong with either list.
    assert EnumerationCheck(outer).matches
    assert EnumerationCheck(nested).matches


def test_debate_speech_conditions(bundled: dict[str, ParsedText]) -> None:
    moves = check_fixture(
        bundled["debate_ceasefire"],
        [
            (
                "conditional",
                "Only when",
                {
                    "antecedent": "both sides keep their promises",
                    "consequent": "can the ceasefire hold",
                },
            ),
            (
                "conditional",
                "If … then",
                {
                    "antecedent": "the monitors report a violation",
                    "consequent": "the sanctions will return at once",
                },
            ),
            (
                "conditional",
                "as long as",
                {
                    "antecedent": "the border is open",
                    "consequent": "The agreement protects civilians",
                },
            ),
            (
                "conditional",
                "Unless",
                {
                    "antecedent": "the observers gain full access",
                    "consequent": "the agreement will remain a piece of paper",
                },
            ),
            ("contrast", "but", {"move": "Trust matters, but trust is not enough"}),
            (
                "conditional",
                "only if",
                {"antecedent": "the schools reopen", "consequent": "Families will come back"},
            ),
            (
                "concession",
                "Nevertheless",
                {
                    "conceded": "The agreement is fragile, and the risks are real",
                    "main": "this house should support the motion",
                },
            ),
        ],
    )
    conditions = [move.condition for move in moves if isinstance(move, Conditional)]
    assert conditions == [
        Condition.NECESSARY,
        Condition.SUFFICIENT,
        Condition.SUFFICIENT,
        Condition.EXCEPTION,
        Condition.NECESSARY,
    ]


def test_essay_with_every_other_kind(bundled: dict[str, ParsedText]) -> None:
    check_fixture(
        bundled["essay_uniforms"],
        [
            (
                "contrast",
                "rather than",
                {
                    "preferred": "keep uniforms",
                    "rejected": "let pupils wear anything they like",
                },
            ),
            (
                "concession",
                "Although",
                {
                    "conceded": "uniforms cost money",
                    "main": "they are cheaper than fashionable clothes",
                },
            ),
            (
                "exemplification",
                "for example",
                {
                    "scope": "A family can buy a full uniform for the price of one pair of "
                    "designer trainers"
                },
            ),
            (
                "cause",
                "Because",
                {
                    "cause": "every pupil wears the same clothes",
                    "effect": "nobody is teased for being poor",
                },
            ),
            (
                "reformulation",
                "In other words",
                {"scope": "uniforms remove one visible sign of inequality"},
            ),
            (
                "concession",
                "Admittedly … However",
                {
                    "conceded": "some pupils feel that uniforms limit their freedom",
                    "main": "schools can allow small choices, such as the colour of a scarf or "
                    "the style of a bag",
                },
            ),
            (
                "exemplification",
                "such as",
                {"scope": "the colour of a scarf or the style of a bag"},
            ),
            (
                "contrast",
                "not … but",
                {"rejected": "the clothes", "preferred": "the attitude that comes with them"},
            ),
            (
                "concession",
                "Despite",
                {
                    "conceded": "the cost of the first purchase",
                    "main": "most families save money over a school year",
                },
            ),
            (
                "conclusion",
                "To sum up",
                {"scope": "uniforms protect poorer pupils and save families money"},
            ),
            (
                "conclusion",
                "This shows",
                {"scope": "a simple rule can make schools fairer"},
            ),
        ],
    )


def test_narrative_ordinals_times_and_since_are_no_moves(bundled: dict[str, ParsedText]) -> None:
    moves = detect_moves(bundled["negative_memoir"], senses=conservative_senses)
    assert kinds(moves) == ["contrast"]
    # Whatever the installed sense model makes of its "but".
    moves = detect_moves(bundled["negative_memoir"])
    assert {"enumeration", "conditional", "cause"}.isdisjoint(kinds(moves))


def test_the_existing_fixture_texts(bundled: dict[str, ParsedText]) -> None:
    transit = detect_moves(bundled["op_ed_transit"], senses=conservative_senses)
    listed = only(transit, Enumeration)
    assert [item.marker for item in listed.items] == ["First", "Second", "Third", "Fourth"]
    assert listed.announced is not None
    assert listed.announced.count == 4
    assert listed.complete is True
    only_when = next(m for m in transit if isinstance(m, Conditional) and m.marker == "Only when")
    text = bundled["op_ed_transit"].text
    assert cut(text, only_when.antecedent) == "the authority publishes a clear funding plan"
    assert cut(text, only_when.consequent) == "can the program succeed"

    homework = detect_moves(bundled["essay_homework"], senses=conservative_senses)
    reasons = only(homework, Enumeration)
    # "Moreover" is no ordinal: two items for three announced reasons.
    assert [item.marker for item in reasons.items] == ["To begin with", "Finally"]
    assert reasons.announced is not None
    assert reasons.announced.count == 3
    assert reasons.complete is False

    speech = detect_moves(bundled["speech_four_day_week"], senses=conservative_senses)
    second = only(speech, Enumeration)
    assert ([item.ordinal for item in second.items], second.complete) == ([2], False)


def test_inverted_focused_and_otherwise_conditionals(bundled: dict[str, ParsedText]) -> None:
    """Conditionals without a subordinator, "not … unless" and "only … if" (necessary),
    "otherwise" (exception), "whenever" hung on a noun; and what looks like them but is not:
    "an otherwise sensible plan", "for as long as anyone can remember", "asked if", "the night
    when", "in the evening, when"."""
    moves = check_fixture(
        bundled["speech_flood_defences"],
        [
            (
                "conditional",
                "Should",
                {
                    "antecedent": "Should the river rise again this winter",
                    "consequent": "the pumping station will fail within hours",
                },
            ),
            (
                "conditional",
                "Had",
                {
                    "antecedent": "Had the council repaired the embankment in 2019",
                    "consequent": "the last flood would have stopped at the park",
                },
            ),
            (
                "conditional",
                "Were",
                {
                    "antecedent": "Were the wall built to the engineers' design",
                    "consequent": "insurers would cover our homes again",
                },
            ),
            (
                "conditional",
                "not … unless",
                {
                    "antecedent": "the wall is finished",
                    "consequent": "The insurers will not return",
                },
            ),
            (
                "conditional",
                "only … if",
                {
                    "antecedent": "the drains are cleared as well",
                    "consequent": "The wall will only help",
                },
            ),
            (
                "conditional",
                "Not unless",
                {
                    "antecedent": "the drains are cleared",
                    "consequent": "will the water have anywhere to go",
                },
            ),
            (
                "conditional",
                "otherwise",
                {
                    "antecedent": "We must clear them every autumn",
                    "consequent": "the water will back up into the cellars",
                },
            ),
            (
                "conditional",
                "whenever",
                {"antecedent": "the drains are blocked", "consequent": "Water reaches the cellars"},
            ),
            (
                "conditional",
                "When",
                {"antecedent": "the river is high", "consequent": "the cellars fill from below"},
            ),
        ],
    )
    conditions = [move.condition.value for move in moves if isinstance(move, Conditional)]
    assert conditions == [
        "sufficient", "sufficient", "sufficient", "necessary", "necessary", "necessary",
        "exception", "sufficient", "sufficient",
    ]  # fmt: skip


def test_series_so_yet_and_turns(bundled: dict[str, ParsedText]) -> None:
    """Pronoun series ("One is … The other is", "The first is … The second is"), a series of
    any repeated noun, result "so", "yet", "on the one hand … on the other hand", and
    "but"/"however" read as contrast unless the first side is conceded; "not yet" and "so
    quiet" are no markers."""
    moves = check_fixture(
        bundled["essay_homework_clubs"],
        [
            (
                "conditional",
                "only when",
                {"antecedent": "parents know about it", "consequent": "A club works"},
            ),
            (
                "conditional",
                "As long as",
                {
                    "antecedent": "each school sets its own hours",
                    "consequent": "parents will be confused",
                },
            ),
            (
                "enumeration",
                "One",
                {
                    "items[0]": "One is the pupil whose home is crowded",
                    "items[1]": "The other is the pupil whose parents work in the evening",
                    "announced": "Two kinds",
                },
            ),
            (
                "enumeration",
                "The first",
                {
                    "items[0]": "The first is a longer opening time",
                    "items[1]": "The second is a trained member of staff in every room",
                    "announced": "two changes",
                },
            ),
            (
                "enumeration",
                "One tool",
                {
                    "items[0]": "One tool is a shared timetable",
                    "items[1]": "Another tool is a simple checklist for each evening",
                    "announced": None,
                },
            ),
            ("cause", "so", {"cause": "The club is cheap", "effect": "most schools can afford it"}),
            ("contrast", "yet", {"move": "The rooms are small, yet the pupils work well in them"}),
            (
                "contrast",
                "Yet",
                {
                    "move": "The rooms are small, yet the pupils work well in them. Yet the rooms "
                    "are not yet full"
                },
            ),
            (
                "contrast",
                "On the one hand … On the other hand",
                {
                    "move": "On the one hand, the clubs keep pupils at school longer. On the other "
                    "hand, they give them a calm place to work"
                },
            ),
            (
                "concession",
                "but",
                {"conceded": "It is true that the clubs cost money", "main": "the cost is small"},
            ),
            (
                "concession",
                "Of course … but",
                {"conceded": "some pupils would rather go home", "main": "most stay"},
            ),
            ("contrast", "but", {"move": "The club is open late, but the library closes at five"}),
            (
                "contrast",
                "however",
                {"move": "Teachers like the clubs; however, they have little time to run them"},
            ),
        ],
    )
    series = [move for move in moves if isinstance(move, Enumeration)]
    assert [(move.announced is not None, move.complete) for move in series] == [
        (True, True),
        (True, True),
        (False, True),
    ]
    # The shipped sense model does not overrule the rules for "but", "however" and "yet";
    # the contrast-or-concession model then decides the turns no conceding word settled.
    markers = ("but", "however", "yet", "Yet")
    ruled = detect_moves(bundled["essay_homework_clubs"], senses=conservative_senses)
    turns = [move for move in ruled if move.marker in markers]
    assert kinds(turns) == ["contrast", "contrast", "concession", "contrast", "contrast"]
    usual = detect_moves(bundled["essay_homework_clubs"])
    decided = [move for move in usual if move.marker in markers]
    assert [(move.start, move.end) for move in decided] == [(m.start, m.end) for m in turns]
    assert kinds(decided)[2] == "concession"  # "It is true that X, but Y" stays a concession
    assert kinds(decided)[0] == "concession"  # "The rooms are small, yet the pupils work well"


def test_a_lone_unlisted_noun_is_no_series() -> None:
    """An announced "One tool is …" without a second tool is no list: only known series nouns
    ("One reason …") stand alone."""
    _, moves = moves_of(
        THREE_REASONS,
        ud(
            "One tool is a timetable.",
            """
            One NUM 2 nummod
            tool NOUN 5 nsubj
            is AUX 5 cop
            a DET 5 det
            timetable NOUN 0 root
            . PUNCT 5 punct
            """,
        ),
    )
    assert moves == ()


# -- the held-out benchmark's scorer -----------------------------------------------------------

HELDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "moves-heldout"


def test_the_heldout_scorer_matches_by_marker_and_first_item() -> None:
    text, gold = load_gold(HELDOUT / "op_ed_library_hours.gold.json")
    changes, groups = gold["enumerations"]
    only_when, if_then, unless, whenever = gold["conditionals"]

    def span(part: dict[str, Any], shift: int = 0) -> Span:
        return Span(part["start"], part["end"] + shift)

    items = [
        EnumerationItem(item["start"], item["end"] - 3 * (index == 0), item["ordinal"], "x")
        for index, item in enumerate(changes["items"])
    ]
    listed = Enumeration(id="m1", start=items[0].start, end=items[-1].end, marker="First",
                         items=items, complete=True)  # fmt: skip

    def conditional(gold_move: dict[str, Any], marker: str, condition: str) -> Conditional:
        antecedent, consequent = span(gold_move["antecedent"]), span(gold_move["consequent"], -2)
        whole = Span(min(gold_move["start"], consequent.start), gold_move["end"])
        return Conditional(id="m", start=whole.start, end=whole.end, marker=marker,
                           condition=Condition(condition), antecedent=antecedent,
                           consequent=consequent)  # fmt: skip

    moves = [
        listed,
        conditional(only_when, "Only when", "necessary"),
        conditional(if_then, "If … then", "sufficient"),
        conditional(unless, "Unless", "sufficient"),  # the right marker, the wrong condition
    ]
    result = score_document(text, gold, moves)
    counts = result["counts"]
    assert counts["enumeration"] == {"tp": 1, "fn": 1, "fp": 0}
    assert counts["necessary"] == {"tp": 1, "fn": 0, "fp": 0}
    assert counts["sufficient"] == {"tp": 1, "fn": 1, "fp": 1}
    assert counts["exception"] == {"tp": 0, "fn": 1, "fp": 0}
    assert result["errors"]["items"] == [0, 3, 0, 0, 0, 0]
    assert result["errors"]["consequents"] == [0, 2, 0, 2]
    assert result["items"] == {"gold": 3, "found": 3}
    assert result["announced_right"] == 0  # three announced, none predicted
    assert result["complete_right"] == 1
    missed = " ".join(result["missed"])
    assert groups["items"][0]["text"][:40] in missed
    assert f"exception 'Unless': '{unless['antecedent']['text']}'" in missed
    assert f"sufficient 'whenever': '{whenever['antecedent']['text']}'" in missed
    assert result["spurious"] == ["sufficient 'Unless': 'the committee acts this spring'"]
    # The marker of a predicted conditional is found where the move places it.
    found, then = marker_spans(text, moves[2])
    assert (text[found.start : found.end], text[then.start : then.end]) == ("If", "then")
    assert (found.start, found.end) == (if_then["marker"]["start"], if_then["marker"]["end"])
    # Any part of a discontinuous marker may meet the gold marker (as "unless" of "not …
    # unless" meets a gold "unless"), not only the first.
    reversed_marker = attrs.evolve(moves[2], marker="then … If")
    assert score_document(text, gold, [reversed_marker])["counts"]["sufficient"]["tp"] == 1


def test_the_heldout_gold_has_conclusions_and_causes_with_quoted_parts() -> None:
    golds = [load_gold(path)[1] for path in sorted(HELDOUT.glob("*.gold.json"))]
    conclusions = [move for gold in golds for move in gold["conclusions"]]
    causes = [move for gold in golds for move in gold["causes"]]
    first = [move for gold in golds if not gold["text_file"].startswith("micro_")
             for move in gold["conclusions"]]  # fmt: skip
    assert [move["marker"]["text"] for move in first] == ["In conclusion"] * 2
    # The sixteen microtexts of issue 14, item 3: one conclusion each, 24 causes.
    assert (len(conclusions), len(causes)) == (18, 28)
    assert all(move["effect"] and move["start"] <= move["marker"]["start"] for move in causes)


def test_the_heldout_scorer_matches_conclusions_and_causes_by_marker() -> None:
    text, gold = load_gold(HELDOUT / "essay_school_phones.gold.json")
    (concluded,) = gold["conclusions"]
    which_is_why, result_so = gold["causes"]

    def span(part: dict[str, Any]) -> Span:
        return Span(part["start"], part["end"])

    scope = span(concluded["scope"])
    conclusion = Conclusion(id="c", start=concluded["start"], end=concluded["end"],
                            marker="in conclusion", scope=scope)  # fmt: skip
    cause = Cause(id="k", start=which_is_why["start"], end=which_is_why["end"],
                  marker="which is why", cause=span(which_is_why["cause"]),
                  effect=span(which_is_why["effect"]))  # fmt: skip
    as_long = text.index("as long as teachers")
    wrong = Cause(id="w", start=as_long, end=len(text.rstrip()) - 1, marker="as",
                  cause=None, effect=Span(as_long + 3, len(text.rstrip()) - 1))  # fmt: skip
    result = score_document(text, gold, [conclusion, cause, wrong])
    counts = result["counts"]
    assert counts["conclusion"] == {"tp": 1, "fn": 0, "fp": 0}  # the marker's case is ignored
    assert counts["cause"] == {"tp": 1, "fn": 1, "fp": 1}
    start = result_so["marker"]["start"]
    assert f"cause 'so' at {start}: 'a school ban does little to stop it'" in result["missed"]
    assert result["spurious"] == [f"cause 'as' at {as_long}: 'long as teachers apply it fairly'"]
    assert score_document(text, gold, [])["counts"]["conclusion"] == {"tp": 0, "fn": 1, "fp": 0}


# -- markers the one lexicon added (issue 14: fixed senses that were never matched) ----------
# The parses are the bundled Stanza model's.

GIVEN_THAT = ud(
    "Given that prices rise, people buy less.",
    """
    Given VERB 7 advcl
    that SCONJ 4 mark
    prices NOUN 4 nsubj
    rise VERB 7 advcl
    , PUNCT 4 punct
    people NOUN 7 nsubj
    buy VERB 0 root
    less ADV 7 advmod
    . PUNCT 7 punct
    """,
)
CARS_POLLUTE = ud(
    "Cars pollute the city.",
    """
    Cars NOUN 2 nsubj
    pollute VERB 0 root
    the DET 4 det
    city NOUN 2 obj
    . PUNCT 2 punct
    """,
)
CONVERSELY = ud(
    "Conversely, bicycles keep the air clean.",
    """
    Conversely ADV 4 advmod
    , PUNCT 1 punct
    bicycles NOUN 4 nsubj
    keep VERB 0 root
    the DET 6 det
    air NOUN 4 obj
    clean ADJ 4 xcomp
    . PUNCT 4 punct
    """,
)
ON_THE_CONTRARY = ud(
    "On the contrary, bicycles keep the air clean.",
    """
    On ADP 3 case
    the DET 3 det
    contrary NOUN 6 obl
    , PUNCT 3 punct
    bicycles NOUN 6 nsubj
    keep VERB 0 root
    the DET 8 det
    air NOUN 6 obj
    clean ADJ 6 xcomp
    . PUNCT 6 punct
    """,
)
FIRST_PLACE = ud(
    "In the first place, the plan is cheap.",
    """
    In ADP 4 case
    the DET 4 det
    first ADJ 4 amod
    place NOUN 9 obl
    , PUNCT 4 punct
    the DET 7 det
    plan NOUN 9 nsubj
    is AUX 9 cop
    cheap ADJ 0 root
    . PUNCT 9 punct
    """,
)
SECONDLY_FAST = ud(
    "Secondly, it is fast.",
    """
    Secondly ADV 5 advmod
    , PUNCT 1 punct
    it PRON 5 nsubj
    is AUX 5 cop
    fast ADJ 0 root
    . PUNCT 5 punct
    """,
)


def test_given_that_opens_a_cause() -> None:
    parsed, moves = moves_of(GIVEN_THAT)
    move = only(moves, Cause)
    assert move.marker == "Given that"
    assert (cut(parsed.text, move.cause), cut(parsed.text, move.effect)) == (
        "prices rise",
        "people buy less",
    )


@pytest.mark.parametrize(
    ("sentence", "marker"), [(CONVERSELY, "Conversely"), (ON_THE_CONTRARY, "On the contrary")]
)
def test_conversely_and_on_the_contrary_contrast_with_the_sentence_before(
    sentence: str, marker: str
) -> None:
    parsed, moves = moves_of(CARS_POLLUTE, sentence)
    move = only(moves, Contrast)
    assert move.marker == marker
    assert parsed.text[move.start : move.end].startswith("Cars pollute the city")


def test_in_the_first_place_opens_an_enumeration() -> None:
    _, moves = moves_of(FIRST_PLACE, SECONDLY_FAST)
    move = only(moves, Enumeration)
    assert [(item.ordinal, item.marker) for item in move.items] == [
        (1, "In the first place"),
        (2, "Secondly"),
    ]
    assert move.complete


def test_no_enumeration_or_announcement_crosses_a_speaker_turn() -> None:
    """In a transcript one speaker does not go on with another's list: "First, …" by SMITH
    and "Second, …" by JONES in the next turn are two lists, and JONES's "two reasons" does
    not announce SMITH's list."""
    from argmine.layout import detect_layout

    text = (
        "JONES: I have two reasons to doubt it.\n"
        "SMITH: First, taxes are too high. That hurts families.\n"
        "JONES: Second, the schools need money. They are falling apart.\n"
    )
    parsed = argmine_parse(text, parser="bundled")
    joined = [m for m in detect_moves(parsed) if isinstance(m, Enumeration)]
    assert [len(m.items) for m in joined] == [2]  # without the turns: one list over both
    layout = detect_layout(text)
    assert len([s for s in layout.spans if s.kind.value == "speaker"]) == 3
    split = [m for m in detect_moves(parsed, layout=layout) if isinstance(m, Enumeration)]
    assert all(m.announced is None for m in split)
    assert [text[m.items[0].start : m.items[0].start + 6] for m in split] == ["Second"]


@pytest.mark.parametrize(
    ("text", "kind", "first", "second"),
    [
        # "Still," opening a sentence concedes the one before ("still" inside a clause: none)
        ("It was hard. Still, we kept going.", "concession", "It was hard", "we kept going"),
        # "That's because X" explains the sentence before, however the parser hangs it
        ("The days are short. That's because the sun is low.", "cause", "the sun is low",
         "The days are short"),
        ("The days are short. And that is because the sun is low.", "cause", "the sun is low",
         "The days are short"),
        ("Now that we know this, we can act.", "cause", "we know this", "we can act"),
        ("We stayed home 'cause it was raining.", "cause", "it was raining", "We stayed home"),
    ],
)  # fmt: skip
def test_spoken_concession_and_cause_markers(text: str, kind: str, first: str, second: str) -> None:
    """Markers of talks and speeches (the PDTB-3 explicit connectives of TED talks): the
    conceded and maintained sides, or the cause and the effect."""
    moves = detect_moves(argmine_parse(text, parser="bundled"))
    (move,) = [m for m in moves if m.kind.value == kind]
    if isinstance(move, Concession):
        assert (cut(text, move.conceded), cut(text, move.main)) == (first, second)
    else:
        assert isinstance(move, Cause)
        assert (cut(text, move.cause), cut(text, move.effect)) == (first, second)
    other_uses = "It is still raining. The cause of the crash is unclear. Phones cause crashes."
    assert detect_moves(argmine_parse(other_uses, parser="bundled")) == ()


@pytest.mark.parametrize(
    ("text", "causal"),
    [
        ("As the bridge was closed, we drove round.", True),
        ("As we had no money, we stayed home.", True),
        ("As he was tired, he went to bed.", True),
        ("As I walked home, it started to rain.", False),
        ("As the sun was setting, we walked home.", False),
        ("As the war ended, people returned home.", False),
    ],
)
def test_a_fronted_as_with_a_past_state_gives_a_reason(text: str, causal: bool) -> None:
    """A past *as* clause that states a state (copula, passive, "had") gives the reason for a
    past host; one that tells an event or a progressive stays temporal."""
    moves = detect_moves(argmine_parse(text, parser="bundled"))
    assert [m.kind.value for m in moves] == (["cause"] if causal else [])


def test_for_one_and_an_ordinal_before_a_pronoun_subject_are_items() -> None:
    """A student essay's plan (student-essays 8065D0364BCF): "For one it will be …", "Second
    you will …", "Last you won't …", no commas; "last year" and "for one ticket" stay out."""
    text, moves = bundled_moves(
        "For one it will be more dangerous. Second you will have less knowledge of cars. "
        "Last you won't remember what to do. Last year I paid for one ticket."
    )
    move = only(moves, Enumeration)
    assert [(item.ordinal, item.marker) for item in move.items] == [
        (1, "For one"),
        (2, "Second"),
        (3, "Last"),
    ]
    assert move.items[-1].start == text.index("Last you")


def test_whereas_the_bundled_parser_does_not_know_still_contrasts() -> None:
    """The bundled parser tags "whereas" a determiner or a pronoun; the comma that sets its
    clause off still makes the contrast (issue 14 leftover). No comma, no guess."""
    text, moves = bundled_moves(
        "Whereas cities have buses, villages have none. Cities have buses, whereas villages "
        "have none."
    )
    contrasts = [move for move in moves if isinstance(move, Contrast)]
    assert [(move.marker, cut(text, move)) for move in contrasts] == [
        ("Whereas", "Whereas cities have buses, villages have none"),
        ("whereas", "Cities have buses, whereas villages have none"),
    ]


def test_a_conjunction_for_read_as_a_preposition_still_gives_a_reason() -> None:
    """The bundled parser reads "for" in "…, for that course can only lead to escalation" as a
    preposition of the subject (micro_b039); a bare subject followed by its verb still makes it
    the conjunction. A true preposition stays none."""
    text, moves = bundled_moves(
        "The conflict should not be left to former Cold War opponents alone, for that course "
        "can only lead to escalation. For many people this is hard. Students need time. For "
        "the reasons stated above, I believe that students would benefit."
    )
    cause = only(moves, Cause)
    assert cut(text, cause.cause) == "that course can only lead to escalation"
    assert cut(text, cause.effect) == (
        "The conflict should not be left to former Cold War opponents alone"
    )


def test_a_list_goes_on_from_a_noun_series_to_ordinal_adverbs() -> None:
    """Student essays open with "My first reason …" or "The first reason …" and go on with
    "Secondly, …" and "Finally, …" (5C2F188C0177, 418A275E8556): one list, not a first
    item alone and a list with a gap. "For starters" opens a list (636811ED1516). After a
    final item a new list begins."""
    text, moves = bundled_moves(
        "Students should plan their own projects.\n\n"
        "My first reason is that choice makes them care about the work. They read more.\n\n"
        "Secondly, students know what they are good at. They pick tasks that fit them.\n\n"
        "Finally, planning is a skill that adults need. School should teach it.\n\n"
        "Second, the teachers agree."
    )
    lists = [move for move in moves if isinstance(move, Enumeration)]
    assert [(item.ordinal, item.marker) for item in lists[0].items] == [
        (1, "My first reason"),
        (2, "Secondly"),
        (3, "Finally"),
    ]
    assert lists[0].complete
    assert all(move.items[0].start >= text.index("Second, the") for move in lists[1:])
    _, starters = bundled_moves(
        "For starters, teachers choose well. Secondly, school is stressful. Lastly, time is short."
    )
    assert [item.marker for item in only(starters, Enumeration).items] == [
        "For starters",
        "Secondly",
        "Lastly",
    ]
