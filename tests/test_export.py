"""Export formats: round trips, an independent AIF reader, Argdown read back, SVG, HTML, CLI."""

from __future__ import annotations

import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import arguebuf
import defusedxml.ElementTree as SafeXML
import pytest
from arguebuf.model.scheme import Attack, Rephrase, Support
from hypothesis import given, settings
from typer.testing import CliRunner

from argmine.cli import app
from argmine.errors import GraphvizNotFoundError, InvalidDocumentError
from argmine.export import (
    ExportFormat,
    argdown_document,
    export,
    from_aif,
    from_json,
    parse_argdown,
    read_map,
    to_aif,
    to_argdown,
    to_dot,
    to_html,
    to_json,
    to_svg,
)
from argmine.maps import ArgumentMap, Label
from argmine.parsing import to_conllu
from argmine.serialize import from_json as analysis_from_json
from argmine.serialize import to_json as analysis_to_json
from argmine.testing.strategies import analyses
from argmine.types import (
    Analysis,
    ArgumentUnit,
    ParsedText,
    Relation,
    RelationKind,
    Stance,
    UnitRole,
)

ROOT = Path(__file__).resolve().parent.parent
OP_ED = ROOT / "fixtures" / "maps" / "op_ed_transit.json"
FIXTURE_TEXTS = sorted((ROOT / "fixtures" / "texts").glob("*.txt"))
WHEN = datetime(2025, 3, 14, 9, 26, 53)


@pytest.fixture(scope="module")
def op_ed() -> ArgumentMap:
    return read_map(OP_ED.read_text(encoding="utf-8"))


def arguebuf_graph(aif_text: str) -> Any:
    return arguebuf.load.aif(json.loads(aif_text))


def assert_aif_matches(argument_map: ArgumentMap, aif_text: str) -> None:
    """An independent AIF reader sees one I-node per unit, one RA/CA/MA-node per relation."""
    graph = arguebuf_graph(aif_text)
    assert len(graph.atom_nodes) == len(argument_map.units)
    assert len(graph.scheme_nodes) == len(argument_map.relations)
    attacks = [n for n in graph.scheme_nodes.values() if isinstance(n.scheme, Attack)]
    supports = [n for n in graph.scheme_nodes.values() if isinstance(n.scheme, Support)]
    rephrases = [n for n in graph.scheme_nodes.values() if isinstance(n.scheme, Rephrase)]
    assert len(attacks) == sum(r.kind.is_attack for r in argument_map.relations)
    assert len(supports) == sum(r.kind.is_support for r in argument_map.relations)
    restatements = [r for r in argument_map.relations if r.kind is RelationKind.RESTATEMENT]
    assert len(rephrases) == len(restatements)
    assert sorted(n.plain_text for n in graph.atom_nodes.values()) == sorted(
        u.text for u in argument_map.units
    )
    assert len(graph.edges) == 2 * len(argument_map.relations)


@given(analyses(min_units=1))
def test_round_trips_of_any_analysis(analysis: Analysis) -> None:
    """JSON and AIF give back the same units, relations and spans; Argdown reads back."""
    argument_map = ArgumentMap.from_analysis(analysis)
    assert from_json(to_json(argument_map)).analysis == analysis

    aif_text = to_aif(argument_map, timestamp=WHEN)
    again = from_aif(aif_text)
    assert again.analysis.text == analysis.text
    assert again.units == analysis.units
    assert again.relations == analysis.relations
    assert_aif_matches(argument_map, aif_text)

    document = argdown_document(argument_map)
    assert parse_argdown(to_argdown(argument_map)) == document
    assert len(document.statements) == len(analysis.units)
    # A restatement is no Argdown relation: it puts both units into one equivalence class.
    restatements = [r for r in analysis.relations if r.kind is RelationKind.RESTATEMENT]
    assert len(document.relations) == len(analysis.relations) - len(restatements)
    titles = {unit.id: s.title for unit, s in zip(analysis.units, document.statements, strict=True)}
    assert all(titles[r.source] == titles[r.target] for r in restatements)


