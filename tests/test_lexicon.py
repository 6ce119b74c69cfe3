"""The one marker lexicon (``moves/markers.toml``): it loads, every phrase with a detector
frame is found by the detector, a malformed file fails with a typed error, and no consumer
keeps its own list of markers."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import argmine
from argmine.errors import LexiconError
from argmine.moves import detect, enumeration
from argmine.moves.lexicon import FRAMES, Marker, default_lexicon, read_lexicon
from argmine.training.corpora import gum
from argmine.types import ParsedText, Sentence, Token

LEXICON = default_lexicon()
SOURCE = Path(argmine.__file__).parent


def _sentence(words: list[str]) -> ParsedText:
    """A hand-made parse of ``words``: every word hangs on the last content word."""
    tokens, offset = [], 0
    root = len(words) - 1  # the word before the final "."
    for index, word in enumerate(words, start=1):
        head = 0 if index == root else root
        relation = "root" if index == root else "punct" if word in {",", "."} else "advmod"
        tokens.append(Token(offset, offset + len(word), word, word, "X", None, head, relation))
        offset += len(word) + 1
    text = " ".join(words)
    return ParsedText(text, (Sentence(0, len(text), tuple(tokens)),))


def _found(marker: Marker) -> bool:
    """Whether the detector finds ``marker`` opening "<marker> , we act ." as itself."""
    words = marker.phrase.split()
    found = detect._Detector(_sentence([*words, ",", "we", "act", "."]))
    ids = tuple(range(1, len(words) + 1))
    if marker.frame == "ordinal":
        relative = {"next": enumeration._NEXT, "last": enumeration._LAST}
        value = relative.get(str(marker.ordinal), marker.ordinal)
        return found.ordinals[0].get(1) == (value, len(words))
    matched = [match for match in found.matches[0] if match.ids == ids]
    return (
        len(matched) == 1
        and matched[0].phrase == marker.phrase
        and detect._LEXICON[words[0]][marker.phrase] is detect._FRAMES[str(marker.frame)]
    )


def test_the_shipped_lexicon_loads_and_every_frame_has_a_rule() -> None:
    assert len(LEXICON.markers) > 150
    assert {marker.frame for marker in LEXICON if marker.frame} == FRAMES
    assert set(detect._FRAMES) == FRAMES - {"ordinal"}


@pytest.mark.parametrize(
    "marker", [marker for marker in LEXICON if marker.frame], ids=lambda marker: marker.phrase
)
def test_every_phrase_with_a_frame_is_matched_by_the_detector(marker: Marker) -> None:
    assert _found(marker)


def test_markers_with_a_fixed_sense_or_a_conclusion_are_all_detected() -> None:
    """The drift issue 14 named: fixed senses never matched, conclusion lists that differed."""
    for phrase in ("overall", "in short", "given that", "on the contrary", "conversely"):
        assert LEXICON[phrase].frame not in (None, "ignore")
    assert all(marker.frame for marker in LEXICON if marker.sense is not None)
    detected = {
        phrase for entries in detect._LEXICON.values() for phrase, rule in entries.items()
        if rule is detect._FRAMES["conclusion"]
    }  # fmt: skip
    assert detected == gum.CONCLUSION_MARKERS


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('[markers\n"if" = {}', "Expected"),
        ('[other]\n"if" = {}', "[markers]"),
        ('[markers]\n"If" = { frame = "conditional", kinds = ["conditional"] }', "lower-cased"),
        ('[markers]\n"if" = { frame = "conditionl", kinds = ["conditional"] }', "unknown frame"),
        ('[markers]\n"if" = { kinds = ["conditional"] }', "kinds need such a frame"),
        ('[markers]\n"if" = { frame = "conditional", kinds = ["maybe"] }', "unknown move kind"),
        ('[markers]\n"if" = { frame = "conditional", kinds = ["conditional"], x = 1 }', "unknown"),
        ('[markers]\n"if" = { frame = "why", kinds = ["conclusion"], sense = "cause" }', "sense"),
        ('[markers]\n"first" = { frame = "ordinal", kinds = ["enumeration"] }', "ordinal"),
        ('[markers]\n"x" = { frame = "ordinal", kinds = ["enumeration"], ordinal = 11 }', "1-10"),
        ('[markers]\n"if" = { roles = ["classifed"] }', "unknown roles"),
        ('[markers]\n"if" = { structure = "reason" }', "structure"),
        ('[markers]\n"if" = { ambiguous = "yes" }', "wrong type"),
        ('[markers]\n"if" = 3', "table"),
    ],
)
def test_a_malformed_lexicon_raises_a_lexicon_error(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "markers.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=problem) as raised:
        read_lexicon(path)
    assert raised.value.path == path


def test_a_missing_lexicon_raises_a_lexicon_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconError):
        read_lexicon(tmp_path / "absent.toml")


def test_a_new_marker_is_one_line(tmp_path: Path) -> None:
    shipped = Path(detect.__file__).with_name("markers.toml").read_text(encoding="utf-8")
    line = '"all told" = { kinds = ["conclusion"], frame = "conclusion", structure = "result" }\n'
    path = tmp_path / "markers.toml"
    path.write_text(shipped + line, encoding="utf-8")
    extended = read_lexicon(path)
    assert extended.phrases(frame="conclusion") == LEXICON.phrases(frame="conclusion") | {
        "all told"
    }


#: Modules that read markers; none may spell out a list of them (as a collection or as a
#: regex's alternatives). Exempt: the concession model's feature vocabulary in
#: ``moves/senses.py`` (``_CONCESSIVE_WORDS``), which issue 14's item 5 owns, and the function
#: words a heading cannot end with (``layout.DANGLING_WORDS``), which are no markers.
CONSUMERS = [
    *sorted((SOURCE / "moves").glob("*.py")),
    *sorted((SOURCE / "structure").glob("*.py")),
    SOURCE / "layout.py",
    SOURCE / "segment.py",
    SOURCE / "text" / "tree.py",
    SOURCE / "training" / "corpora" / "gum.py",
    SOURCE / "training" / "senses.py",
]
EXEMPT = {("senses.py", "_CONCESSIVE_WORDS"), ("layout.py", "DANGLING_WORDS")}


def _alternatives(pattern: str) -> list[str]:
    """The words of a regex's ``a|b|c`` alternatives, lower-cased ("in\\s+short" → "in short")."""
    words = (re.sub(r"\\[sbw]\+?|[^a-z' ]", " ", part.lower()) for part in pattern.split("|"))
    return [" ".join(part.split()) for part in words]


