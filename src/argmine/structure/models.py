"""The argument-structure model that argmine runs: five local classifiers and the decoder.

Following Peldszus & Stede (2015), :class:`StructureModel` scores

* ``cc``: is the unit the central claim (binary)?
* ``ro``: is the unit the opponent's (``opp``) or the proponent's (``pro``)?
* ``fu``: does a unit that is not the central claim attack (``att``) or support (``sup``)?
* ``attack``: is an attack a rebuttal (``reb``) or an undercut (``und``)? (on the pair of the
  attacking unit and the unit it attaches to)
* ``at``: does unit ``i`` attach to unit ``j``? (every ordered pair)

and decodes their probabilities into one tree with :func:`argmine.structure.decoder.decode`.
The classifiers are logistic regressions trained with scikit-learn by
:class:`argmine.training.structure_model.ArgumentStructureModel`; argmine runs them as arrays
(:mod:`argmine.linear`), so analysing a text imports neither scikit-learn nor skops.

What :meth:`StructureModel.predict` returns:

* one :class:`~argmine.types.ArgumentUnit` per input span, ids ``u1``, ``u2``, ... in the
  given order. ``role``: ``central_claim`` for the decoded root; ``claim`` for any other unit
  that some unit supports or attacks (an intermediate conclusion or an objection that is
  itself countered); ``premise`` for the rest (the leaves of the tree). ``stance``: the role
  in the tree, ``pro`` (the proponent's voice) or ``opp`` (the opponent's), derived from the
  tree so that every attack switches it. ``confidence``: for the central claim the ``cc``
  probability; for other units ``(1 - P(cc)) * P(role)``.
* one :class:`~argmine.types.Relation` per non-root unit, ids ``r1``, ... from that unit to
  the unit it attaches to, with kind ``support``, ``rebut`` or ``undercut``. As in
  evidencegraph, an undercut points at the *source* unit of the relation it attacks.
  ``confidence``: ``P(at) * P(kind)``.

Models are numpy archives (:func:`save_model`, :func:`load_model`), never pickles.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix  # type: ignore[import-untyped]

from argmine.errors import CorruptModelError, InputError
from argmine.linear import LinearClassifier, feature_matrix, load_arrays, save_arrays
from argmine.structure.decoder import DecodedTree, DecoderWeights, EdgeFunction, decode
from argmine.structure.features import Features, pairs_features, units_features
from argmine.text.tree import PARAGRAPH_BREAK
from argmine.types import (
    AnyMove,
    ArgumentUnit,
    ParsedText,
    Relation,
    RelationKind,
    Span,
    Stance,
    UnitRole,
)

__all__ = [
    "CLASSIFIERS",
    "MAX_UNITS_PER_TREE",
    "Scores",
    "StructureModel",
    "StructurePrediction",
    "TextFeatures",
    "bundled_model_path",
    "load_model",
    "paragraph_blocks",
    "save_model",
    "text_features",
    "to_argmine",
]


#: The most units decoded as one tree (pair features grow with the square of this).
MAX_UNITS_PER_TREE = 40


@attrs.frozen
class StructurePrediction:
    """Everything the model predicts for one text: local probabilities and the decoded tree.

    ``functions`` refines the tree's ``att`` into ``reb`` and ``und`` (``cc``, ``sup``,
    ``reb``, ``und`` per unit); ``attack_kind[i]`` is P(undercut) for attacking units.
    """

    cc: tuple[float, ...]
    ro: tuple[float, ...]
    fu: tuple[float, ...]
    at: tuple[tuple[float, ...], ...]
    tree: DecodedTree
    functions: tuple[str, ...]
    undercut: tuple[float, ...]


@attrs.frozen
class TextFeatures:
    """The feature dicts of one text's units and of every ordered pair of them."""

    units: list[Features]
    #: The pair-only features (distance, markers, overlap …) of every ordered pair.
    pair_only: dict[tuple[int, int], Features]

    def pair(self, source: int, target: int) -> Features:
        """The full features of one pair: its own plus both units' (``src:``, ``trg:``)."""
        merged = dict(self.pair_only[(source, target)])
        merged.update({f"src:{key}": value for key, value in self.units[source].items()})
        merged.update({f"trg:{key}": value for key, value in self.units[target].items()})
        return merged

    @property
    def pairs(self) -> dict[tuple[int, int], Features]:
        """The full features of every ordered pair (what the attachment model learns from)."""
        return {key: self.pair(*key) for key in self.pair_only}