@settings(max_examples=20)
@given(analyses(min_units=1))
def test_svg_is_xml_and_html_renders_for_any_analysis(analysis: Analysis) -> None:
    argument_map = ArgumentMap.from_analysis(analysis)
    svg = SafeXML.fromstring(to_svg(argument_map).encode("utf-8"))
    nodes = svg.findall(".//{http://www.w3.org/2000/svg}g[@class]")
    assert sum("unit" in n.get("class", "").split() for n in nodes) == len(analysis.units)
    page = to_html(argument_map)
    assert page.startswith("<!DOCTYPE html>")
    assert page.rstrip().endswith("</html>")


def test_json_export_is_what_analyze_prints(op_ed: ArgumentMap) -> None:
    assert to_json(op_ed) == analysis_to_json(op_ed.analysis)
    assert export(op_ed, ExportFormat.JSON, timestamp=WHEN) == to_json(op_ed)


def test_aif_of_the_op_ed(op_ed: ArgumentMap) -> None:
    aif = json.loads(to_aif(op_ed, timestamp=WHEN))
    assert set(aif) == {"nodes", "edges", "locutions", "argmine"}
    nodes = {node["nodeID"]: node for node in aif["nodes"]}
    assert all(set(n) >= {"nodeID", "text", "type", "timestamp"} for n in nodes.values())
    assert {n["timestamp"] for n in nodes.values()} == {"2025-03-14 09:26:53"}
    assert all(re.fullmatch(r"\d+", node_id) for node_id in nodes)
    assert [n["type"] for n in nodes.values()].count("I") == 12
    assert all(
        set(e) == {"edgeID", "fromID", "toID", "formEdgeID"} and e["formEdgeID"] is None
        for e in aif["edges"]
    )
    # u9 undercuts u6's inference: its CA-node points at the RA-node of u6 → u1.
    unit_node = {n["argmine"]["id"]: i for i, n in nodes.items() if n["type"] == "I"}
    scheme_node = {n["argmine"]["id"]: i for i, n in nodes.items() if n["type"] != "I"}
    ca_of_undercut = scheme_node["r8"]
    assert nodes[ca_of_undercut]["type"] == "CA"
    targets = [e["toID"] for e in aif["edges"] if e["fromID"] == ca_of_undercut]
    assert targets == [scheme_node["r5"]]
    assert nodes[scheme_node["r5"]]["text"] == "Default Inference"
    assert nodes[scheme_node["r9"]]["text"] == "Example"
    assert any(
        e["fromID"] == unit_node["u6"] and e["toID"] == scheme_node["r5"] for e in aif["edges"]
    )
    back = from_aif(aif)
    assert back.analysis.units == op_ed.units
    assert back.analysis.relations == op_ed.relations
    assert_aif_matches(op_ed, to_aif(op_ed, timestamp=WHEN))


FOREIGN_AIF = {
    "nodes": [
        {"nodeID": "10", "text": "We should act.", "type": "I", "timestamp": "2020-01-01 00:00:00"},
        {"nodeID": "11", "text": "Costs rise.", "type": "I", "timestamp": "2020-01-01 00:00:00"},
        {"nodeID": "12", "text": "Delay helps.", "type": "I", "timestamp": "2020-01-01 00:00:00"},
        {
            "nodeID": "13",
            "text": "Experts say so.",
            "type": "I",
            "timestamp": "2020-01-01 00:00:00",
        },
        {"nodeID": "14", "text": "Not here.", "type": "I", "timestamp": "2020-01-01 00:00:00"},
        {"nodeID": "20", "text": "Default Inference", "type": "RA", "timestamp": ""},
        {"nodeID": "21", "text": "Default Conflict", "type": "CA", "timestamp": ""},
        {"nodeID": "22", "text": "Default Conflict", "type": "CA", "timestamp": ""},
        {"nodeID": "23", "text": "Default Rephrase", "type": "MA", "timestamp": ""},
        {"nodeID": "30", "text": "Ann: we should act", "type": "L", "timestamp": ""},
    ],
    "edges": [
        {"edgeID": "1", "fromID": "11", "toID": "20", "formEdgeID": None},
        {"edgeID": "2", "fromID": "13", "toID": "20", "formEdgeID": None},
        {"edgeID": "3", "fromID": "20", "toID": "10", "formEdgeID": None},
        {"edgeID": "4", "fromID": "12", "toID": "21", "formEdgeID": None},
        {"edgeID": "5", "fromID": "21", "toID": "10", "formEdgeID": None},
        {"edgeID": "6", "fromID": "14", "toID": "22", "formEdgeID": None},
        {"edgeID": "7", "fromID": "22", "toID": "21", "formEdgeID": None},
        {"edgeID": "8", "fromID": "12", "toID": "23", "formEdgeID": None},
        {"edgeID": "9", "fromID": "23", "toID": "13", "formEdgeID": None},
        {"edgeID": "10", "fromID": "30", "toID": "10", "formEdgeID": None},
    ],
    "locutions": [],
}