def _marker_literals(path: Path) -> list[tuple[int, list[str]]]:
    """(line, phrases) of every literal collection or regex alternation in ``path`` holding
    3+ lexicon phrases."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {name for module, name in EXEMPT if module == path.name}
    exempt: set[int] = set()
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        named = isinstance(node, ast.FunctionDef) and node.name in names
        if named or any(isinstance(t, ast.Name) and t.id in names for t in targets):
            exempt.update(id(inner) for inner in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            phrases = [word for word in _alternatives(node.value) if word in LEXICON]
            if len(phrases) >= 3:
                found.append((node.lineno, phrases))
            continue
        if isinstance(node, ast.Set | ast.List | ast.Tuple):
            elements = node.elts
        elif isinstance(node, ast.Dict):
            elements = [key for key in node.keys if key is not None]
        else:
            continue
        phrases = [
            element.value
            for element in elements
            if isinstance(element, ast.Constant)
            and isinstance(element.value, str)
            and element.value in LEXICON
        ]
        if len(phrases) >= 3:
            found.append((node.lineno, phrases))
    return found


@pytest.mark.parametrize("path", CONSUMERS, ids=lambda path: path.name)
def test_no_consumer_keeps_its_own_marker_list(path: Path) -> None:
    assert path.is_file()
    assert _marker_literals(path) == []


def test_the_scan_finds_a_marker_list(tmp_path: Path) -> None:
    path = tmp_path / "module.py"
    path.write_text('WORDS = frozenset({"because", "since", "although", "table"})\n')
    assert _marker_literals(path) == [(1, ["because", "since", "although"])]
    path.write_text('PATTERN = re.compile(r"^\\W*(?:in\\s+short|hence|thus|table)\\b")\n')
    assert _marker_literals(path) == [(1, ["in short", "hence", "thus"])]
