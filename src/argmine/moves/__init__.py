"""Rhetorical moves: the rule-based move detector and the marker-sense classifier it uses."""

from argmine.moves.detect import detect_moves

__all__ = ["detect_moves"]
