"""Text helpers every stage shares: dependency-tree queries and paragraphs
(:mod:`argmine.text.tree`) and word lists (:mod:`argmine.text.words`)."""