def test_an_aifdb_graph_reads_as_far_as_aif_goes() -> None:
    argument_map = from_aif(json.dumps(FOREIGN_AIF))
    text = argument_map.analysis.text
    assert [text[u.start : u.end] for u in argument_map.units] == [
        "We should act.",
        "Costs rise.",
        "Delay helps.",
        "Experts say so.",
        "Not here.",
    ]
    assert argument_map.central_claim is not None
    assert argument_map.central_claim.text == "We should act."
    assert [(r.source, r.target, r.kind.value) for r in argument_map.relations] == [
        ("u2", "u1", "support"),  # a linked argument: one relation per premise
        ("u4", "u1", "support"),
        ("u3", "u1", "attack"),
        ("u5", "u3", "undercut"),  # a CA-node on a CA-node undercuts its premise
        ("u3", "u4", "restatement"),  # an MA-node (Default Rephrase)
    ]
    assert argument_map.labels["u1"].value == "in"
    assert argument_map.labels["u4"].value == "out"  # shares the label of u3, which it says


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{", "not JSON"),
        ("[]", "must be a JSON object"),
        ('{"edges": []}', "'nodes' must be list"),
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [{"edgeID": "1", '
            '"fromID": "1", "toID": "9"}]}',
            "unknown node",
        ),
        ('{"nodes": [{"nodeID": "1", "type": "XY", "text": "a"}], "edges": []}', "node types"),
    ],
)
def test_bad_aif_is_an_input_error(document: str, message: str) -> None:
    with pytest.raises(InvalidDocumentError, match=message):
        from_aif(document)


def test_read_map_tells_aif_from_argmine_json(op_ed: ArgumentMap) -> None:
    assert read_map(to_aif(op_ed, timestamp=WHEN)).units == op_ed.units
    assert read_map(to_json(op_ed)).analysis == op_ed.analysis
    with pytest.raises(InvalidDocumentError, match="unsupported schema"):
        read_map('{"schema": "argmine/0"}')


def test_argdown_of_the_op_ed(op_ed: ArgumentMap) -> None:
    text = to_argdown(op_ed)
    assert text.startswith(
        "[u1]: Our city should make public transit free for everyone under eighteen. "
        "#central-claim #pro\n  <+ [u2]\n"
    )
    assert (
        "[u7]: Critics argue that the city cannot afford another subsidy. #premise #opp\n"
        "  <- [u8]\n" in text
    )
    assert parse_argdown(text) == argdown_document(op_ed)


def test_argdown_escapes_its_syntax_and_reads_it_back() -> None:
    awkward = r"[a]: <b> #tag @[c] *d* _e_ {f: 1} // g /* h */ === i \ j e.g. :k: ends."
    unit = ArgumentUnit("odd id!", 0, len(awkward), awkward, UnitRole.CLAIM, None, 1.0)
    argument_map = ArgumentMap.from_analysis(Analysis(awkward, (), [unit]))
    text = to_argdown(argument_map)
    assert text.startswith("[unit 1]: \\[a\\]: \\<b\\> \\#tag \\@\\[c\\] \\*d\\* \\_e\\_")
    (statement,) = parse_argdown(text).statements
    assert statement.text == awkward
    assert statement.tags == ("claim",)


