"""``argmine evaluate``: score models on the corpora's standard protocols, next to published
figures."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from argmine.cli.app import (
    CorporaOption,
    JsonOption,
    ParserChoice,
    ParserOption,
    corpus_dir,
    evaluate_app,
    guarded,
    progress_bar,
)

MicrotextsPathOption = Annotated[
    Path | None,
    typer.Option(
        "--path",
        help="The arg-microtexts folder, or a folder of arggraph XML files "
        "(default: $ARGMINE_CORPORA/arg-microtexts).",
    ),
]


@evaluate_app.command("moves")
def evaluate_moves(
    corpora: CorporaOption = None,
    model: Annotated[
        Path | None, typer.Option("--model", help="Model file (default: bundled).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Per-kind P/R/F1 of the marker sense classifier on GUM test, next to the baseline."""
    from argmine.evaluation import senses

    gum = corpus_dir(corpora, "gum-discourse")

    def work() -> str:
        results = senses.evaluate(gum, model)
        return json.dumps(results, indent=2) if as_json else senses.format_table(results)

    guarded(work)


@evaluate_app.command("concession")
def evaluate_concession_command(corpora: CorporaOption = None, as_json: JsonOption = False) -> None:
    """Contrast or concession on GUM test (trained on train+dev), next to the majority label."""
    from argmine.evaluation import concession

    gum = corpus_dir(corpora, "gum-discourse")

    def work() -> str:
        results = concession.evaluate_concession(gum)
        return json.dumps(results, indent=2) if as_json else concession.format_table(results)

    guarded(work)


@evaluate_app.command("concession-tune")
def tune_concession_command(corpora: CorporaOption = None, as_json: JsonOption = False) -> None:
    """Contrast-or-concession candidates: 5x5-fold CV by document on GUM train; dev scores."""
    from argmine.evaluation import concession

    gum = corpus_dir(corpora, "gum-discourse")

    def work() -> str:
        results = concession.tune_concession(gum)
        if as_json:
            return json.dumps(results, indent=2)
        return "\n".join(
            f"cv {r['cv_accuracy']:.3f} ± {r['cv_std']:.3f}  dev {r['dev_accuracy']:.3f}  "
            f"{r['model']}"
            for r in results
        )

    guarded(work)


@evaluate_app.command("moves-tune")
def tune_moves(corpora: CorporaOption = None, as_json: JsonOption = False) -> None:
    """Grid search of the sense classifier on GUM dev (models fitted on train), best first."""
    from argmine.evaluation import senses

    gum = corpus_dir(corpora, "gum-discourse")

    def work() -> str:
        results = senses.tune(gum)
        if as_json:
            return json.dumps(results, indent=2, default=str)
        return "\n".join(
            f"macro-F1 {r['macro_f1']:.3f}  micro-F1 {r['micro_f1']:.3f}  {r['params']}"
            for r in results
        )

    guarded(work)


@evaluate_app.command("microtexts")
def evaluate_microtexts_command(
    path: MicrotextsPathOption = None,
    protocol: Annotated[
        str,
        typer.Option(
            "--protocol",
            help="'10x5': cross-validation on gold segments; 'e2e': the first iteration's 5 "
            "folds, each test text analysed from its raw text with the fold's model.",
        ),
    ] = "10x5",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Score a trained model ('default' = bundled, or a .npz file written by "
            "argmine train microtexts) on every text of --path instead of cross-validating.",
        ),
    ] = None,
    splits: Annotated[
        int | None, typer.Option("--splits", help="Run only the first N splits (a quick look).")
    ] = None,
    as_json: JsonOption = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """cc/ro/fu/at macro-F1 on arg-microtexts: 10x5 cross-validation next to published numbers,
    end to end from the raw texts (--protocol e2e), or one trained model scored on a folder of
    texts (--model)."""
    from argmine.evaluation import microtexts as evaluation

    if model is not None:
        from argmine.structure.models import load_model
        from argmine.training.structure import microtexts_paths
        from argmine.training.structure_model import LEVELS

        def score() -> str:
            directory, _folds = microtexts_paths(path)
            trained = load_model(None if model == "default" else Path(model))
            scores = evaluation.evaluate_model_on_directory(trained, directory, parser=parser.value)
            if as_json:
                return json.dumps(scores)
            shown = (f"{key}={value:.3f}" for key, value in scores.items() if key in LEVELS)
            return " ".join(shown) + (
                f"  ({scores['n_texts']} texts; {scores['n_implicit_left_out']} implicit ADUs "
                f"not in their text left out, {scores['n_restatements']} restatements)"
            )

        guarded(score)
        return

    def cross_validation() -> str:
        with progress_bar("cross-validating") as (progress, task):

            def advance(message: str) -> None:
                progress.console.print(message, highlight=False)
                progress.advance(task)

            progress.update(task, total=splits or (5 if protocol == "e2e" else 50))
            results = evaluation.evaluate_microtexts(
                path, protocol, parser=parser.value, max_splits=splits, progress=advance
            )
        if as_json:
            return evaluation.to_json_results(results)
        if protocol == "e2e":
            return evaluation.format_end_to_end_table(results)
        return evaluation.format_table(results)

    guarded(cross_validation)


