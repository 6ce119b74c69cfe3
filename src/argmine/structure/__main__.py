"""``python -m argmine.structure train|evaluate``: train or evaluate on arg-microtexts.

Examples::

    python -m argmine.structure train --corpus ../shared/corpora/arg-microtexts
    python -m argmine.structure evaluate --corpus ../shared/corpora/arg-microtexts
    python -m argmine.structure evaluate --model src/argmine/resources/structure/microtexts.skops
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from argmine.errors import ArgmineError
from argmine.parsing import ParserSource
from argmine.structure.evaluate import (
    evaluate_microtexts,
    evaluate_model_on_directory,
    format_table,
    microtexts_paths,
    to_json_results,
    train_microtexts,
)
from argmine.structure.models import load_model


def _parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="python -m argmine.structure",
        description="Train or evaluate the argumentation-structure model on arg-microtexts.",
    )
    commands = cli.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="the arg-microtexts folder (default: $ARGMINE_CORPORA or ../shared/corpora)",
    )
    common.add_argument(
        "--parser",
        choices=("auto", "bundled", "official"),
        default="bundled",
        help="which Stanza models parse the texts (default: bundled)",
    )
    common.add_argument(
        "--cache", type=Path, default=None, help="parse cache folder (default: build/cache)"
    )
    train = commands.add_parser(
        "train", parents=[common], help="train on all texts and save the model"
    )
    train.add_argument(
        "--output",
        type=Path,
        default=None,
        help="model file (default: the bundled src/argmine/resources/structure/microtexts.skops)",
    )
    evaluate = commands.add_parser(
        "evaluate", parents=[common], help="10 x 5 cross-validation, or score a saved model"
    )
    evaluate.add_argument("--protocol", default="10x5", help="evaluation protocol (10x5)")
    evaluate.add_argument(
        "--splits", type=int, default=None, help="run only the first N of the 50 splits"
    )
    evaluate.add_argument(
        "--model",
        type=Path,
        default=None,
        help="score this saved model on all texts instead of cross-validating",
    )
    evaluate.add_argument("--json", type=Path, default=None, help="also write results here")
    evaluate.add_argument("--quiet", action="store_true", help="no progress per split")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    parser = cast(ParserSource, arguments.parser)
    try:
        if arguments.command == "train":
            path = train_microtexts(
                arguments.corpus, arguments.output, parser=parser, cache_dir=arguments.cache
            )
            print(f"saved {path}")
            return 0
        if arguments.model is not None:
            directory, _folds = microtexts_paths(arguments.corpus)
            scores = evaluate_model_on_directory(
                load_model(arguments.model), directory, parser=parser, cache_dir=arguments.cache
            )
            print(
                " ".join(f"{key}={value:.3f}" for key, value in scores.items() if key != "n_texts")
            )
            print(f"({scores['n_texts']} texts)")
            return 0

        def progress(message: str) -> None:
            print(message, file=sys.stderr, flush=True)

        results = evaluate_microtexts(
            arguments.corpus,
            arguments.protocol,
            parser=parser,
            cache_dir=arguments.cache,
            max_splits=arguments.splits,
            progress=None if arguments.quiet else progress,
        )
        print(format_table(results), end="")
        if arguments.json is not None:
            arguments.json.write_text(to_json_results(results) + "\n", encoding="utf-8")
        return 0
    except ArgmineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
