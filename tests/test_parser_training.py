"""The parser-training recipe: the parser learns from the tagger's predicted tags."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from argmine.training import parser as train


def test_on_predicted_tags_the_parser_trains_after_the_tagger_and_the_retagging() -> None:
    lane = next(lane for lane in train.lanes("predicted") if train.train_parser in lane)
    steps = (train.train_tagger, train.retag_parser_data, train.train_parser)
    positions = [lane.index(step) for step in steps]
    assert positions == sorted(positions)


def test_on_gold_tags_the_parser_reads_the_gold_files(tmp_path: Path) -> None:
    lane = next(lane for lane in train.lanes("gold") if train.train_parser in lane)
    assert lane == (train.gold_parser_data, train.train_parser)
    folder = tmp_path / "data" / "depparse"
    folder.mkdir(parents=True)
    for split in ("train", "dev"):
        (folder / f"en_ewt.{split}.gold.conllu").write_text(f"gold {split}\n")
        (folder / f"en_ewt.{split}.in.conllu").write_text("retagged\n")
    train.gold_parser_data(tmp_path)
    for split in ("train", "dev"):
        assert (folder / f"en_ewt.{split}.in.conllu").read_text() == f"gold {split}\n"


def test_every_step_can_be_run_alone() -> None:
    assert {"parser", "tagger", "retag_parser_data", "gold_parser_data"} <= set(train.STEPS)


def test_retagging_reads_the_gold_files_and_writes_the_parser_inputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[str]] = []

    def record(_log: Path, args: Sequence[str], _env: dict[str, str]) -> None:
        calls.append(list(args))

    monkeypatch.setattr(train, "_run", record)
    train.retag_parser_data(tmp_path)
    folder = tmp_path / "data" / "depparse"
    assert len(calls) == 2
    for split, args in zip(("train", "dev"), calls, strict=True):
        assert args[args.index("--mode") + 1] == "predict"
        assert args[args.index("--eval_file") + 1] == str(folder / f"en_ewt.{split}.gold.conllu")
        assert args[args.index("--output_file") + 1] == str(folder / f"en_ewt.{split}.in.conllu")
        assert args[args.index("--save_name") + 1] == "tagger.pt"


def test_lemma_training_words_keep_each_analysis_at_most_cap_times() -> None:
    sentence = "".join(f"{i}\tdogs\tdog\tNOUN\tNNS\t_\t0\troot\t_\t_\n" for i in range(1, 6))
    words = train.lemma_training_words(sentence + "\n", cap=3)
    assert words.count("\tdogs\tdog\tNOUN\t") == 3