def test_argdown_writes_self_relations_first() -> None:
    """@argdown/core drops ``[a] <- [a]`` below ``[a] <- [b]``, so self-relations go first."""
    text = "Fares are too high. Free fares pay."
    units = [
        ArgumentUnit("a", 0, 19, text[:19], UnitRole.CLAIM, None, 1.0),
        ArgumentUnit("b", 20, 35, text[20:], UnitRole.PREMISE, None, 1.0),
    ]
    relations = [
        Relation("r1", "b", "a", RelationKind.ATTACK, 1.0),
        Relation("r2", "a", "a", RelationKind.REBUT, 1.0),
        Relation("r3", "b", "a", RelationKind.SUPPORT, 1.0),
    ]
    argument_map = ArgumentMap.from_analysis(Analysis(text, (), units, relations))
    text = to_argdown(argument_map)
    assert text.startswith("[a]: Fares are too high. #claim\n  <- [a]\n  <- [b]\n  <+ [b]\n")
    assert parse_argdown(text) == argdown_document(argument_map)


def test_argdown_reader_rejects_what_it_does_not_know() -> None:
    with pytest.raises(InvalidDocumentError, match="line 1: relation before a statement"):
        parse_argdown("  <+ [a]\n")
    with pytest.raises(InvalidDocumentError, match="line 2: not a statement"):
        parse_argdown("[a]: A.\n<argument>: text\n")


def test_dot_names_every_unit_and_relation(op_ed: ArgumentMap) -> None:
    dot = to_dot(op_ed)
    assert dot.startswith("digraph argument_map {")
    assert dot.count(" -> ") == len(op_ed.relations)
    assert 'label=undercut class="relation undercut"' in dot


def test_dot_labels_are_literal_text() -> None:
    tricky = 'a "quoted" \\l <b>html</b>\x00 end'
    unit = ArgumentUnit("<x>", 0, len(tricky), tricky, UnitRole.CLAIM, Stance.OPP, 1.0)
    argument_map = ArgumentMap.from_analysis(Analysis(tricky, (), [unit]))
    svg = SafeXML.fromstring(to_svg(argument_map).encode("utf-8"))
    texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
    assert "<x>" in texts
    assert '"quoted"' in texts
    assert "\\l" in texts
    assert "<b>html</b>" in texts


