"""Typed readers for the argumentation corpora in ``shared/corpora``.

Each reader checks its files as it goes and raises :class:`~argmine.errors.CorpusError`,
naming the file and the problem, instead of skipping what it cannot read.
"""

from __future__ import annotations

import os
from pathlib import Path

from argmine.training.corpora.abstrct import (
    AbstrctAbstract,
    AbstrctComponent,
    AbstrctCorpus,
    AbstrctRelation,
    AbstrctSentence,
    AbstrctSplit,
    ComponentLabel,
    RelationLabel,
    iter_sentences,
    read_abstrct,
)
from argmine.training.corpora.microtexts import (
    AduFunction,
    AduType,
    EdgeType,
    FoldSplit,
    Microtext,
    MicrotextAdu,
    MicrotextEdge,
    MicrotextEdu,
    ScoredTree,
    TextStance,
    UnstatedEdu,
    iter_microtexts,
    read_folds,
    read_microtext,
)

__all__ = [
    "AbstrctAbstract",
    "AbstrctComponent",
    "AbstrctCorpus",
    "AbstrctRelation",
    "AbstrctSentence",
    "AbstrctSplit",
    "AduFunction",
    "AduType",
    "ComponentLabel",
    "EdgeType",
    "FoldSplit",
    "Microtext",
    "MicrotextAdu",
    "MicrotextEdge",
    "MicrotextEdu",
    "RelationLabel",
    "ScoredTree",
    "TextStance",
    "UnstatedEdu",
    "corpora_root",
    "iter_microtexts",
    "iter_sentences",
    "read_abstrct",
    "read_folds",
    "read_microtext",
]


def corpora_root() -> Path:
    """Where the corpora are: ``$ARGMINE_CORPORA`` if set (used as is, even if missing).

    Otherwise ``../shared/corpora`` from the working directory, or failing that from the
    repository root, so it works from a checkout next to ``shared/``. When neither exists the
    working-directory path is returned, for the caller's "not found" message.
    """
    configured = os.environ.get("ARGMINE_CORPORA")
    if configured:
        return Path(configured)
    from_cwd = Path.cwd().parent / "shared" / "corpora"
    from_repository = Path(__file__).parents[4].parent / "shared" / "corpora"
    return from_repository if not from_cwd.is_dir() and from_repository.is_dir() else from_cwd