def text_features(
    parsed: ParsedText, units: Sequence[Span], moves: Sequence[AnyMove] = ()
) -> TextFeatures:
    """Compute :class:`TextFeatures` once, to pass to ``fit`` or ``predict_structure``."""
    unit_dicts = units_features(parsed, units, moves=moves)
    return TextFeatures(unit_dicts, pairs_features(parsed, units, include_units=False))


@attrs.frozen
class _UnitProjection:
    """One vocabulary for the unit features every classifier reads, and for each classifier a
    0/1 matrix that maps it onto that classifier's columns: a text's unit dicts are then read
    once, not once per classifier."""

    vocabulary: dict[str, int]
    onto: dict[str, csr_matrix]

    @classmethod
    def of(cls, model: StructureModel) -> _UnitProjection:
        targets: dict[str, dict[str, int]] = {
            name: getattr(model, name).vocabulary for name in ("cc", "ro", "fu")
        }
        at = model.at.vocabulary
        for prefix in ("src:", "trg:"):
            targets[prefix] = {
                name[len(prefix) :]: column
                for name, column in at.items()
                if name.startswith(prefix)
            }
        names = sorted({name for columns in targets.values() for name in columns})
        vocabulary = {name: index for index, name in enumerate(names)}
        onto = {}
        for key, columns in targets.items():
            width = len(at) if key in ("src:", "trg:") else len(columns)
            rows = [vocabulary[name] for name in columns]
            onto[key] = csr_matrix(
                (np.ones(len(rows)), (rows, list(columns.values()))),
                shape=(len(vocabulary), width),
            )
        return cls(vocabulary, onto)


def _weights(values: Sequence[float]) -> tuple[float, float, float, float]:
    cc, ro, fu, at = (float(value) for value in values)
    return cc, ro, fu, at


@attrs.frozen(eq=False)
class StructureModel:
    """The trained evidence-graph model as argmine runs it: five logistic regressions as arrays
    (:mod:`argmine.linear`) and the decoder weights ``(cc, ro, fu, at)``.

    ``cc`` scores central claims (classes 0/1), ``ro`` the opponent's voice (``opp``/``pro``),
    ``fu`` attacks (``att``/``sup``), ``attack`` undercuts among attacks (``und``/``reb``),
    ``at`` attachment of an ordered pair (0/1). The estimator that trains it is
    :class:`argmine.training.structure_model.ArgumentStructureModel`.
    """

    cc: LinearClassifier
    ro: LinearClassifier
    fu: LinearClassifier
    attack: LinearClassifier
    at: LinearClassifier
    weights: tuple[float, float, float, float] = attrs.field(converter=_weights)
    _projection: _UnitProjection = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        DecoderWeights(*self.weights)  # validates
        object.__setattr__(self, "_projection", _UnitProjection.of(self))

    def scores(self, features: TextFeatures) -> Scores:
        """The local probabilities of one text's units and pairs."""
        count = len(features.units)
        projection = self._projection
        units = feature_matrix(features.units, projection.vocabulary)
        cc = self.cc.probability_of(units @ projection.onto["cc"], 1)
        ro = self.ro.probability_of(units @ projection.onto["ro"], "opp")
        fu = self.fu.probability_of(units @ projection.onto["fu"], "att")
        at = np.zeros((count, count))
        if count > 1:
            keys = list(features.pair_only)
            shape = (len(keys), count)
            rows, ones = np.arange(len(keys)), np.ones(len(keys))
            sources = csr_matrix((ones, (rows, [source for source, _ in keys])), shape=shape)
            targets = csr_matrix((ones, (rows, [target for _, target in keys])), shape=shape)
            matrix = (
                self.at.transform([features.pair_only[key] for key in keys])
                + sources @ (units @ projection.onto["src:"])
                + targets @ (units @ projection.onto["trg:"])
            )
            values = self.at.probability_of(csr_matrix(matrix), 1)
            for (source, target), value in zip(keys, values, strict=True):
                at[source, target] = value
        return Scores(cc, ro, fu, at)

    def predict_structure(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        features: TextFeatures | None = None,
    ) -> StructurePrediction:
        """Local probabilities, the decoded tree and the refined functions for one text."""
        if not units:
            raise InputError("there are no units to relate")
        if features is None:
            features = text_features(parsed, units, moves)
        elif len(features.units) != len(units):
            raise InputError("features were computed for other units")
        scores = self.scores(features)
        tree = scores.decode(DecoderWeights(*self.weights))
        attackers = [unit for unit, f in enumerate(tree.functions) if f is EdgeFunction.ATTACK]
        undercut = np.zeros(len(units))
        if attackers:
            pairs = [features.pair(unit, tree.parents[unit]) for unit in attackers]  # type: ignore[arg-type]
            undercut[attackers] = self.attack.probability_of(self.attack.transform(pairs), "und")
        functions = tuple(
            "cc"
            if f is EdgeFunction.CENTRAL_CLAIM
            else "sup"
            if f is EdgeFunction.SUPPORT
            else ("und" if undercut[unit] > 0.5 else "reb")
            for unit, f in enumerate(tree.functions)
        )
        return StructurePrediction(
            cc=tuple(float(v) for v in scores.cc),
            ro=tuple(float(v) for v in scores.ro),
            fu=tuple(float(v) for v in scores.fu),
            at=tuple(tuple(float(v) for v in row) for row in scores.at),
            tree=tree,
            functions=functions,
            undercut=tuple(float(v) for v in undercut),
        )

    def predict(
        self,
        parsed: ParsedText,
        units: Sequence[Span],
        *,
        moves: Sequence[AnyMove] = (),
        max_units: int = MAX_UNITS_PER_TREE,
    ) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
        """Argument units and relations for gold or predicted unit spans (in text order).

        Up to ``max_units`` units are decoded as one tree. A longer text is decoded in
        blocks of whole paragraphs (each at most ``max_units`` units), and the blocks' central
        claims are then decoded again as units of their own: the result is still one tree
        with one central claim, and the pair scores stay quadratic in the block size only.
        """
        if max_units < 2:
            raise InputError("max_units must be at least 2")
        if len(units) <= max_units:
            return to_argmine(parsed, units, self.predict_structure(parsed, units, moves=moves))
        blocks = paragraph_blocks(parsed.text, units, max_units)
        local = [self.predict(parsed, [units[i] for i in block], moves=moves) for block in blocks]
        roots = [
            block[_central_index(block_units)]
            for block, (block_units, _relations) in zip(blocks, local, strict=True)
        ]
        top_units, top_relations = self.predict(
            parsed, [units[i] for i in roots], moves=moves, max_units=max_units
        )
        return _join_blocks(blocks, local, roots, top_units, top_relations)


