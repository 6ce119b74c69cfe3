"""The offline parser: real parses with the bundled model, other inputs, no network."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmine
from argmine.errors import (
    CorruptModelError,
    InputError,
    InvalidDocumentError,
    ModelNotFoundError,
)
from argmine.inputs import check_text
from argmine.parsing import (
    clear_cache,
    from_conllu,
    from_stanza,
    load_pipeline,
    parse,
    pipeline,
    resolve_source,
    to_conllu,
)
from argmine.parsing.convert import escape_spaces, unescape_spaces
from argmine.testing import texts, tokenized_parses
from argmine.types import Analysis, ParsedText

TEXT = (
    "Cities should ban cars from their centres. Streets would be safer, and the air "
    "would be cleaner.\n\nCritics say shops won't survive. But they're wrong: footfall "
    "rises when people can walk."
)


@pytest.fixture(scope="module")
def parsed() -> ParsedText:
    return parse(TEXT, parser="bundled")


def test_sentences_and_offsets_map_to_the_text(parsed: ParsedText) -> None:
    assert len(parsed.sentences) == 4
    assert parsed.text == TEXT
    for sentence in parsed.sentences:
        for token in sentence.tokens:
            surface = TEXT[token.start : token.end]
            # Words of a multi-word token either match a substring or span the token.
            assert (
                token.text.lower() in surface.lower()
                or len(surface) > len(token.text)
                or surface == token.text
            )
    first = parsed.sentences[0]
    assert TEXT[first.start : first.end] == "Cities should ban cars from their centres."


def test_heads_form_one_tree_per_sentence(parsed: ParsedText) -> None:
    for sentence in parsed.sentences:
        roots = [token for token in sentence.tokens if token.head == 0]
        assert len(roots) == 1
        for index in range(1, len(sentence.tokens) + 1):
            seen: set[int] = set()
            node = index
            while node:
                assert node not in seen
                seen.add(node)
                node = sentence.tokens[node - 1].head


def test_annotations_are_present_and_plausible(parsed: ParsedText) -> None:
    tokens = list(parsed.tokens)
    assert all(token.lemma and token.upos and token.deprel for token in tokens)
    by_text = {token.text: token for token in tokens}
    assert by_text["ban"].upos == "VERB"
    assert by_text["should"].upos == "AUX"
    assert by_text["Streets"].lemma == "street"
    assert by_text["Streets"].features["Number"] == "Plur"
    assert by_text["ban"].deprel == "root"


def test_contractions_are_split_into_words(parsed: ParsedText) -> None:
    forms = [token.text.lower() for token in parsed.tokens]
    assert "n't" in forms or "not" in forms
    assert "'re" in forms or "are" in forms


def test_stanza_document_input_gives_the_same_parse(parsed: ParsedText) -> None:
    doc = load_pipeline("bundled")(TEXT)
    assert parse(doc) == parsed
    assert from_stanza(doc) == parsed


def test_unparsed_stanza_document_is_rejected() -> None:
    import stanza

    with pytest.raises(InvalidDocumentError):
        from_stanza(stanza.Document([], text="Hi."))
    with pytest.raises(InvalidDocumentError):
        from_stanza(object())


def test_conllu_round_trip_keeps_the_parse(parsed: ParsedText) -> None:
    again = from_conllu(to_conllu(parsed))
    assert [
        s.tokens and [(t.text, t.head, t.deprel, t.upos) for t in s.tokens] for s in again.sentences
    ] == [[(t.text, t.head, t.deprel, t.upos) for t in s.tokens] for s in parsed.sentences]
    for sentence in again.sentences:
        for token in sentence.tokens:
            assert token.text.lower() in again.text[token.start : token.end].lower() or (
                token.end - token.start > 0
            )


def test_conllu_from_ud_keeps_text_lines_and_multiword_tokens(corpora: Path) -> None:
    sample = (corpora / "ud-english-ewt" / "en_ewt-ud-dev.conllu").read_text()
    blocks = sample.split("\n\n")[:60]
    parsed = from_conllu("\n\n".join(blocks) + "\n\n")
    assert len(parsed.sentences) == 60
    for sentence in parsed.sentences:
        for token in sentence.tokens:
            assert parsed.text[token.start : token.end]
    # every "# text" comment appears verbatim at its sentence's offsets
    texts = [line[9:] for line in "\n".join(blocks).splitlines() if line.startswith("# text = ")]
    assert [parsed.text[s.start : s.end] for s in parsed.sentences] == texts


@given(tokenized_parses())
def test_conllu_round_trip_is_exact(parsed: ParsedText) -> None:
    assert from_conllu(to_conllu(parsed)) == parsed


def analysable(text: str) -> bool:
    try:
        check_text(text)
    except InputError:
        return False
    return True


@settings(max_examples=8)  # a real parse takes about a second
@given(texts().filter(analysable))
def test_conllu_round_trip_of_a_real_parse_keeps_the_text(text: str) -> None:
    parsed = parse(text, parser="bundled")
    again = from_conllu(to_conllu(parsed))
    assert again.text == text
    assert again == parsed


def test_conllu_round_trip_analyses_every_fixture_alike(
    fixture_texts: dict[str, str], fixture_analyses: dict[str, Analysis]
) -> None:
    for stem, text in fixture_texts.items():
        parsed = parse(text, parser="bundled")
        again = from_conllu(to_conllu(parsed))
        assert again.text == text, stem
        assert argmine.analyze_parsed(again) == fixture_analyses[stem], stem


def test_conllu_keeps_paragraphs_runs_of_spaces_and_edges() -> None:
    text = "  Cities should ban cars.  Streets\twould be safer.\n\n\nShops won't close.\n"
    conllu = to_conllu(parse(text, parser="bundled"))
    assert conllu.startswith("# newdoc\n")
    assert "# newpar" in conllu
    assert "SpacesBefore=\\s\\s" in conllu
    assert "SpacesAfter=\\n\\n\\n" in conllu
    assert from_conllu(conllu).text == text


@given(st.text())
def test_misc_space_escapes_round_trip(spaces: str) -> None:
    escaped = escape_spaces(spaces)
    assert unescape_spaces(escaped) == spaces
    assert not any(char.isspace() or char in "|=_" for char in escaped)


def test_stanza_style_misc_is_read() -> None:
    conllu = (
        "# text = Hi.\n"
        "1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No|SpacesBefore=\\n\n"
        "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tSpacesAfter=\\n\\n\n\n"
        "# text = Bye.\n"
        "1\tBye\tbye\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\tSpacesAfter=\\u00A0\n\n"
    )
    parsed = from_conllu(conllu)
    assert parsed.text == "\nHi.\n\nBye.\u00a0"
    assert [parsed.text[s.start : s.end] for s in parsed.sentences] == ["Hi.", "Bye."]


def test_conllu_without_space_misc_joins_sentences_as_before() -> None:
    conllu = (
        "# text = Hi there.\n"
        "1\tHi\thi\tINTJ\t_\t_\t2\tdiscourse\t_\t_\n"
        "2\tthere\tthere\tADV\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "3\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_\n\n"
        "# text = Bye.\n"
        "1\tBye\tbye\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n"
        "# newpar\n"
        "# text = Again.\n"
        "1\tAgain\tagain\tADV\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n\n"
    )
    assert from_conllu(conllu).text == "Hi there.\nBye.\n\nAgain."


@pytest.mark.parametrize(
    "bad",
    [
        "1\tHi\thi\tINTJ\t_\t_\tX\troot\t_\t_\n\n",
        "# text = Hi there\n1\tHello\thello\tINTJ\t_\t_\t0\troot\t_\t_\n\n",
        "1\tHi\thi\tINTJ\t_\t_\t2\tdep\t_\t_\n2\tyou\tyou\tPRON\t_\t_\t1\tdep\t_\t_\n\n",
    ],
)
def test_malformed_conllu_is_a_typed_error(bad: str) -> None:
    with pytest.raises(InvalidDocumentError):
        from_conllu(bad)


def test_parsing_never_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise AssertionError("argmine tried to open a network connection")

    clear_cache()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    try:
        result = parse("Offline parsing must work. Nothing is downloaded.")
    finally:
        clear_cache()
    assert len(result.sentences) == 2


def test_auto_uses_the_bundled_model_without_official_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    monkeypatch.delenv("ARGMINE_PARSER", raising=False)
    assert resolve_source("auto") == "bundled"
    with pytest.raises(ModelNotFoundError, match="official"):
        load_pipeline("official")


def test_auto_prefers_installed_official_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "resources.json").write_text("{}")
    for name in ("tokenize", "pos", "lemma", "depparse"):
        (tmp_path / "en" / name).mkdir(parents=True)
        (tmp_path / "en" / name / "combined.pt").write_bytes(b"")
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert resolve_source("auto") == "official"
    monkeypatch.setenv("ARGMINE_PARSER", "bundled")
    assert resolve_source(None) == "bundled"


def test_corrupted_model_file_is_a_model_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "stanza"
    shutil.copytree(pipeline.bundled_model_dir(), copy)
    (copy / "en" / "parser.pt").write_bytes(b"this is not a torch file")
    monkeypatch.setattr(pipeline, "bundled_model_dir", lambda: copy)
    clear_cache()
    try:
        with pytest.raises(CorruptModelError, match="could not load"):
            load_pipeline("bundled")
        (copy / "en" / "parser.pt").unlink()
        clear_cache()
        with pytest.raises(ModelNotFoundError, match=r"parser\.pt"):
            load_pipeline("bundled")
    finally:
        clear_cache()
