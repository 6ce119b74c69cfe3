"""The whole pipeline in one call: text → parse → layout → moves → units → relations →
Analysis.

Each later stage reads the parse and writes one layer; this module only wires them in the
one-way order the data flows.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from typing import Any

from argmine.errors import ModelError
from argmine.layout import detect_layout, without_layout
from argmine.moves import detect_moves
from argmine.moves.detect import default_senses
from argmine.parsing import ParserSource, parse
from argmine.segment import segment
from argmine.structure.attachment import AttachmentModel
from argmine.structure.document import predict_document, uses_document_structure
from argmine.structure.models import StructureModel, load_model
from argmine.structure.roles import shipped_roles_model
from argmine.structure.units import argumentative_units, is_transcript, shipped_units_model
from argmine.types import Analysis, AnyMove, Layout, ParsedText, Span


def analyze(
    document: str | bytes | Any,
    *,
    parser: ParserSource | None = None,
    allow_download: bool = False,
) -> Analysis:
    """Analyse a text, ``stanza.Document`` or :class:`ParsedText` into an :class:`Analysis`.

    >>> analysis = analyze("We should act now. The costs of waiting are rising.")  # doctest: +SKIP
    >>> analysis.schema
    'argmine/1'
    """
    loading = _models_loading()
    parsed = parse(document, parser=parser, allow_download=allow_download)
    loading.join()
    return analyze_parsed(parsed)


@functools.cache
def _models_loading() -> threading.Thread:
    """Load argmine's own models in a thread, once per process, while Stanza loads and parses.

    Reading the model arrays is time that the first analysis would otherwise wait for after
    the parse; the parser spends much of its time in torch, which
    lets the other thread run. A model that fails to load fails again, with its typed error,
    when :func:`analyze_parsed` asks for it.
    """
    thread = threading.Thread(target=_load_models, name="argmine-models", daemon=True)
    thread.start()
    return thread


def _load_models() -> None:
    with contextlib.suppress(ModelError):
        bundled_structure_model()
    with contextlib.suppress(ModelError):
        default_senses()
    with contextlib.suppress(ModelError):
        shipped_roles_model()


@functools.cache
def bundled_structure_model() -> StructureModel:
    """The bundled argument-structure model, loaded once per process."""
    return load_model()


def document_segments(parsed: ParsedText) -> tuple[Layout, tuple[AnyMove, ...], tuple[Span, ...]]:
    """The layout, the moves and the candidate unit spans (segments off the layout lines).

    A written document that takes the document path is segmented as written
    (:func:`argmine.segment.segment`), a transcript or a short text finer."""
    layout = detect_layout(parsed.text)
    moves = detect_moves(parsed, layout=layout)
    spans = without_layout(parsed.text, segment(parsed), layout)
    if uses_document_structure(spans, layout) and not is_transcript(layout):
        written = without_layout(parsed.text, segment(parsed, written=True), layout)
        if uses_document_structure(written, layout):
            spans = written
    return layout, moves, spans


def analyze_parsed(
    parsed: ParsedText,
    *,
    structure_model: StructureModel | None = None,
    attachment_model: AttachmentModel | None = None,
) -> Analysis:
    """Run argmine's own stages on a parse (no parser needed: CoNLL-U input comes here).

    ``structure_model`` replaces the bundled microtext model (cross-validation runs each
    split's model through this same code path), ``attachment_model`` the shipped
    turn-attachment model of transcripts (tuning runs each candidate through it).
    """
    layout, moves, spans = document_segments(parsed)
    if not spans:
        return Analysis.from_parsed(parsed, moves=moves, layout=layout)
    model = structure_model if structure_model is not None else bundled_structure_model()
    if uses_document_structure(spans, layout):
        if is_transcript(layout):
            units_model = shipped_units_model()
            spans = tuple(
                argumentative_units(units_model, parsed, spans, moves=moves, layout=layout)
            )
        units, relations = predict_document(
            model, parsed, spans, moves=moves, layout=layout, attachment=attachment_model
        )
    else:
        units, relations = model.predict(parsed, spans, moves=moves)
    return Analysis.from_parsed(
        parsed, units=units, relations=relations, moves=moves, layout=layout
    )