@attrs.frozen
class Scores:
    """One text's local probabilities: per unit ``cc``, ``ro``, ``fu``; ``at[i, j]``."""

    cc: NDArray[np.float64]
    ro: NDArray[np.float64]
    fu: NDArray[np.float64]
    at: NDArray[np.float64]

    def decode(self, weights: DecoderWeights) -> DecodedTree:
        """The best tree under ``weights``."""
        return decode(
            self.cc.tolist(), self.ro.tolist(), self.fu.tolist(), self.at.tolist(), weights
        )


def to_argmine(
    parsed: ParsedText, units: Sequence[Span], result: StructurePrediction
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """Turn a prediction into argmine units and relations (see the module docstring)."""
    tree = result.tree
    ids = [f"u{number}" for number in range(1, len(units) + 1)]
    has_children = {parent for parent in tree.parents if parent is not None}
    argument_units = []
    for unit, span in enumerate(units):
        role_probability = (
            result.ro[unit] if tree.roles[unit] is Stance.OPP else 1 - result.ro[unit]
        )
        if unit == tree.central_claim:
            role, confidence = UnitRole.CENTRAL_CLAIM, result.cc[unit]
        else:
            role = UnitRole.CLAIM if unit in has_children else UnitRole.PREMISE
            confidence = (1.0 - result.cc[unit]) * role_probability
        argument_units.append(
            ArgumentUnit(
                id=ids[unit],
                start=span.start,
                end=span.end,
                text=parsed.text[span.start : span.end],
                role=role,
                stance=tree.roles[unit],
                confidence=min(1.0, max(0.0, confidence)),
            )
        )
    relations: list[Relation] = []
    kinds = {"sup": RelationKind.SUPPORT, "reb": RelationKind.REBUT, "und": RelationKind.UNDERCUT}
    for unit, parent in enumerate(tree.parents):
        if parent is None:
            continue
        function = result.functions[unit]
        attack = result.fu[unit]
        kind_probability = {
            "sup": 1.0 - attack,
            "reb": attack * (1.0 - result.undercut[unit]),
            "und": attack * result.undercut[unit],
        }[function]
        relations.append(
            Relation(
                id=f"r{len(relations) + 1}",
                source=ids[unit],
                target=ids[parent],
                kind=kinds[function],
                confidence=min(1.0, max(0.0, result.at[unit][parent] * kind_probability)),
            )
        )
    return tuple(argument_units), tuple(relations)


def paragraph_blocks(text: str, units: Sequence[Span], max_units: int) -> list[list[int]]:
    """Consecutive unit indices grouped into blocks of whole paragraphs, at most
    ``max_units`` each (a paragraph longer than that is cut into pieces)."""
    breaks = [match.end() for match in PARAGRAPH_BREAK.finditer(text)]
    paragraphs: list[list[int]] = []
    for index, span in enumerate(units):
        paragraph = sum(1 for offset in breaks if offset <= span.start)
        if not paragraphs or paragraph != paragraphs[-1][0]:
            paragraphs.append([paragraph])
        paragraphs[-1].append(index)
    blocks: list[list[int]] = []
    for _number, *members in paragraphs:
        pieces = [members[i : i + max_units] for i in range(0, len(members), max_units)]
        for piece in pieces:
            if blocks and len(blocks[-1]) + len(piece) <= max_units:
                blocks[-1].extend(piece)
            else:
                blocks.append(list(piece))
    return blocks


def _central_index(units: Sequence[ArgumentUnit]) -> int:
    return next(i for i, unit in enumerate(units) if unit.role is UnitRole.CENTRAL_CLAIM)


def _join_blocks(
    blocks: Sequence[Sequence[int]],
    local: Sequence[tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]],
    roots: Sequence[int],
    top_units: Sequence[ArgumentUnit],
    top_relations: Sequence[Relation],
) -> tuple[tuple[ArgumentUnit, ...], tuple[Relation, ...]]:
    """One tree from the blocks' trees and the tree over their central claims.

    A block whose central claim opposes the text's central claim flips the stance of all its
    units; the block roots take their role from the top tree (a root with supporters of its
    own stays a claim).
    """
    count = sum(len(block) for block in blocks)
    ids = [f"u{number}" for number in range(1, count + 1)]
    merged: list[ArgumentUnit | None] = [None] * count
    relations: list[tuple[int, int, RelationKind, float]] = []
    for block, (block_units, block_relations), root, top in zip(
        blocks, local, roots, top_units, strict=True
    ):
        flip = top.stance is Stance.OPP
        local_index = {unit.id: block[i] for i, unit in enumerate(block_units)}
        for position, unit in zip(block, block_units, strict=True):
            stance = unit.stance
            if flip and stance is not None:
                stance = Stance.PRO if stance is Stance.OPP else Stance.OPP
            if position == root:
                role = top.role
                if role is UnitRole.PREMISE and len(block) > 1:
                    role = UnitRole.CLAIM
                merged[position] = attrs.evolve(
                    unit,
                    id=ids[position],
                    role=role,
                    stance=top.stance,
                    confidence=top.confidence,
                )
            else:
                merged[position] = attrs.evolve(unit, id=ids[position], stance=stance)
        relations.extend(
            (local_index[r.source], local_index[r.target], r.kind, r.confidence)
            for r in block_relations
        )
    top_index = {unit.id: roots[i] for i, unit in enumerate(top_units)}
    relations.extend(
        (top_index[r.source], top_index[r.target], r.kind, r.confidence) for r in top_relations
    )
    relations.sort()
    return tuple(unit for unit in merged if unit is not None), tuple(
        Relation(f"r{number}", ids[source], ids[target], kind, confidence)
        for number, (source, target, kind, confidence) in enumerate(relations, start=1)
    )


