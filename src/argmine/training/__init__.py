"""Research side, never imported by ``import argmine``: corpus readers, training data and the
trainers of every bundled model (parser, marker senses, structure, AbstRCT)."""
