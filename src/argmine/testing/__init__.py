"""Hypothesis strategies for argmine's types, for property-testing code that uses them.

Only this subpackage needs Hypothesis (``pip install 'argmine[dev]'``); ``import argmine``
never imports it, so Hypothesis stays a test-time dependency.

>>> from hypothesis import given
>>> from argmine.testing import analyses
>>> @given(analyses())
... def test_my_exporter(analysis): ...
"""

from __future__ import annotations

from argmine.testing.strategies import (
    analyses,
    argument_units,
    causes,
    concessions,
    conclusions,
    conditionals,
    confidences,
    contrasts,
    enumerations,
    exemplifications,
    identifiers,
    moves,
    parsed_texts,
    reformulations,
    relations,
    sentences,
    spans,
    texts,
    tokenized_parses,
    tokens,
)

__all__ = [
    "analyses",
    "argument_units",
    "causes",
    "concessions",
    "conclusions",
    "conditionals",
    "confidences",
    "contrasts",
    "enumerations",
    "exemplifications",
    "identifiers",
    "moves",
    "parsed_texts",
    "reformulations",
    "relations",
    "sentences",
    "spans",
    "texts",
    "tokenized_parses",
    "tokens",
]
