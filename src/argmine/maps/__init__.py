"""Argument maps: the units and relations of an analysis as a graph you can query.

>>> from argmine.maps import ArgumentMap
>>> argument_map = ArgumentMap.from_analysis(analysis)  # doctest: +SKIP
>>> argument_map.central_claim, argument_map.unsupported_claims()  # doctest: +SKIP

Acceptability follows Dung's grounded semantics over the attack relations
(:mod:`argmine.maps.acceptability`); :func:`feedback` reads the findings a report shows.
"""

from __future__ import annotations

from argmine.maps.acceptability import Label, grounded_labelling
from argmine.maps.argument_map import ArgumentMap
from argmine.maps.feedback import (
    EnumerationCheck,
    Feedback,
    ObjectionCheck,
    SpeakerCheck,
    feedback,
    objections,
    speaker_checks,
)

__all__ = [
    "ArgumentMap",
    "EnumerationCheck",
    "Feedback",
    "Label",
    "ObjectionCheck",
    "SpeakerCheck",
    "feedback",
    "grounded_labelling",
    "objections",
    "speaker_checks",
]
