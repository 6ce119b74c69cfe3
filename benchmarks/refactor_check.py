"""Dump what a refactor of the moves or the lexicon must keep, to compare two checkouts.

    PYTHONPATH=src python benchmarks/refactor_check.py OUT [--skip-features]

Writes ``OUT/moves.json`` (every move :func:`~argmine.moves.detect_moves` finds in the fixture
texts, with the shipped senses), ``OUT/moves-rules.json`` (the same with
:func:`~argmine.moves.detect.conservative_senses`) and ``OUT/features.json`` (the structure
features of every arg-microtext's gold units, with its detected moves: what the structure
model is trained on). Run it on both checkouts and compare with ``cmp``; parses come from the
parse cache (``argmine.paths.cache_dir()``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from argmine.moves import detect_moves
from argmine.moves.detect import conservative_senses
from argmine.structure.features import pairs_features, units_features
from argmine.training.corpora import iter_microtexts
from argmine.training.parse_cache import parse_cached
from argmine.training.structure import microtexts_paths, training_texts_of

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ("texts", "moves", "moves-heldout", "long-texts", "essays")


def _plain(move: Any) -> dict[str, Any]:
    """A move as JSON values, with its class (moves of equal fields may differ in kind)."""
    fields = attrs.asdict(move, value_serializer=lambda _i, _a, v: getattr(v, "value", v))
    return {"class": type(move).__name__, **json.loads(json.dumps(fields, default=str))}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    arguments.add_argument("output", type=Path)
    arguments.add_argument("--skip-features", action="store_true")
    options = arguments.parse_args(argv)
    options.output.mkdir(parents=True, exist_ok=True)
    shipped: dict[str, list[dict[str, Any]]] = {}
    ruled: dict[str, list[dict[str, Any]]] = {}
    for folder in FIXTURES:
        for path in sorted((ROOT / "fixtures" / folder).glob("*.txt")):
            parsed = parse_cached(path.read_text(encoding="utf-8"), parser="bundled")
            name = f"{folder}/{path.name}"
            shipped[name] = [_plain(move) for move in detect_moves(parsed)]
            ruled[name] = [
                _plain(move) for move in detect_moves(parsed, senses=conservative_senses)
            ]
    for file, found in (("moves.json", shipped), ("moves-rules.json", ruled)):
        (options.output / file).write_text(json.dumps(found, indent=1, sort_keys=True))
    if not options.skip_features:
        directory, _ = microtexts_paths()
        texts = training_texts_of(
            iter_microtexts(directory), parser="bundled", cache_dir=None, parse_text=None
        )
        features = {
            text.id: {
                "moves": [_plain(move) for move in text.moves],
                "units": units_features(text.parsed, text.units, moves=text.moves),
                "pairs": {
                    f"{source},{target}": values
                    for (source, target), values in sorted(
                        pairs_features(text.parsed, text.units, moves=text.moves).items()
                    )
                },
            }
            for text in texts
        }
        (options.output / "features.json").write_text(
            json.dumps(features, indent=1, sort_keys=True)
        )
    moves = sum(map(len, shipped.values()))
    print(f"{moves} moves in {len(shipped)} texts, written to {options.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
