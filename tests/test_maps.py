"""Argument maps: queries, moves on units, grounded acceptability and the feedback findings."""

from __future__ import annotations

from pathlib import Path

import attrs
import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmine.errors import InvalidDocumentError
from argmine.maps import ArgumentMap, Label, feedback, grounded_labelling
from argmine.serialize import from_json
from argmine.testing.strategies import analyses
from argmine.types import (
    Analysis,
    ArgumentUnit,
    Concession,
    Contrast,
    Enumeration,
    Relation,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

ROOT = Path(__file__).resolve().parent.parent
OP_ED = ROOT / "fixtures" / "maps" / "op_ed_transit.json"


@pytest.fixture(scope="module")
def op_ed() -> ArgumentMap:
    """A hand-annotated map of fixtures/texts/op_ed_transit.txt (moves from the detector)."""
    return ArgumentMap.from_analysis(from_json(OP_ED.read_text(encoding="utf-8")))


def _ids(units: tuple[ArgumentUnit, ...]) -> list[str]:
    return [unit.id for unit in units]


def assert_grounded(labels: dict[str, Label], attacks: list[tuple[str, str]]) -> None:
    """The grounded labelling's defining conditions (a complete labelling, least in)."""
    attackers = {name: {a for a, b in attacks if b == name} for name in labels}
    for name, label in labels.items():
        statuses = {labels[attacker] for attacker in attackers[name]}
        if label is Label.IN:
            assert statuses <= {Label.OUT}, f"{name} is in but attacked by a non-out argument"
        elif label is Label.OUT:
            assert Label.IN in statuses, f"{name} is out but no in-argument attacks it"
        else:
            assert Label.IN not in statuses, f"{name} is undecided but an in-argument attacks it"
            assert Label.UNDECIDED in statuses, f"{name} is undecided with every attacker out"


NAMES = st.sampled_from("abcdefg")


@given(
    st.lists(NAMES, min_size=1, unique=True),
    st.lists(st.tuples(NAMES, NAMES), max_size=20),
)
def test_grounded_labelling_is_a_fixed_point(
    names: list[str], pairs: list[tuple[str, str]]
) -> None:
    attacks = [(a, b) for a, b in pairs if a in names and b in names]
    labels = grounded_labelling(names, attacks)
    assert set(labels) == set(names)
    assert_grounded(labels, attacks)


@given(analyses(min_units=1))
def test_map_of_any_analysis(analysis: Analysis) -> None:
    """Every unit, relation and overlapping move is on the map; labels are grounded."""
    argument_map = ArgumentMap.from_analysis(analysis)
    attacks = [(r.source, r.target) for r in analysis.relations if r.kind.is_attack]
    assert set(argument_map.labels) == {unit.id for unit in analysis.units}
    # Units joined by restatements are one argument: same label, grounded over the classes.
    same = nx.Graph()
    same.add_nodes_from(unit.id for unit in analysis.units)
    same.add_edges_from(
        (r.source, r.target) for r in analysis.relations if r.kind is RelationKind.RESTATEMENT
    )
    first = {unit: min(group) for group in nx.connected_components(same) for unit in group}
    for unit, representative in first.items():
        assert argument_map.labels[unit] is argument_map.labels[representative]
    class_labels = {name: argument_map.labels[name] for name in set(first.values())}
    assert_grounded(class_labels, [(first[a], first[b]) for a, b in attacks])
    assert set(argument_map.graph.nodes) == {unit.id for unit in analysis.units}
    assert {key for _s, _t, key in argument_map.graph.edges(keys=True)} == {
        relation.id for relation in analysis.relations
    }
    for unit in analysis.units:
        for move in argument_map.moves_of(unit.id):
            assert move.start < unit.end
            assert unit.start < move.end
        for supporter in argument_map.supporters(unit.id):
            assert any(
                r.source == supporter.id and r.target == unit.id and r.kind.is_support
                for r in analysis.relations
            )
        depth = argument_map.depth_of(unit.id)
        assert depth is None or 0 <= depth <= argument_map.depth


@pytest.mark.parametrize(
    ("attacks", "expected"),
    [
        ([("a", "b"), ("b", "c")], {"a": "in", "b": "out", "c": "in"}),
        ([("a", "b"), ("b", "a")], {"a": "undecided", "b": "undecided", "c": "in"}),
        ([("a", "a"), ("a", "b")], {"a": "undecided", "b": "undecided", "c": "in"}),
        (
            [("a", "b"), ("b", "c"), ("c", "a")],
            {"a": "undecided", "b": "undecided", "c": "undecided"},
        ),
        ([("c", "a"), ("a", "b"), ("b", "a")], {"a": "out", "b": "in", "c": "in"}),
    ],
)
def test_grounded_labelling_on_known_frameworks(
    attacks: list[tuple[str, str]], expected: dict[str, str]
) -> None:
    labels = grounded_labelling("abc", attacks)
    assert {name: label.value for name, label in labels.items()} == expected


def test_an_attack_on_an_unknown_argument_is_an_input_error() -> None:
    with pytest.raises(InvalidDocumentError, match="unknown argument 'z'"):
        grounded_labelling(["a"], [("z", "a")])


def test_queries_on_the_op_ed(op_ed: ArgumentMap) -> None:
    assert op_ed.central_claim is not None
    assert op_ed.central_claim.id == "u1"
    assert _ids(op_ed.supporters("u1")) == ["u2", "u4", "u5", "u6", "u11", "u12"]
    assert _ids(op_ed.attackers("u1")) == ["u7"]
    assert _ids(op_ed.attackers("u6")) == ["u9"]  # an undercut names the unit it targets
    assert _ids(op_ed.unsupported_claims()) == ["u12"]
    assert _ids(op_ed.undefended_claims()) == []  # u7 attacks u1, but u8 answers u7
    assert op_ed.depth == 2
    assert op_ed.depth_of("u3") == 2
    assert op_ed.depth_of("u1") == 0


def test_acceptability_of_the_op_ed(op_ed: ArgumentMap) -> None:
    labels = {unit_id: label.value for unit_id, label in op_ed.labels.items()}
    assert labels["u1"] == "in"  # its only attacker u7 is defeated by u8
    assert labels["u7"] == "out"
    assert labels["u6"] == "out"  # undercut by u9, which nothing attacks
    assert labels["u9"] == "in"
    # Support does nothing in Dung's framework: u6 is out, yet u1, which it supports, is in.


def test_moves_are_attached_to_the_units_they_overlap(op_ed: ArgumentMap) -> None:
    kinds = {type(move) for move in op_ed.moves_of("u3")}
    assert Enumeration in kinds
    assert Contrast in kinds
    assert Concession in {type(move) for move in op_ed.moves_of("u8")}  # "Although ..."
    assert op_ed.moves_of("u1") == ()


def test_feedback_on_the_op_ed(op_ed: ArgumentMap) -> None:
    findings = feedback(op_ed)
    assert findings.central_label is Label.IN
    assert _ids(findings.unsupported_claims) == ["u12"]
    (enumeration,) = findings.enumerations
    assert (enumeration.announced, enumeration.found, enumeration.matches) == (4, 4, True)
    assert [(c.objection.id, _ids(c.answers)) for c in findings.objections] == [
        ("u7", ["u8"]),
        ("u9", []),
    ]
    assert [c.objection.id for c in findings.unanswered_objections] == ["u9"]


def test_a_reason_given_for_an_objection_is_part_of_it() -> None:
    """ "Critics argue we cannot afford it. Although budgets are tight, savings will cover it.":
    the conceded reason backs the objection; the answer to the objection answers both."""
    text = "We should act. Critics say we cannot pay. Budgets are tight. Savings will pay."
    pieces = [
        "We should act.",
        "Critics say we cannot pay.",
        "Budgets are tight.",
        "Savings will pay.",
    ]
    roles = [UnitRole.CENTRAL_CLAIM, UnitRole.CLAIM, UnitRole.PREMISE, UnitRole.PREMISE]
    stances = [Stance.PRO, Stance.OPP, Stance.OPP, Stance.PRO]
    units = []
    for number, (piece, role, stance) in enumerate(zip(pieces, roles, stances, strict=True), 1):
        start = text.index(piece)
        units.append(
            ArgumentUnit(f"u{number}", start, start + len(piece), piece, role, stance, 1.0)
        )
    relations = [
        Relation("r1", "u2", "u1", RelationKind.REBUT, 1.0),
        Relation("r2", "u3", "u2", RelationKind.SUPPORT, 1.0),
        Relation("r3", "u4", "u2", RelationKind.REBUT, 1.0),
    ]
    findings = feedback(
        ArgumentMap.from_analysis(Analysis(text, [], units=units, relations=relations))
    )
    assert [(c.objection.id, _ids(c.answers)) for c in findings.objections] == [("u2", ["u4"])]
    assert findings.unanswered_objections == ()


def test_an_enumeration_short_of_its_announcement_is_flagged(op_ed: ArgumentMap) -> None:
    analysis = op_ed.analysis
    enumeration = next(m for m in analysis.moves if isinstance(m, Enumeration))
    shorter = attrs.evolve(enumeration, items=enumeration.items[:3], complete=False)
    moves = tuple(shorter if m is enumeration else m for m in analysis.moves)
    findings = feedback(ArgumentMap.from_analysis(attrs.evolve(analysis, moves=moves)))
    (check,) = findings.mismatched_enumerations
    assert (check.announced, check.found) == (4, 3)


def _unit(unit_id: str, start: int, role: UnitRole, stance: Stance | None = None) -> ArgumentUnit:
    return ArgumentUnit(unit_id, start, start + 1, "abcd"[start], role, stance, 0.9)


def test_central_claim_falls_back_to_the_root_most_units_lead_to() -> None:
    units = [_unit(name, i, UnitRole.PREMISE) for i, name in enumerate("abcd")]
    relations = [
        Relation("r1", "a", "b", RelationKind.SUPPORT, 1.0),
        Relation("r2", "c", "b", RelationKind.SUPPORT, 1.0),
        Relation("r3", "b", "d", RelationKind.ATTACK, 1.0),
        Relation("r4", "a", "b", RelationKind.EXAMPLE, 1.0),  # two relations, same pair
    ]
    argument_map = ArgumentMap.from_analysis(Analysis("abcd", (), units, relations))
    assert argument_map.central_claim is not None
    assert argument_map.central_claim.id == "d"
    assert _ids(argument_map.supporters("b")) == ["a", "c"]
    assert argument_map.depth == 2


def test_an_empty_map_has_no_central_claim() -> None:
    argument_map = ArgumentMap.from_analysis(Analysis("Nothing argued.", ()))
    assert argument_map.central_claim is None
    assert argument_map.depth == 0
    assert feedback(argument_map).central_label is None


def test_the_map_cannot_be_changed(op_ed: ArgumentMap) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        op_ed.analysis = op_ed.analysis  # type: ignore[misc]
    with pytest.raises(nx.NetworkXError):
        op_ed.graph.add_node("u99")
    with pytest.raises(TypeError):
        op_ed.labels["u1"] = Label.OUT  # type: ignore[index]


@pytest.mark.parametrize(
    ("attacks", "restatements", "expected"),
    [
        # c restates b, which a defeats: c falls with it.
        ([("a", "b")], [("c", "b")], {"a": "in", "b": "out", "c": "out"}),
        # An attack on the restatement is an attack on what it restates.
        ([("a", "c")], [("c", "b")], {"a": "in", "b": "out", "c": "out"}),
        # The restatement's attack is the restated unit's attack.
        ([("c", "a")], [("c", "b")], {"a": "out", "b": "in", "c": "in"}),
        # Attacking what one restates is attacking oneself.
        ([("b", "c")], [("c", "b")], {"a": "in", "b": "undecided", "c": "undecided"}),
    ],
)
def test_a_restatement_shares_the_label_of_what_it_restates(
    attacks: list[tuple[str, str]], restatements: list[tuple[str, str]], expected: dict[str, str]
) -> None:
    labels = grounded_labelling("abc", attacks, restatements)
    assert {name: label.value for name, label in labels.items()} == expected


def test_grounded_labelling_refuses_a_restatement_of_an_unknown_argument() -> None:
    with pytest.raises(InvalidDocumentError, match="restatement names unknown argument 'z'"):
        grounded_labelling("ab", [], [("a", "z")])


def test_a_restatement_is_neither_support_nor_attack() -> None:
    units = [
        _unit("a", 0, UnitRole.CENTRAL_CLAIM, Stance.PRO),
        _unit("b", 1, UnitRole.PREMISE, Stance.PRO),
        _unit("c", 2, UnitRole.PREMISE, Stance.OPP),
        _unit("d", 3, UnitRole.CLAIM, Stance.PRO),
    ]
    relations = [
        Relation("r1", "b", "a", RelationKind.SUPPORT, 1.0),
        Relation("r2", "c", "d", RelationKind.REBUT, 1.0),
        Relation("r3", "d", "a", RelationKind.RESTATEMENT, 1.0),
    ]
    argument_map = ArgumentMap.from_analysis(Analysis("abcd", (), units, relations))
    assert argument_map.central_claim is not None
    assert argument_map.central_claim.id == "a"
    assert argument_map.supporters("a") == (units[1],)
    assert argument_map.attackers("a") == ()
    assert argument_map.restatements("a") == (units[3],)
    assert argument_map.restatements("d") == (units[0],)
    assert argument_map.restatements("b") == ()
    # The rebuttal of the restatement defeats the claim it restates.
    assert {unit: label.value for unit, label in argument_map.labels.items()} == {
        "a": "out",
        "b": "in",
        "c": "in",
        "d": "out",
    }
    # d is supported through a, the claim it restates.
    assert argument_map.unsupported_claims() == ()


def test_a_concessions_main_clause_answers_what_it_concedes() -> None:
    """ "Although phones distract, students should keep them.": the conceded clause attacks
    the thesis, but the author holds the thesis all the same, so the thesis stays ``in`` and
    the objection counts as answered by it; without the concession move it is ``out``."""
    text = "Although phones distract, students should keep them."
    conceded, main = "Although phones distract,", "students should keep them."
    units = [
        ArgumentUnit("u1", 0, len(conceded), conceded, UnitRole.PREMISE, Stance.OPP, 1.0),
        ArgumentUnit(
            "u2", text.index(main), len(text), main, UnitRole.CENTRAL_CLAIM, Stance.PRO, 1.0
        ),
    ]
    relations = [Relation("r1", "u1", "u2", RelationKind.REBUT, 1.0)]
    move = Concession(
        id="m1",
        start=0,
        end=len(text),
        marker="Although",
        conceded=Span(9, len(conceded) - 1),
        main=Span(text.index(main), len(text) - 1),
    )
    plain = ArgumentMap.from_analysis(Analysis(text, [], units=units, relations=relations))
    assert plain.label("u2") is Label.OUT
    assert feedback(plain).unanswered_objections != ()
    conceding = ArgumentMap.from_analysis(
        Analysis(text, [], moves=[move], units=units, relations=relations)
    )
    assert conceding.concessions == {"u1": "u2"}
    assert (conceding.label("u2"), conceding.label("u1")) == (Label.IN, Label.OUT)
    findings = feedback(conceding)
    assert [(c.objection.id, _ids(c.answers)) for c in findings.objections] == [("u1", ["u2"])]
    assert findings.unanswered_objections == ()


def test_a_debate_has_no_central_claim_and_its_claims_are_checked_per_speaker(
    debate_map: ArgumentMap,
) -> None:
    argument_map = debate_map
    assert argument_map.central_claim is None  # two trees: no one root to fall back to
    speakers = {"u1": "SMITH", "u2": "SMITH", "u3": "JONES", "u4": "JONES"}
    assert dict(argument_map.speakers) == speakers
    findings = feedback(argument_map)
    assert findings.is_debate
    assert [check.speaker for check in findings.speakers] == ["SMITH", "JONES"]
    smith, jones = findings.speakers
    assert _ids(smith.claims) == ["u1"]
    assert smith.unsupported_claims == ()
    assert _ids(jones.claims) == ["u3", "u4"]
    assert _ids(jones.unsupported_claims) == ["u4"]


def test_a_monologue_has_no_speaker_checks(op_ed: ArgumentMap) -> None:
    findings = feedback(op_ed)
    assert findings.speakers == ()
    assert not findings.is_debate
