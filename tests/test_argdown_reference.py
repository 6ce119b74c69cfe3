"""The Argdown export read by the reference implementation, @argdown/core.

``tests/argdown/check.mjs`` runs @argdown/core's parser and model (the version pinned in
``tests/argdown/package.json``) over Argdown text and prints what it saw: parser and lexer
errors, statements, arguments and relations. Each test here checks that the reference reads
our export without errors, with one statement per unit (title, text, tags) and every relation
between the right statements with the right polarity. Without ``node`` or the installed
package (``npm ci --prefix tests/argdown``) the tests skip, but they fail under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmine.export import argdown_document, read_map, to_argdown
from argmine.maps import ArgumentMap
from argmine.testing.strategies import analyses
from argmine.types import Analysis, ArgumentUnit, Relation, RelationKind, Stance, UnitRole

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / "tests" / "argdown"
CHECK = ARGDOWN / "check.mjs"
REFERENCE = ARGDOWN / "node_modules" / "@argdown" / "core"
OP_ED = ROOT / "fixtures" / "maps" / "op_ed_transit.json"

Reader = Callable[[list[str]], list[dict[str, Any]]]


@pytest.fixture(scope="module")
def argdown_reader() -> Iterator[Reader]:
    """Reads Argdown documents with @argdown/core: one ``node`` process serves the module."""
    node = shutil.which("node")
    if node is None:
        problem = "node (Node.js) is not on PATH; the reference Argdown parser needs it"
    elif not REFERENCE.is_dir():
        problem = f"@argdown/core is not installed in {ARGDOWN} (npm ci --prefix tests/argdown)"
    else:
        problem = None
    if problem is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(problem)
        pytest.skip(problem)
    assert node is not None
    process = subprocess.Popen(
        [node, str(CHECK), "--lines"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert process.stdin is not None
    assert process.stdout is not None
    stdin, stdout = process.stdin, process.stdout

    def read(documents: list[str]) -> list[dict[str, Any]]:
        # json.dumps escapes every line break (and all non-ASCII), so one request is one line.
        stdin.write(json.dumps(documents) + "\n")
        stdin.flush()
        line = stdout.readline()
        assert line, f"check.mjs exited with {process.poll()}"
        results: list[dict[str, Any]] = json.loads(line)
        assert len(results) == len(documents)
        return results

    try:
        yield read
    finally:
        stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def assert_reference_reads(argument_map: ArgumentMap, seen: dict[str, Any]) -> None:
    """@argdown/core saw no errors, one equivalence class per unit and its restatements, and
    every other relation as written."""
    text = to_argdown(argument_map)
    assert seen["errors"] == [], text
    document = argdown_document(argument_map)
    titles: dict[str, str] = {
        unit.id: statement.title
        for unit, statement in zip(argument_map.units, document.statements, strict=True)
    }
    for unit in argument_map.units:
        # A unit and its restatements (only they) share a title.
        same = {other.id for other in argument_map.restatements(unit.id)} | {unit.id}
        assert {u for u, title in titles.items() if title == titles[unit.id]} == same, text
    statements = {statement["title"]: statement for statement in seen["statements"]}
    assert len(statements) == len(seen["statements"])
    assert set(statements) == set(titles.values()), text
    assert seen["arguments"] == [], text
    members: dict[str, list[tuple[ArgumentUnit, tuple[str, ...]]]] = {}
    for unit, statement in zip(argument_map.units, document.statements, strict=True):
        members.setdefault(statement.title, []).append((unit, statement.tags))
    for title, written in members.items():
        found = statements[title]
        # The class reads as its last member's text; tags are taken out of the text, which
        # leaves the space before them; the class holds the tags of all its members.
        assert (found["text"] or "").strip(" ") == " ".join(written[-1][0].text.split()), text
        tags = [tag for _unit, unit_tags in written for tag in unit_tags]
        assert found["tags"] == list(dict.fromkeys(tags)), text
    expected = {
        (titles[r.source], titles[r.target], "attack" if r.kind.is_attack else "support")
        for r in argument_map.relations
        if r.kind is not RelationKind.RESTATEMENT
    }
    relations = {(r["from"], r["to"], r["type"]) for r in seen["relations"]}
    assert all(r["fromType"] == r["toType"] == "equivalence-class" for r in seen["relations"]), text
    assert relations == expected, text
    # Argdown merges repeats of one relation; it must not lose or add any other.
    assert len(seen["relations"]) == len(expected), text


def test_installed_reference_is_the_pinned_version(argdown_reader: Reader) -> None:
    pinned = json.loads((ARGDOWN / "package.json").read_text(encoding="utf-8"))
    installed = json.loads((REFERENCE / "package.json").read_text(encoding="utf-8"))
    assert pinned["dependencies"]["@argdown/core"] == installed["version"]


def test_reference_reads_the_op_ed_map(argdown_reader: Reader) -> None:
    argument_map = read_map(OP_ED.read_text(encoding="utf-8"))
    assert argument_map.relations, "the op-ed map has relations to check"
    (seen,) = argdown_reader([to_argdown(argument_map)])
    assert_reference_reads(argument_map, seen)
    kinds = {r["type"] for r in seen["relations"]}
    assert kinds == {"support", "attack"}


def test_reference_reads_a_restatement_as_one_equivalence_class(argdown_reader: Reader) -> None:
    text = "Buses should be free. Fares deter riders. Free costs money. So make buses free."
    pieces = text.replace(". ", ".|").split("|")
    units, start = [], 0
    for number, (piece, role) in enumerate(zip(pieces, UnitRole, strict=False), start=1):
        units.append(ArgumentUnit(f"u{number}", start, start + len(piece), piece, role, None, 1.0))
        start += len(piece) + 1
    units.append(ArgumentUnit("u4", start, len(text), pieces[3], UnitRole.CLAIM, Stance.PRO, 1.0))
    relations = [
        Relation("r1", "u2", "u1", RelationKind.SUPPORT, 1.0),
        Relation("r2", "u3", "u4", RelationKind.ATTACK, 1.0),
        Relation("r3", "u4", "u1", RelationKind.RESTATEMENT, 1.0),
        Relation("r4", "u4", "u1", RelationKind.SUPPORT, 1.0),  # the class supports itself
    ]
    argument_map = ArgumentMap.from_analysis(Analysis(text, (), units, relations))
    (seen,) = argdown_reader([to_argdown(argument_map)])
    assert_reference_reads(argument_map, seen)
    assert [statement["title"] for statement in seen["statements"]] == ["u1", "u2", "u3"]
    assert {(r["from"], r["to"], r["type"]) for r in seen["relations"]} == {
        ("u2", "u1", "support"),
        ("u3", "u1", "attack"),
        ("u1", "u1", "support"),
    }


def test_reference_reads_the_analysis_of_every_fixture_text(
    argdown_reader: Reader, fixture_analyses: dict[str, Analysis]
) -> None:
    maps = {stem: ArgumentMap.from_analysis(a) for stem, a in sorted(fixture_analyses.items())}
    results = argdown_reader([to_argdown(m) for m in maps.values()])
    for (stem, argument_map), seen in zip(maps.items(), results, strict=True):
        assert argument_map.units, f"{stem}: no units to check"
        assert_reference_reads(argument_map, seen)


def test_reference_reads_escaped_syntax(argdown_reader: Reader) -> None:
    """Every character with a meaning in Argdown, in every position, reads back as text."""
    awkward = [
        r"[a]: <b> #tag @[c] @<d> *e* **f** _g_ __h__ {i: 1} // j /* k */ <!-- l --> m",
        r"=== n === \ o e.g. :p: .q. [r](https://example.org) <s>: t",
        "+> u -> v <+ w <- x >< y _> z <_ -- (1) 1. * # heading",
        "#(tag with spaces) trailing backslash \\",
        "ends with a dot.",
        ":",
        "",
    ]
    text = " ".join(awkward)
    units, start = [], 0
    for number, piece in enumerate(awkward, start=1):
        end = start + len(piece)
        role = list(UnitRole)[number % len(UnitRole)]
        units.append(ArgumentUnit(f"u{number}", start, end, piece, role, None, 1.0))
        start = end + 1
    argument_map = ArgumentMap.from_analysis(Analysis(text, (), units))
    (seen,) = argdown_reader([to_argdown(argument_map)])
    assert_reference_reads(argument_map, seen)


@settings(max_examples=25, deadline=None)
@given(st.lists(analyses(min_units=1), min_size=1, max_size=4))
def test_reference_reads_any_analysis(argdown_reader: Reader, drawn: list[Analysis]) -> None:
    maps = [ArgumentMap.from_analysis(analysis) for analysis in drawn]
    results = argdown_reader([to_argdown(m) for m in maps])
    for argument_map, seen in zip(maps, results, strict=True):
        assert_reference_reads(argument_map, seen)


def test_reference_keeps_a_self_relation_beside_other_relations(argdown_reader: Reader) -> None:
    """@argdown/core merges ``[a] <- [a]`` into an earlier ``[a] <- [b]``; the writer orders
    self-relations first so that the reference keeps them."""
    text = "Fares are too high. Free fares pay for themselves. Nobody rides."
    units = [
        ArgumentUnit("a", 0, 19, text[0:19], UnitRole.CLAIM, None, 1.0),
        ArgumentUnit("b", 20, 50, text[20:50], UnitRole.PREMISE, None, 1.0),
    ]
    relations = [
        Relation("r1", "b", "a", RelationKind.ATTACK, 1.0),
        Relation("r2", "a", "a", RelationKind.REBUT, 1.0),
        Relation("r3", "b", "a", RelationKind.SUPPORT, 1.0),
        Relation("r4", "a", "a", RelationKind.EXAMPLE, 1.0),
    ]
    argument_map = ArgumentMap.from_analysis(Analysis(text, (), units, relations))
    (seen,) = argdown_reader([to_argdown(argument_map)])
    assert_reference_reads(argument_map, seen)


# Argdown's syntax characters, the sequences they open and a few plain ones to keep them apart.
_SYNTAX = st.sampled_from(
    [
        *"[]<>+-_*#@:./\\{}()=!`~,;'\"|^&%?",
        *("a", "1", "é", " ", " ", "\t", "\n", "\u00a0", "\ufeff"),
        *("--", "===", "e.g.", "<!--", "-->", "/*", "*/", "//", "http://x.y"),
    ]
)


@st.composite
def syntax_maps(draw: st.DrawFn) -> ArgumentMap:
    """Maps whose unit texts are made of Argdown syntax, with relations among the units."""
    pieces = draw(st.lists(st.lists(_SYNTAX, max_size=20).map("".join), min_size=1, max_size=4))
    text = " ".join(pieces)
    units, start = [], 0
    for number, piece in enumerate(pieces, start=1):
        role = draw(st.sampled_from(UnitRole))
        stance = draw(st.none() | st.sampled_from(Stance))
        unit_id = draw(st.sampled_from([f"u{number}", f"{number}.", f"id {number}!"]))
        units.append(ArgumentUnit(unit_id, start, start + len(piece), piece, role, stance, 1.0))
        start += len(piece) + 1
    ends = st.sampled_from([unit.id for unit in units])
    relations = [
        Relation(f"r{number}", draw(ends), draw(ends), draw(st.sampled_from(RelationKind)), 1.0)
        for number in range(draw(st.integers(0, 5)))
    ]
    return ArgumentMap.from_analysis(Analysis(text, (), units, relations))


@settings(max_examples=25, deadline=None)
@given(st.lists(syntax_maps(), min_size=1, max_size=8))
def test_reference_reads_text_made_of_argdown_syntax(
    argdown_reader: Reader, maps: list[ArgumentMap]
) -> None:
    results = argdown_reader([to_argdown(m) for m in maps])
    for argument_map, seen in zip(maps, results, strict=True):
        assert_reference_reads(argument_map, seen)
