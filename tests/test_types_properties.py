"""Property tests of the data model and the argmine/1 JSON, driven by ``argmine.testing``.

They pin down the promises the types make: a value that exists is valid, JSON round-trips
exactly and matches the shipped schema, and anything invalid (hand-built or parsed) fails with
:class:`InvalidDocumentError` and nothing else.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from argmine.errors import InvalidDocumentError
from argmine.serialize import from_dict, from_json, json_schema, to_dict, to_json
from argmine.testing import (
    analyses,
    argument_units,
    moves,
    parsed_texts,
    relations,
    sentences,
    spans,
    texts,
    tokens,
)
from argmine.types import (
    MOVE_TYPES,
    SCHEMA,
    Analysis,
    Announcement,
    ArgumentUnit,
    Condition,
    Conditional,
    Enumeration,
    EnumerationItem,
    Move,
    MoveKind,
    Relation,
    RelationKind,
    Sentence,
    Span,
    Stance,
    Token,
    UnitRole,
)

# Modest and deadline-free: the strategies build whole documents and the suite shares CPUs.
PROPERTIES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VALIDATOR = Draft202012Validator(json_schema())


# -- helpers ---------------------------------------------------------------------------------


def word(start: int, end: int, head: int, text: str = "w") -> Token:
    return Token(start, end, text, text, "X", None, head, "root" if head == 0 else "dep")


def unit(unit_id: str, start: int = 0, end: int = 1) -> ArgumentUnit:
    return ArgumentUnit(unit_id, start, end, "", UnitRole.CLAIM, None, 0.5)


def all_spans(analysis: Analysis) -> Iterator[tuple[str, Span]]:
    """Every span of every layer, named for the failure message."""
    for s, sentence in enumerate(analysis.sentences):
        yield f"sentence {s}", Span(sentence.start, sentence.end)
        for t, token in enumerate(sentence.tokens, start=1):
            yield f"sentence {s} token {t}", Span(token.start, token.end)
    for u in analysis.units:
        yield f"unit {u.id}", Span(u.start, u.end)
    for move in analysis.moves:
        for name, span in move.spans():
            yield f"move {move.id} {name}", span


def inside(span: Span, text: str) -> bool:
    return 0 <= span.start <= span.end <= len(text)


def document(**changes: Any) -> dict[str, Any]:
    """A small valid argmine/1 document, with top-level keys replaced by ``changes``."""
    text = "If it rains, we stay."
    analysis = Analysis(
        text,
        (Sentence(0, 21, (word(0, 2, 2, "If"), word(3, 5, 0, "it"))),),
        units=(unit("u1", 0, 11), unit("u2", 13, 20)),
        relations=(Relation("r1", "u2", "u1", RelationKind.SUPPORT, 0.75),),
        moves=(
            Conditional(
                id="m1",
                start=0,
                end=20,
                marker="If",
                condition=Condition.SUFFICIENT,
                antecedent=Span(3, 11),
                consequent=Span(13, 20),
            ),
        ),
    )
    data = to_dict(analysis)
    data.update(changes)
    return data


# -- round trip and schema -------------------------------------------------------------------


@PROPERTIES
@given(analyses())
def test_json_round_trip_is_exact(analysis: Analysis) -> None:
    text = to_json(analysis)
    again = from_json(text)
    assert again == analysis
    assert to_json(again) == text
    assert to_dict(again) == to_dict(analysis)
    assert from_json(to_json(analysis, indent=2)) == analysis
    assert from_json(text.encode("utf-8")) == analysis


@PROPERTIES
@given(analyses())
def test_to_dict_is_plain_json_data(analysis: Analysis) -> None:
    data = to_dict(analysis)
    assert json.loads(json.dumps(data)) == data
    assert from_dict(data) == analysis
    assert to_dict(analysis) == data  # unstructuring twice gives the same


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://argmine.dev/schema/argmine-1.schema.json"
    assert schema["properties"]["schema"]["const"] == SCHEMA


def test_schema_has_a_definition_for_every_move_kind() -> None:
    schema = json_schema()
    kinds = {
        schema["$defs"][ref["$ref"].rsplit("/", 1)[1]]["properties"]["kind"]["const"]
        for ref in schema["$defs"]["move"]["oneOf"]
    }
    assert kinds == {kind.value for kind in MoveKind}


@PROPERTIES
@given(analyses())
def test_every_serialised_document_matches_the_schema(analysis: Analysis) -> None:
    errors = [error.message for error in VALIDATOR.iter_errors(json.loads(to_json(analysis)))]
    assert errors == []


def test_schema_rejects_what_the_format_forbids() -> None:
    assert VALIDATOR.is_valid(document())
    assert not VALIDATOR.is_valid(document(schema="argmine/2"))
    assert not VALIDATOR.is_valid(document(extra=1))
    missing = document()
    del missing["moves"]
    assert not VALIDATOR.is_valid(missing)
    bad_kind = document()
    bad_kind["moves"][0]["kind"] = "contrast"  # a conditional's fields under another kind
    assert not VALIDATOR.is_valid(bad_kind)
    bad_start = document()
    bad_start["units"][0]["start"] = "0"
    assert not VALIDATOR.is_valid(bad_start)


# -- what the strategies promise -------------------------------------------------------------


@PROPERTIES
@given(analyses())
def test_analyses_keep_their_invariants(analysis: Analysis) -> None:
    text = analysis.text
    for name, span in all_spans(analysis):
        assert inside(span, text), name
    for before, after in zip(analysis.sentences, analysis.sentences[1:], strict=False):
        assert before.end <= after.start
    for sentence in analysis.sentences:
        assert all(sentence.start <= t.start <= t.end <= sentence.end for t in sentence.tokens)
        if sentence.tokens:
            assert len(sentence.children(0)) == 1
    unit_ids = [u.id for u in analysis.units]
    assert len(set(unit_ids)) == len(unit_ids)
    for u in analysis.units:
        assert u.text == text[u.start : u.end]
    for relation in analysis.relations:
        assert {relation.source, relation.target} <= set(unit_ids)
    for move in analysis.moves:
        if isinstance(move, Enumeration):
            for before_item, after_item in zip(move.items, move.items[1:], strict=False):
                assert before_item.end <= after_item.start
        if isinstance(move, Conditional):
            a, c = move.antecedent, move.consequent
            assert a.end <= c.start or c.end <= a.start


@PROPERTIES
@given(st.data())
def test_part_strategies_stay_inside_their_text(data: st.DataObject) -> None:
    text = data.draw(texts())
    assert inside(data.draw(spans(text)), text)
    token = data.draw(tokens(text))
    assert inside(Span(token.start, token.end), text)
    sentence = data.draw(sentences(text))
    assert inside(Span(sentence.start, sentence.end), text)
    parsed = data.draw(parsed_texts(text))
    assert parsed.text == text
    u = data.draw(argument_units(text, unit_id="u1"))
    assert u.id == "u1"
    assert inside(Span(u.start, u.end), text)
    relation = data.draw(relations(["u1", "u2"]))
    assert {relation.source, relation.target} <= {"u1", "u2"}
    move = data.draw(moves(text, move_id="m1"))
    assert move.id == "m1"
    assert all(inside(span, text) for _, span in move.spans())


@PROPERTIES
@given(st.data())
def test_sentences_inside_a_span_stay_inside_it(data: st.DataObject) -> None:
    text = data.draw(texts())
    within = data.draw(spans(text))
    sentence = data.draw(sentences(text, within=within))
    assert within.start <= sentence.start <= sentence.end <= within.end


@pytest.mark.parametrize("kind", list(MoveKind))
def test_moves_can_be_restricted_to_one_kind(kind: MoveKind) -> None:
    @settings(max_examples=10, deadline=None)
    @given(moves("First a, then b, because c.", kinds=[kind]))
    def check(move: Move) -> None:
        assert isinstance(move, MOVE_TYPES[kind])

    check()


def test_argmine_testing_explains_a_missing_hypothesis(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.startswith("argmine.testing")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "hypothesis", None)  # makes `import hypothesis` fail
    with pytest.raises(ImportError, match=r"pip install 'argmine\[dev\]'"):
        importlib.import_module("argmine.testing")


# -- invalid values are refused with InvalidDocumentError ------------------------------------

INVALID: dict[str, Callable[[], object]] = {
    "sentence past the text": lambda: Analysis("abc", (Sentence(0, 4, ()),)),
    "sentences overlap": lambda: Analysis("abcd", (Sentence(0, 3, ()), Sentence(2, 4, ()))),
    "span reversed": lambda: Span(3, 2),
    "token outside its sentence": lambda: Sentence(0, 2, (word(1, 3, 0),)),
    "tokens overlap": lambda: Sentence(0, 4, (word(0, 2, 0), word(1, 3, 1))),
    "unit past the text": lambda: Analysis("abc", (), units=(unit("u1", 1, 4),)),
    "move past the text": lambda: Analysis(
        "abc",
        (),
        moves=(
            Conditional(
                id="m",
                start=0,
                end=3,
                marker="if",
                condition=Condition.NECESSARY,
                antecedent=Span(0, 1),
                consequent=Span(2, 5),
            ),
        ),
    ),
    "relation to an unknown unit": lambda: Analysis(
        "abc",
        (),
        units=(unit("u1"),),
        relations=(Relation("r1", "u1", "u9", RelationKind.ATTACK, 0.5),),
    ),
    "duplicate unit ids": lambda: Analysis("abc", (), units=(unit("u1"), unit("u1", 1, 2))),
    "duplicate relation ids": lambda: Analysis(
        "abc",
        (),
        units=(unit("u1"), unit("u2")),
        relations=(
            Relation("r1", "u1", "u2", RelationKind.SUPPORT, 0.5),
            Relation("r1", "u2", "u1", RelationKind.SUPPORT, 0.5),
        ),
    ),
    "duplicate move ids": lambda: Analysis(
        "abc",
        (),
        moves=(
            Enumeration(id="m", start=0, end=1, marker="", items=()),
            Enumeration(id="m", start=1, end=2, marker="", items=()),
        ),
    ),
    "cyclic heads": lambda: Sentence(0, 5, (word(0, 1, 0), word(2, 3, 3), word(4, 5, 2))),
    "word its own head": lambda: Sentence(0, 3, (word(0, 1, 0), word(2, 3, 2))),
    "two roots": lambda: Sentence(0, 3, (word(0, 1, 0), word(2, 3, 0))),
    "no root": lambda: Sentence(0, 3, (word(0, 1, 2), word(2, 3, 1))),
    "head past the sentence": lambda: Sentence(0, 3, (word(0, 1, 0), word(2, 3, 3))),
    "overlapping conditional parts": lambda: Conditional(
        id="m",
        start=0,
        end=9,
        marker="if",
        condition=Condition.SUFFICIENT,
        antecedent=Span(0, 5),
        consequent=Span(4, 9),
    ),
    "enumeration items out of order": lambda: Enumeration(
        id="m",
        start=0,
        end=9,
        marker="",
        items=(
            EnumerationItem(5, 9, 1, "First"),
            EnumerationItem(0, 4, 2, "Second"),
        ),
    ),
    "confidence above 1": lambda: ArgumentUnit("u", 0, 1, "", UnitRole.CLAIM, None, 1.5),
    "confidence NaN": lambda: Relation("r", "u", "u", RelationKind.SUPPORT, float("nan")),
    "wrong schema string": lambda: Analysis("abc", (), schema="argmine/2"),  # type: ignore
}


@pytest.mark.parametrize("build", INVALID.values(), ids=INVALID.keys())
def test_invalid_values_raise_invalid_document_error(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidDocumentError):
        build()


@pytest.mark.parametrize(
    "build",
    [lambda: word(0, 1, -1), lambda: Announcement(0, 1, -1)],
    ids=["negative head", "negative announced count"],
)
def test_negative_counts_raise_invalid_document_error(build: Callable[[], object]) -> None:
    with pytest.raises(InvalidDocumentError):
        build()


def _tokens_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    tokens_: list[dict[str, Any]] = data["sentences"][0]["tokens"]
    return tokens_


def _changed(edit: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    data = document()
    edit(data)
    return data


INVALID_DOCUMENTS: dict[str, dict[str, Any] | list[Any] | str] = {
    "wrong schema string": document(schema="argmine/2"),
    "no schema": {k: v for k, v in document().items() if k != "schema"},
    "extra top-level key": document(comment="hi"),
    "extra key in a token": _changed(lambda d: _tokens_of(d)[0].update(misc="SpaceAfter=No")),
    "extra key in a move": _changed(lambda d: d["moves"][0].update(note="x")),
    "string where an int is expected": _changed(lambda d: d["units"][0].update(start="0")),
    "float where an int is expected": _changed(lambda d: d["units"][0].update(end=11.0)),
    "bool where an int is expected": _changed(lambda d: _tokens_of(d)[0].update(head=True)),
    "int where a string is expected": _changed(lambda d: d["units"][0].update(id=1)),
    "string confidence": _changed(lambda d: d["relations"][0].update(confidence="0.5")),
    "negative head": _changed(lambda d: _tokens_of(d)[0].update(head=-1)),
    "unknown move kind": _changed(lambda d: d["moves"][0].update(kind="digression")),
    "move without kind": _changed(lambda d: d["moves"][0].pop("kind")),
    "relation to an unknown unit": _changed(lambda d: d["relations"][0].update(target="u9")),
    "span past the text": _changed(lambda d: d["units"][0].update(end=99)),
    "two roots": _changed(lambda d: _tokens_of(d)[0].update(head=0)),
    "sentences not a list": document(sentences={"start": 0}),
    "null text": document(text=None),
    "a list": [document()],
    "a string": "argmine/1",
}


@pytest.mark.parametrize("data", INVALID_DOCUMENTS.values(), ids=INVALID_DOCUMENTS.keys())
def test_invalid_documents_raise_invalid_document_error(data: Any) -> None:
    with pytest.raises(InvalidDocumentError):
        from_json(json.dumps(data))


UNKNOWN_ENUM_VALUES: dict[str, dict[str, Any]] = {
    "unknown role": _changed(lambda d: d["units"][0].update(role="warrant")),
    "unknown stance": _changed(lambda d: d["units"][0].update(stance="maybe")),
    "unknown relation kind": _changed(lambda d: d["relations"][0].update(kind="likes")),
    "unknown condition": _changed(lambda d: d["moves"][0].update(condition="whenever")),
}


@pytest.mark.parametrize("data", UNKNOWN_ENUM_VALUES.values(), ids=UNKNOWN_ENUM_VALUES.keys())
def test_unknown_enum_values_raise_invalid_document_error(data: dict[str, Any]) -> None:
    with pytest.raises(InvalidDocumentError):
        from_json(json.dumps(data))


def test_json_round_trip_keeps_enum_types() -> None:
    """StrEnum members equal their strings, so ``==`` alone cannot see this."""
    analysis = from_dict(_changed(lambda d: d["units"][0].update(stance="pro")))
    assert type(analysis.units[0].role) is UnitRole
    assert type(analysis.units[0].stance) is Stance
    assert type(analysis.relations[0].kind) is RelationKind
    assert type(analysis.moves[0].condition) is Condition  # type: ignore[union-attr]
    assert analysis.relations[0].kind.is_attack is False


def test_the_valid_document_used_above_is_valid() -> None:
    assert from_json(json.dumps(document())) == from_dict(document())


# -- garbage in, InvalidDocumentError out ----------------------------------------------------

_KEYS = st.sampled_from(
    [
        "schema",
        "text",
        "sentences",
        "units",
        "relations",
        "moves",
        "start",
        "end",
        "tokens",
        "id",
        "kind",
        "head",
        "items",
    ]
) | st.text(max_size=6)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from([SCHEMA, "enumeration", "claim", "support", "u1"])
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(_KEYS, children, max_size=5)
        | st.fixed_dictionaries(
            {"schema": st.just(SCHEMA), "text": st.text(max_size=8)},
            optional={"sentences": children, "units": children, "moves": children},
        )
    ),
    max_leaves=12,
)


def parses_or_refuses(source: str | bytes) -> None:
    """``from_json`` either returns a re-serialisable Analysis or refuses properly.

    What it accepts serialises to a document that matches the published schema.
    """
    try:
        analysis = from_json(source)
    except InvalidDocumentError:
        return
    assert isinstance(analysis, Analysis)
    assert from_json(to_json(analysis)) == analysis
    VALIDATOR.validate(to_dict(analysis))


@PROPERTIES
@given(st.text())
def test_from_json_refuses_arbitrary_text(source: str) -> None:
    parses_or_refuses(source)


@PROPERTIES
@given(st.binary())
def test_from_json_refuses_arbitrary_bytes(source: bytes) -> None:
    parses_or_refuses(source)


@PROPERTIES
@given(JSON_VALUES)
def test_from_json_refuses_arbitrary_json(value: Any) -> None:
    parses_or_refuses(json.dumps(value))


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    children = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, child in children:
        yield from _paths(child, (*path, key))


@PROPERTIES
@given(analyses(), st.data())
def test_from_json_refuses_damaged_documents(analysis: Analysis, data: st.DataObject) -> None:
    """One random edit of a valid document: replace a value, drop a key or add one."""
    doc = to_dict(analysis)
    path = data.draw(st.sampled_from(list(_paths(doc))[1:] or [("text",)]), label="path")
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    edit = data.draw(st.sampled_from(["replace", "drop", "add"]), label="edit")
    if edit == "replace":
        parent[path[-1]] = data.draw(JSON_VALUES, label="value")
    elif edit == "drop" and isinstance(parent, dict):
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=6), label="key")] = 0
    parses_or_refuses(json.dumps(doc))


def test_from_json_rejects_an_equal_document_with_other_types() -> None:
    """``1 == 1.0 == True`` in Python, but argmine/1 fields are typed exactly."""
    doc = document()
    doc["sentences"][0]["start"] = False
    with pytest.raises(InvalidDocumentError):
        from_dict(doc)


def test_from_json_refuses_deeply_nested_json() -> None:
    with pytest.raises(InvalidDocumentError):
        from_json("[" * 100_000 + "]" * 100_000)


def test_from_json_refuses_a_huge_integer() -> None:
    with pytest.raises(InvalidDocumentError):
        from_json(json.dumps(document()).replace('"start": 3', '"start": 3' + "0" * 5000, 1))


def test_evolve_revalidates() -> None:
    """``attrs.evolve`` goes through the validators, so edits cannot smuggle in bad data."""
    sentence = Sentence(0, 3, (word(0, 1, 0), word(2, 3, 1)))
    with pytest.raises(InvalidDocumentError):
        attrs.evolve(sentence, tokens=(word(0, 1, 0), word(2, 3, 0)))


def test_strategies_draw_restatements() -> None:
    """Property tests over analyses() meet restatements, so every consumer is tested on them."""
    found = find(
        analyses(min_units=2),
        lambda a: any(
            r.kind is RelationKind.RESTATEMENT and r.source != r.target for r in a.relations
        ),
        # Shrinking the example found would take minutes; any example will do.
        settings=settings(
            max_examples=2000,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        ),
    )
    restatements = [r for r in found.relations if r.kind is RelationKind.RESTATEMENT]
    assert restatements
    assert from_json(to_json(found)).relations == found.relations
    assert all(r.kind.is_attack is r.kind.is_support is False for r in restatements)


def test_a_document_before_restatements_still_loads_and_one_with_them_validates() -> None:
    old = document()
    assert from_dict(old) == from_json(json.dumps(old))
    restating = _changed(lambda d: d["relations"][0].update(kind="restatement"))
    VALIDATOR.validate(restating)
    assert from_dict(restating).relations[0].kind is RelationKind.RESTATEMENT