def test_svg_without_graphviz_is_a_typed_error(
    op_ed: ArgumentMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(GraphvizNotFoundError, match="apt-get install graphviz"):
        to_svg(op_ed)
    with pytest.raises(GraphvizNotFoundError):
        to_html(op_ed)
    assert to_dot(op_ed).startswith("digraph")  # DOT source needs no Graphviz


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_escapes_text_and_loads_nothing() -> None:
    hostile = '<script>alert("x")</script> & <img src="http://example.com/x.png"> done.'
    unit = ArgumentUnit('u"1', 0, len(hostile), hostile, UnitRole.CENTRAL_CLAIM, Stance.PRO, 1.0)
    page = to_html(ArgumentMap.from_analysis(Analysis(hostile, (), [unit])))
    parser = _Tags()
    parser.feed(page)
    names = {tag for tag, _attrs in parser.tags}
    assert "script" not in names
    assert "img" not in names
    assert "link" not in names
    fetching = [a for _t, attrs in parser.tags for k, a in attrs.items() if k in {"src", "href"}]
    assert fetching == []
    assert "&lt;script&gt;" in page
    assert any(attrs.get("data-unit") == 'u"1' for _t, attrs in parser.tags)


def test_html_report_of_the_op_ed(op_ed: ArgumentMap) -> None:
    page = to_html(op_ed, title="Free transit op-ed")
    assert "<title>Free transit op-ed</title>" in page
    for unit in op_ed.units:
        assert f'data-unit="{unit.id}"' in page
    assert page.count('class="badge badge-item" data-move="m1"') == 4  # First … Fourth
    for shaded in ("antecedent", "consequent", "concession-conceded", "contrast-preferred"):
        assert re.search(rf'<span class="[^"]*\b{shaded}\b[^"]*">', page), shaded
    assert ">concession</span>" in page
    assert ">contrast</span>" in page
    assert "announced 4, found 4" in page
    assert "answered by u8" in page
    assert "not answered" in page


runner = CliRunner()


def test_render_command_draws_a_saved_analysis(tmp_path: Path, op_ed: ArgumentMap) -> None:
    for output_format in ("svg", "html", "aif", "argdown", "dot"):
        target = tmp_path / f"map.{output_format}"
        result = runner.invoke(
            app, ["render", str(OP_ED), "--format", output_format, "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        assert target.read_text(encoding="utf-8").strip()
    assert read_map((tmp_path / "map.aif").read_text()).units == op_ed.units
    assert parse_argdown((tmp_path / "map.argdown").read_text()) == argdown_document(op_ed)
    default = runner.invoke(app, ["render", str(OP_ED)])
    assert default.exit_code == 0
    assert "<svg" in default.stdout


def test_render_command_reports_bad_input_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "argmine/1", "text": 3}', encoding="utf-8")
    result = runner.invoke(app, ["render", str(broken), "--format", "dot"])
    assert result.exit_code == 2
    assert result.stderr.startswith("argmine: error: ")
    assert result.stderr.count("\n") == 1


def test_render_without_graphviz_fails_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    result = runner.invoke(app, ["render", str(OP_ED), "--format", "html"])
    assert result.exit_code == 2
    assert "Graphviz's `dot` program is not installed" in result.stderr
    assert "Traceback" not in result.output


def test_analyze_writes_every_format_per_input(tmp_path: Path, op_ed: ArgumentMap) -> None:
    """Several CoNLL-U inputs (no Stanza needed) → DIR/<stem>.<format> in every format."""
    opening = op_ed.analysis.sentences[:4]  # a short text keeps the 14 runs quick
    conllu = to_conllu(ParsedText(op_ed.analysis.text[: opening[-1].end], opening))
    sources = [tmp_path / "first.conllu", tmp_path / "second.conllu"]
    for source in sources:
        source.write_text(conllu, encoding="utf-8")
    for output_format in ("json", "aif", "argdown", "dot", "svg", "html", "conllu"):
        out = tmp_path / "out"
        result = runner.invoke(
            app,
            [
                "analyze",
                *map(str, sources),
                "--input-format",
                "conllu",
                "--format",
                output_format,
                "-d",
                str(out),
            ],
        )
        assert result.exit_code == 0, result.output
        for stem in ("first", "second"):
            assert (out / f"{stem}.{output_format}").read_text(encoding="utf-8").strip()
    printed = runner.invoke(app, ["analyze", str(sources[0]), "--input-format", "conllu"])
    assert printed.exit_code == 0
    analysis = analysis_from_json(printed.stdout)
    assert to_json(ArgumentMap.from_analysis(analysis)) + "\n" == printed.stdout


@pytest.fixture(scope="module")
def analysed_fixtures(fixture_analyses: dict[str, Analysis]) -> dict[str, Analysis]:
    return fixture_analyses


@pytest.mark.parametrize("stem", [path.stem for path in FIXTURE_TEXTS])
def test_fixture_texts_end_to_end(analysed_fixtures: dict[str, Analysis], stem: str) -> None:
    """analyze → every format, for each bundled sample text."""
    analysis = analysed_fixtures[stem]
    assert analysis.units
    assert analysis.relations
    argument_map = ArgumentMap.from_analysis(analysis)
    outputs = {fmt: export(argument_map, fmt, timestamp=WHEN) for fmt in ExportFormat}
    assert from_json(outputs[ExportFormat.JSON]).analysis == analysis
    assert from_aif(outputs[ExportFormat.AIF]).relations == analysis.relations
    assert_aif_matches(argument_map, outputs[ExportFormat.AIF])
    assert parse_argdown(outputs[ExportFormat.ARGDOWN]) == argdown_document(argument_map)
    SafeXML.fromstring(outputs[ExportFormat.SVG].encode("utf-8"))
    assert outputs[ExportFormat.DOT].count(" -> ") == len(analysis.relations)
    assert all(f'data-unit="{u.id}"' in outputs[ExportFormat.HTML] for u in analysis.units)


def test_units_and_relations_survive_json_even_when_unusual() -> None:
    text = "Ban cars. Safer streets. Or not."
    units = [
        ArgumentUnit("claim", 0, 9, "Ban cars.", UnitRole.CENTRAL_CLAIM, Stance.PRO, 0.75),
        ArgumentUnit("why", 10, 24, "Safer streets.", UnitRole.PREMISE, None, 0.5),
        ArgumentUnit("no", 25, 32, "Or not.", UnitRole.PREMISE, Stance.OPP, 0.25),
    ]
    relations = [
        Relation("r1", "why", "claim", RelationKind.ADDITION, 0.5),
        Relation("r2", "no", "no", RelationKind.UNDERCUT, 0.125),  # a self-undercut
    ]
    argument_map = ArgumentMap.from_analysis(Analysis(text, (), units, relations))
    back = from_aif(to_aif(argument_map, timestamp=WHEN))
    assert back.analysis == argument_map.analysis
    assert back.labels["no"].value == "undecided"


def restating_map() -> ArgumentMap:
    """A thesis, its reason, an objection, and a conclusion that restates the thesis."""
    text = "Make buses free. Fares keep people off. Free is costly. So: free buses."
    pieces = ["Make buses free.", "Fares keep people off.", "Free is costly.", "So: free buses."]
    roles = [UnitRole.CENTRAL_CLAIM, UnitRole.PREMISE, UnitRole.PREMISE, UnitRole.CLAIM]
    units = [
        ArgumentUnit(f"u{n}", text.index(p), text.index(p) + len(p), p, role, Stance.PRO, 0.9)
        for n, (p, role) in enumerate(zip(pieces, roles, strict=True), start=1)
    ]
    relations = [
        Relation("r1", "u2", "u1", RelationKind.SUPPORT, 0.8),
        Relation("r2", "u3", "u4", RelationKind.ATTACK, 0.7),
        Relation("r3", "u4", "u1", RelationKind.RESTATEMENT, 0.6),
    ]
    return ArgumentMap.from_analysis(Analysis(text, (), units, relations))


def test_a_restatement_is_drawn_in_every_format() -> None:
    argument_map = restating_map()
    # AIF: an MA-node "Default Rephrase" from the restating unit to the restated one.
    graph = json.loads(to_aif(argument_map, timestamp=WHEN))
    (rephrase,) = [node for node in graph["nodes"] if node["type"] == "MA"]
    assert rephrase["text"] == "Default Rephrase"
    links = {(edge["fromID"], edge["toID"]) for edge in graph["edges"]}
    assert {("4", rephrase["nodeID"]), (rephrase["nodeID"], "1")} <= links
    assert from_aif(json.dumps(graph)).relations == argument_map.relations
    assert_aif_matches(argument_map, json.dumps(graph))
    # argmine JSON reads it back.
    assert from_json(to_json(argument_map)).relations == argument_map.relations
    # Argdown: the restatement shares the title of what it restates (one equivalence class).
    argdown = to_argdown(argument_map)
    assert "[u1]: So: free buses. #claim #pro" in argdown
    assert "[u4]" not in argdown
    assert "  <- [u3]" in argdown  # the attack on the restatement is on the class
    # DOT: a violet dashed edge with a hollow head, labelled and classed "restatement".
    dot = to_dot(argument_map)
    (edge,) = [line for line in dot.splitlines() if "n4 -> n1" in line]
    assert "label=restatement" in edge
    for attribute in ('color="#7c3aed"', "style=dashed", "arrowhead=empty"):
        assert attribute in edge
    # Acceptability: the objection defeats the restatement and with it the thesis.
    assert argument_map.labels["u1"] is argument_map.labels["u4"] is Label.OUT


def test_the_report_legend_shows_every_relation_kind() -> None:
    page = to_html(restating_map())
    legend = page[page.index('id="edge-legend"') : page.index('<div class="drawing">')]
    for kind in RelationKind:
        assert f'data-relation="{kind.value}"' in legend
    assert "border-top: 2px dashed #7c3aed" in legend
    row = page[page.index('<tr data-unit="u4">') :]
    assert "<td>u1</td>" in row[: row.index("</tr>")]  # "same as" column


def test_the_report_of_a_debate_checks_each_speaker(debate_map: ArgumentMap) -> None:
    page = to_html(debate_map, title="Debate")
    assert "A debate between SMITH, JONES" in page
    assert "No central claim was found" not in page
    assert re.search(r'data-speaker="JONES">.*?2 claims.*?1 with no reason given', page, re.S)
    assert 'data-unit="u4"><strong>u4</strong>: We need schools.' in page
