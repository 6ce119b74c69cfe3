"""argmine inside other NLP pipelines: a Stanza processor and a spaCy component.

:func:`analyze_doc` analyses a document another pipeline already parsed, without parsing
again. The submodules import their library: ``argmine.integrations.stanza`` registers the
``argmine`` Stanza processor, ``argmine.integrations.spacy`` the ``argmine`` spaCy factory.
"""

from __future__ import annotations

from typing import Any

from argmine.errors import InvalidDocumentError
from argmine.parsing.convert import from_stanza
from argmine.pipeline import analyze_parsed
from argmine.types import Analysis


def analyze_doc(doc: Any) -> Analysis:
    """Analyse a parsed ``stanza.Document`` or spaCy ``Doc`` (UD labels) without re-parsing.

    The document needs tokens, POS tags, lemmas and dependencies (Stanza's
    ``tokenize,pos,lemma,depparse``); one without them is an
    :class:`~argmine.errors.InvalidDocumentError`.

    >>> import stanza, argmine                                        # doctest: +SKIP
    >>> nlp = stanza.Pipeline("en", processors="tokenize,pos,lemma,depparse")  # doctest: +SKIP
    >>> argmine.analyze_doc(nlp(text)) == argmine.analyze(text)       # doctest: +SKIP
    True
    """
    if _is_spacy_doc(doc):
        from argmine.integrations.spacy import doc_to_parsed

        return analyze_parsed(doc_to_parsed(doc))
    if isinstance(doc, str | bytes | bytearray) or not hasattr(doc, "sentences"):
        raise InvalidDocumentError(
            f"expected a parsed stanza.Document or spaCy Doc, got {type(doc).__name__}; "
            "use argmine.analyze for text"
        )
    return analyze_parsed(from_stanza(doc))


def _is_spacy_doc(doc: Any) -> bool:
    return type(doc).__module__.startswith("spacy.") and hasattr(doc, "vocab")


__all__ = ["analyze_doc"]
