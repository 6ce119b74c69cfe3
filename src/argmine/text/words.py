"""Word lists that more than one stage reads, kept in one place."""

from __future__ import annotations

#: Lemmas of the English modal auxiliaries.
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})
#: Modal surface forms that are no lemma: "'ll" (will) and "ca" (the first half of "can't").
MODAL_CONTRACTIONS = frozenset({"'ll", "ca"})
#: Verbs that work as modals in "ought to", "need not" (unit features count them as modals).
SEMI_MODALS = frozenset({"ought", "need"})