# -- persistence -------------------------------------------------------------------------------

_KIND = "structure-model"
CLASSIFIERS = ("cc", "ro", "fu", "attack", "at")


def bundled_model_path() -> Path:
    """Where the bundled microtexts model lives inside the installed package."""
    return Path(str(resources.files("argmine.resources"))) / "structure" / "microtexts.npz"


def save_model(model: StructureModel, path: Path | str) -> Path:
    """Write a model as arrays (:func:`argmine.linear.save_arrays`), atomically."""
    arrays: dict[str, NDArray[Any]] = {}
    for name in CLASSIFIERS:
        arrays.update(getattr(model, name).arrays(name))
    return save_arrays(path, arrays, {"kind": _KIND, "weights": list(model.weights)})


def load_model(path: Path | str | None = None) -> StructureModel:
    """Load a model saved by :func:`save_model` (default: the bundled microtexts model).

    Raises :class:`~argmine.errors.ModelNotFoundError` when the file does not exist and
    :class:`~argmine.errors.CorruptModelError` when it is not such a model.
    """
    source = Path(path) if path is not None else bundled_model_path()
    what = "structure model"
    hint = "" if path is not None else "train it with: argmine train microtexts"
    arrays, meta = load_arrays(source, kind=_KIND, what=what, hint=hint)
    try:
        classifiers = {name: LinearClassifier.from_arrays(arrays, name) for name in CLASSIFIERS}
        return StructureModel(**classifiers, weights=meta["weights"])
    except (KeyError, TypeError, ValueError) as error:
        raise CorruptModelError(f"{source}: not a readable {what} ({error!r})") from None
