"""Research side, never imported by ``import argmine``: metrics, evaluation protocols and
tables next to the published figures (microtexts, segmentation, marker senses, AbstRCT)."""