@evaluate_app.command("abstrct")
def evaluate_abstrct_command(
    corpora: CorporaOption = None,
    as_json: JsonOption = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Component and relation macro-F1 on the AbstRCT test sets (gold components), next to
    Mayer et al. (2020)."""
    from argmine.evaluation.abstrct import evaluate_abstrct, format_abstrct_table

    folder = corpus_dir(corpora, "abstrct")

    def work() -> str:
        with progress_bar("AbstRCT") as (progress, _task):
            results = evaluate_abstrct(
                folder,
                parser=parser.value,
                progress=lambda line: progress.console.print(line, highlight=False),
            )
        return json.dumps(results, indent=2) if as_json else format_abstrct_table(results)

    guarded(work)


@evaluate_app.command("segmentation")
def evaluate_segmentation_command(
    corpora: CorporaOption = None,
    as_json: JsonOption = False,
    parser: ParserOption = ParserChoice.BUNDLED,
) -> None:
    """Boundary P/R/F1 of argmine's segmenter against the arg-microtexts ADU and EDU borders."""
    from argmine.evaluation.segmentation import evaluate_segmentation, format_segmentation_table

    def work() -> str:
        results = evaluate_segmentation(corpora, parser=parser.value)
        return json.dumps(results, indent=2) if as_json else format_segmentation_table(results)

    guarded(work)


class EssaySplitChoice(enum.StrEnum):
    TEST = "test"
    TRAIN = "train"
    ALL = "all"


@evaluate_app.command("essays")
def evaluate_essays_command(
    path: Annotated[
        Path,
        typer.Option(
            "--path", help="A folder of essayNNN.txt + essayNNN.ann (persuasive-essays brat)."
        ),
    ],
    split: Annotated[
        EssaySplitChoice,
        typer.Option(
            "--split",
            help="With a train-test-split.csv in the folder: test, train or all essays "
            "(without one: all).",
        ),
    ] = EssaySplitChoice.TEST,
    as_json: JsonOption = False,
) -> None:
    """Units, major claim, roles and relations end to end on brat essays (persuasive-essays
    format), from the raw text of each essay, parsed with the bundled model."""
    from argmine.evaluation.essays import evaluate_essays, format_essay_table
    from argmine.training.essays import SPLIT_FILE, EssaySplit

    def work() -> str:
        has_split = (path / SPLIT_FILE).is_file()
        everything = split is EssaySplitChoice.ALL or not has_split
        chosen = None if everything else EssaySplit(split.upper())
        results = evaluate_essays(path, chosen)
        return json.dumps(results, indent=2) if as_json else format_essay_table(results)

    guarded(work)


@evaluate_app.command("student-essays")
def evaluate_student_essays_command(
    corpora: CorporaOption = None, as_json: JsonOption = False
) -> None:
    """Thesis, claims and layout figures on the 20 development-annotated student essays, and
    the persuasive-essays figures with their annotation read in that scheme."""
    from argmine.evaluation.student_essays import evaluate_student_essays, format_student_table

    folder = corpus_dir(corpora, "student-essays")

    def work() -> str:
        results = evaluate_student_essays(folder)
        return json.dumps(results, indent=2) if as_json else format_student_table(results)

    guarded(work)


class ElecdebSplitChoice(enum.StrEnum):
    TEST = "test"
    DEV = "dev"
    TRAIN = "train"
    LATER = "later"


@evaluate_app.command("elecdeb")
def evaluate_elecdeb_command(
    corpora: CorporaOption = None,
    split: Annotated[
        ElecdebSplitChoice,
        typer.Option(
            "--split",
            help="Debates by year: test 2012, dev 2008, train 1960-2004, later 2016-2020.",
        ),
    ] = ElecdebSplitChoice.TEST,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=1, help="Only the first N debates of the split (by number)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Units, Claim/Premise roles and Support/Attack relations end to end on ElecDeb60to20
    debates, from each raw transcript (bundled parser; parses are cached, a first run takes
    minutes per debate)."""
    from argmine.evaluation.elecdeb import evaluate_elecdeb, format_elecdeb_table
    from argmine.training.corpora.elecdeb import ElecdebSplit

    folder = corpus_dir(corpora, "elecdeb60to20")

    def work() -> str:
        with progress_bar("debates") as (progress, task):
            progress.update(task, total=limit)

            def advance(name: str) -> None:
                progress.console.print(f"analysed {name}", highlight=False)
                progress.advance(task)

            results = evaluate_elecdeb(
                folder, ElecdebSplit(split.value), limit=limit, progress=advance
            )
        return json.dumps(results, indent=2) if as_json else format_elecdeb_table(results)

    guarded(work)
