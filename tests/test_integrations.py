"""argmine inside Stanza and spaCy pipelines, and on CoNLL-U from other parsers.

Every pipeline here parses with the bundled model, offline; each result must equal
``argmine.analyze`` on the same text.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import argmine
from argmine.cli import app
from argmine.errors import InvalidDocumentError, ModelNotFoundError
from argmine.parsing import from_conllu, official_models_present, to_conllu
from argmine.types import Analysis, ParsedText, Sentence, Token
from conftest import require

# One sentence per line, so CoNLL-U (sentences joined by newlines) keeps the text as is.
TEXT = (
    "Cities should ban cars, because streets would be safer.\n"
    "But some people don't agree: they need them."
)


@pytest.fixture(scope="module")
def expected() -> Analysis:
    return argmine.analyze(TEXT, parser="bundled")


# -- Stanza ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stanza_pipeline() -> Any:
    import stanza

    from argmine.integrations.stanza import pipeline_kwargs

    return stanza.Pipeline(
        "en",
        processors="tokenize,pos,lemma,depparse,argmine",
        logging_level="ERROR",
        **pipeline_kwargs("bundled"),
    )


def test_stanza_processor_puts_the_analysis_on_the_document(
    stanza_pipeline: Any, expected: Analysis
) -> None:
    doc = stanza_pipeline(TEXT)
    assert doc.argmine == expected
    assert expected.moves  # the text has moves, so the comparison is not vacuous


def test_analyze_doc_takes_a_document_parsed_elsewhere(
    stanza_pipeline: Any, expected: Analysis
) -> None:
    assert argmine.analyze_doc(stanza_pipeline(TEXT)) == expected


def test_analyze_doc_refuses_text_and_unparsed_documents() -> None:
    import stanza

    with pytest.raises(InvalidDocumentError, match=r"argmine\.analyze"):
        argmine.analyze_doc(TEXT)
    with pytest.raises(InvalidDocumentError, match="tokenize,pos,lemma,depparse"):
        argmine.analyze_doc(stanza.Document([], text=TEXT))


def test_stanza_processor_needs_a_parse() -> None:
    import stanza
    from stanza.pipeline.core import PipelineRequirementsException

    from argmine.integrations.stanza import pipeline_kwargs

    kwargs = {
        key: value
        for key, value in pipeline_kwargs("bundled").items()
        if not key.endswith("model_path") or key.startswith("tokenize")
    }
    with pytest.raises(PipelineRequirementsException, match="depparse"):
        stanza.Pipeline("en", processors="tokenize,argmine", logging_level="ERROR", **kwargs)


def test_official_kwargs_need_the_official_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from argmine.integrations.stanza import pipeline_kwargs

    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelNotFoundError, match=r"stanza\.download"):
        pipeline_kwargs("official")


@pytest.mark.skipif(
    not official_models_present(), reason="official Stanza English models are not installed"
)
def test_stanza_processor_with_the_official_models() -> None:
    import stanza

    from argmine.integrations.stanza import pipeline_kwargs

    nlp = stanza.Pipeline(
        "en",
        processors="tokenize,pos,lemma,depparse,argmine",
        logging_level="ERROR",
        **pipeline_kwargs("official"),
    )
    assert nlp(TEXT).argmine == argmine.analyze(TEXT, parser="official")


# -- CoNLL-U -------------------------------------------------------------------------------

HANDMADE = (
    "# newdoc id = d1\n"
    "# text = We don't agree.\n"
    "1\tWe\twe\tPRON\t_\tCase=Nom|Number=Plur|Person=1|PronType=Prs\t3\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\t_\tMood=Ind|Tense=Pres|VerbForm=Fin\t3\taux\t_\t_\n"
    "3\tn't\tnot\tPART\t_\t_\t4\tadvmod\t_\t_\n"
    "4\tagree\tagree\tVERB\t_\tVerbForm=Inf\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t_\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# newpar\n"
    "# text = Fine (really).\n"
    "1\tFine\tfine\tADJ\t_\tDegree=Pos\t0\troot\t_\t_\n"
    "2\t(\t(\tPUNCT\t_\t_\t3\tpunct\t_\tSpaceAfter=No\n"
    "3\treally\treally\tADV\t_\t_\t1\tadvmod\t_\tSpaceAfter=No\n"
    "4\t)\t)\tPUNCT\t_\t_\t3\tpunct\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
    "\n"
)


def test_conllu_offsets_point_into_the_text_lines() -> None:
    parsed = from_conllu(HANDMADE)
    assert parsed.text == "We don't agree.\n\nFine (really)."
    spans = [(parsed.text[t.start : t.end], t.text) for t in parsed.tokens]
    assert spans == [
        ("We", "We"),
        ("do", "do"),
        ("n't", "n't"),
        ("agree", "agree"),
        (".", "."),
        ("Fine", "Fine"),
        ("(", "("),
        ("really", "really"),
        (")", ")"),
        (".", "."),
    ]
    assert [parsed.text[s.start : s.end] for s in parsed.sentences] == [
        "We don't agree.",
        "Fine (really).",
    ]


def test_conllu_of_a_parse_analyses_like_the_text(expected: Analysis) -> None:
    assert argmine.analyze_parsed(from_conllu(to_conllu(expected.parsed))) == expected


def test_cli_reads_conllu_from_another_parser(expected: Analysis, tmp_path: Path) -> None:
    source = tmp_path / "doc.conllu"
    source.write_text(to_conllu(expected.parsed), encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", "--input-format", "conllu", str(source)])
    assert result.exit_code == 0, result.stderr
    assert argmine.from_json(result.stdout) == expected


# -- spaCy ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def nlp() -> Any:
    require("spacy", "spacy")
    from argmine.integrations.spacy import spacy_pipeline

    return spacy_pipeline(parser="bundled")


def test_spacy_component_equals_analyze(nlp: Any, expected: Analysis) -> None:
    doc = nlp(TEXT)
    assert doc.text == TEXT
    assert doc._.argmine == expected
    assert argmine.analyze_doc(doc) == expected


def test_spacy_spans_carry_units_and_moves(nlp: Any, expected: Analysis) -> None:
    doc = nlp(TEXT)
    moves = doc._.argmine_moves
    assert [span._.argmine_move for span in moves] == list(expected.moves)
    for span, move in zip(moves, expected.moves, strict=True):
        assert (span.start_char, span.end_char) == (move.start, move.end)
        assert span.label_ == move.kind.value
    units = doc._.argmine_units
    assert [span._.argmine_unit for span in units] == list(expected.units)
    assert doc[0:2]._.argmine_move is None


def test_spacy_doc_serialises_with_its_analysis(nlp: Any, expected: Analysis) -> None:
    from spacy.tokens import DocBin

    stored = DocBin(store_user_data=True, docs=[nlp(TEXT)]).to_bytes()
    (again,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert again._.argmine == expected


def test_spacy_pipeline_saves_and_loads(nlp: Any, tmp_path: Path) -> None:
    import spacy

    from argmine.integrations.spacy import StanzaTokenizer

    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["argmine"]
    assert isinstance(loaded.tokenizer, StanzaTokenizer)
    assert loaded.tokenizer.parser == "bundled"


def test_spacy_finds_the_factory_through_its_entry_point() -> None:
    require("spacy", "spacy")
    script = "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('argmine'); print(nlp.pipe_names)"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['argmine']"


def test_spacy_doc_without_a_parse_is_refused() -> None:
    spacy = require("spacy", "spacy")
    from argmine.integrations.spacy import ArgmineComponent

    with pytest.raises(InvalidDocumentError, match="POS"):
        ArgmineComponent()(spacy.blank("en")("Cars are loud."))


def test_spacy_doc_keeps_odd_whitespace() -> None:
    require("spacy", "spacy")
    from spacy.vocab import Vocab

    from argmine.integrations.spacy import doc_from_parsed, doc_to_parsed

    def word(start: int, text: str, lemma: str, upos: str, head: int, deprel: str) -> Token:
        return Token(start, start + len(text), text, lemma, upos, None, head, deprel)

    text = "  Stop.\n\n Now  go!  "
    parsed = ParsedText(
        text,
        [
            Sentence(
                2,
                7,
                [
                    word(2, "Stop", "stop", "VERB", 0, "root"),
                    word(6, ".", ".", "PUNCT", 1, "punct"),
                ],
            ),
            Sentence(
                10,
                18,
                [
                    word(10, "Now", "now", "ADV", 2, "advmod"),
                    word(15, "go", "go", "VERB", 0, "root"),
                    word(17, "!", "!", "PUNCT", 2, "punct"),
                ],
            ),
        ],
    )
    doc = doc_from_parsed(Vocab(), parsed)
    assert doc.text == text
    assert doc_to_parsed(doc) == parsed


def test_spacy_stanza_pipeline_with_the_bundled_model(expected: Analysis) -> None:
    """spacy-stanza pins stanza<1.7 in its metadata, so pip cannot install it with argmine's
    Stanza 1.15; its code works with it (install it with ``pip install --no-deps``)."""
    require("spacy", "spacy")
    try:
        import spacy_stanza
    except ImportError:
        pytest.skip("spacy-stanza is not installed (its stanza<1.7 pin conflicts with argmine's)")
    import argmine.integrations.spacy  # noqa: F401  (registers the factory)
    from argmine.parsing.pipeline import bundled_pipeline_kwargs

    kwargs = bundled_pipeline_kwargs()
    directory = kwargs.pop("dir")
    nlp = spacy_stanza.load_pipeline(
        "en",
        dir=directory,
        processors="tokenize,mwt,pos,lemma,depparse",
        use_gpu=False,
        logging_level="ERROR",
        **kwargs,
    )
    nlp.add_pipe("argmine")
    assert nlp(TEXT)._.argmine == expected
