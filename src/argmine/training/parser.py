"""Train argmine's compact offline English Stanza pipeline from UD data.

Reproducible with one command (see docs/parser.md)::

    argmine train parser --corpora ../shared/corpora

The tokenizer and MWT expander learn from UD English EWT; the tagger, lemmatizer and
dependency parser learn from EWT plus the GUM training documents whose genres are
licensed CC BY, CC BY-SA or public domain (so the bundled model stays CC BY-SA, like
EWT, and never inherits GUM's non-commercial genres). Stanza's own training code does
the work; the settings are sized for a 2-core CPU (no charlm, no pretrained vectors).
Two single-threaded lanes run in parallel, which uses two cores better than one
two-threaded job. ``--parser-tags predicted`` trains the parser on the trained tagger's
predicted tags instead of the gold ones (Stanza's usual recipe; it scored the same as the
gold-tag parser on EWT test, see docs/parser.md, so the default stays gold). The finished
weights are stored as float16 in ``src/argmine/resources/stanza/en/``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import conllu

#: GUM genres whose texts are CC BY, CC BY-SA or public domain (see GUM's README).
PERMISSIVE_GUM_GENRES = frozenset(
    {
        "academic",
        "bio",
        "conversation",
        "court",
        "interview",
        "news",
        "speech",
        "textbook",
        "vlog",
        "voyage",
    }
)
SHORTHAND = "en_ewt"
RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "stanza" / "en"

TOKENIZER_ARGS = ["--steps", "6000", "--eval_steps", "1000"]
TAGGER_ARGS = [
    "--lang",
    "en",
    "--no_pretrain",
    "--share_hid",
    "--word_cutoff",
    "2",
    "--hidden_dim",
    "100",
    "--char_hidden_dim",
    "64",
    "--deep_biaff_hidden_dim",
    "100",
    "--word_emb_dim",
    "75",
    "--char_emb_dim",
    "32",
    "--batch_size",
    "32",
    "--dropout",
    "0.33",
    "--word_dropout",
    "0.2",
    "--max_steps",
    "10000",
    "--eval_interval",
    "500",
]
LEMMA_REPEAT_CAP = 3
LEMMA_ARGS = ["--num_epoch", "15", "--emb_dim", "50", "--pos_dim", "50", "--hidden_dim", "100"]
PARSER_ARGS = [
    "--lang",
    "en",
    "--no_pretrain",
    "--word_cutoff",
    "2",
    "--hidden_dim",
    "128",
    "--char_hidden_dim",
    "64",
    "--deep_biaff_hidden_dim",
    "128",
    "--deep_biaff_output_dim",
    "64",
    "--word_emb_dim",
    "75",
    "--tag_emb_dim",
    "32",
    "--batch_size",
    "3000",
    "--max_steps",
    "4500",
    "--eval_interval",
    "250",
    "--max_steps_before_stop",
    "1500",
    "--second_optim_start_step",
    "3000",
]


def _run(log: Path, args: Sequence[str], env: dict[str, str]) -> None:
    """Run one Stanza training step single-threaded, logging to ``log``."""
    started = time.monotonic()
    print(f"[{time.strftime('%H:%M:%S')}] {' '.join(args[2:4])} … (log: {log})", flush=True)
    with log.open("w") as out:
        done = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"step failed ({done.returncode}); see {log}")
    print(f"[{time.strftime('%H:%M:%S')}] done in {time.monotonic() - started:.0f} s", flush=True)


def gum_training_documents(gum_dir: Path) -> list[Path]:
    """GUM train-split files of the permissively licensed genres."""
    splits = (gum_dir / "splits.md").read_text(encoding="utf-8")
    train_part = splits.split("## train", 1)[1].split("\n## ", 1)[0]
    names = re.findall(r"^\s*\*\s*(GUM_\S+)", train_part, re.M)
    paths = [gum_dir / "dep" / f"{name}.conllu" for name in names]
    return [p for p in paths if p.exists() and p.stem.split("_")[1] in PERMISSIVE_GUM_GENRES]


def clean_sentences(paths: Iterable[Path]) -> Iterable[str]:
    """Sentences reduced to what the tagger/parser read: no enhanced deps, MISC only SpaceAfter."""
    for path in paths:
        for sentence in conllu.parse(path.read_text(encoding="utf-8")):
            for key in [k for k in sentence.metadata if k not in ("sent_id", "text")]:
                del sentence.metadata[key]
            for token in sentence:
                misc = token.get("misc") or {}
                token["misc"] = {"SpaceAfter": "No"} if misc.get("SpaceAfter") == "No" else None
                token["deps"] = None
            yield sentence.serialize()


def lemma_training_words(train_text: str, cap: int = LEMMA_REPEAT_CAP) -> str:
    """The lemmatizer's training data as one-word sentences, each (form, UPOS, lemma) at most
    ``cap`` times.

    Stanza's lemmatizer is context-free (form + UPOS -> lemma) but iterates over every running
    word; capping repeats keeps the frequency order its dictionary needs for ambiguous forms
    while cutting an epoch from ~6,800 to a few hundred batches.
    """
    counts: Counter[tuple[str, str, str]] = Counter()
    for sentence in conllu.parse(train_text):
        glued = {t["head"] for t in sentence if t["deprel"] == "goeswith"}
        for token in sentence:
            if (
                isinstance(token["id"], int)
                and token["deprel"] != "goeswith"
                and token["id"] not in glued
                and token["lemma"] not in (None, "_")
            ):
                counts[(token["form"], token["upos"], token["lemma"])] += 1
    lines = []
    for (form, upos, lemma), count in counts.most_common():
        word = f"1\t{form}\t{lemma}\t{upos}\t_\t_\t0\troot\t_\t_\n\n"
        lines.extend([word] * min(count, cap))
    return "".join(lines)


def prepare(corpora: Path, work: Path) -> None:
    """Write Stanza's data layout under ``work/data``."""
    ewt = corpora / "ud-english-ewt"
    ud = work / "ud" / "UD_English-EWT"
    ud.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        link = ud / f"en_ewt-ud-{split}.conllu"
        if not link.exists():
            link.symlink_to((ewt / link.name).resolve())
    env = _env(work)
    for kind in ("tokenizer", "mwt"):
        _run(
            work / f"prepare_{kind}.log",
            [
                sys.executable,
                "-m",
                f"stanza.utils.datasets.prepare_{kind}_treebank",
                "UD_English-EWT",
            ],
            env,
        )
    combined = [ewt / "en_ewt-ud-train.conllu", *gum_training_documents(corpora / "gum-discourse")]
    train_text = "".join(clean_sentences(combined))
    for kind in ("pos", "lemma", "depparse"):
        target = work / "data" / kind
        target.mkdir(parents=True, exist_ok=True)
        text = lemma_training_words(train_text) if kind == "lemma" else train_text
        (target / f"{SHORTHAND}.train.in.conllu").write_text(text, encoding="utf-8")
        (target / f"{SHORTHAND}.train.gold.conllu").write_text(text, encoding="utf-8")
        for split in ("dev", "test"):
            source = ewt / f"en_ewt-ud-{split}.conllu"
            shutil.copyfile(source, target / f"{SHORTHAND}.{split}.in.conllu")
            shutil.copyfile(source, target / f"{SHORTHAND}.{split}.gold.conllu")


def _env(work: Path) -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    env.update(DATA_ROOT=str(work / "data"), UDBASE=str(work / "ud"))
    return env


def _module(name: str, data: str, kind: str, extra: Sequence[str], work: Path) -> list[str]:
    folder = work / "data" / data
    return [
        sys.executable,
        "-m",
        name,
        "--mode",
        "train",
        "--shorthand",
        SHORTHAND,
        "--train_file",
        str(folder / f"{SHORTHAND}.train.in.conllu"),
        "--eval_file",
        str(folder / f"{SHORTHAND}.dev.in.conllu"),
        "--output_file",
        str(work / f"{kind}.dev.pred.conllu"),
        "--save_dir",
        str(work / "models"),
        "--save_name",
        f"{kind}.pt",
        "--cpu",
        *extra,
    ]


def train_tokenizer(work: Path) -> None:
    _run(
        work / "tokenizer.log",
        [
            sys.executable,
            "-m",
            "stanza.utils.training.run_tokenizer",
            "UD_English-EWT",
            "--no_charlm",
            "--save_dir",
            str(work / "models"),
            "--save_name",
            "tokenizer.pt",
            "--cpu",
            *TOKENIZER_ARGS,
        ],
        _env(work),
    )


def train_mwt(work: Path) -> None:
    _run(
        work / "mwt.log",
        [
            sys.executable,
            "-m",
            "stanza.utils.training.run_mwt",
            "UD_English-EWT",
            "--save_dir",
            str(work / "models"),
            "--save_name",
            "mwt.pt",
            "--cpu",
        ],
        _env(work),
    )


def train_tagger(work: Path) -> None:
    _run(
        work / "tagger.log",
        _module("stanza.models.tagger", "pos", "tagger", TAGGER_ARGS, work),
        _env(work),
    )


def train_lemmatizer(work: Path) -> None:
    _run(
        work / "lemmatizer.log",
        _module("stanza.models.lemmatizer", "lemma", "lemmatizer", LEMMA_ARGS, work),
        _env(work),
    )


def retag_parser_data(work: Path) -> None:
    """Replace the parser's gold UPOS/XPOS/UFeats with the trained tagger's predictions.

    The parser then learns from the same kind of tags it reads at run time (Stanza's usual
    recipe); the gold files stay next to them, so retagging can be repeated.
    """
    folder = work / "data" / "depparse"
    for split in ("train", "dev"):
        _run(
            work / f"retag_{split}.log",
            [
                sys.executable,
                "-m",
                "stanza.models.tagger",
                "--mode",
                "predict",
                "--lang",
                "en",
                "--shorthand",
                SHORTHAND,
                "--no_pretrain",
                "--save_dir",
                str(work / "models"),
                "--save_name",
                "tagger.pt",
                "--eval_file",
                str(folder / f"{SHORTHAND}.{split}.gold.conllu"),
                "--output_file",
                str(folder / f"{SHORTHAND}.{split}.in.conllu"),
                "--cpu",
            ],
            _env(work),
        )


def gold_parser_data(work: Path) -> None:
    """Give the parser the gold tags again (undoing an earlier :func:`retag_parser_data`)."""
    folder = work / "data" / "depparse"
    for split in ("train", "dev"):
        shutil.copyfile(
            folder / f"{SHORTHAND}.{split}.gold.conllu", folder / f"{SHORTHAND}.{split}.in.conllu"
        )


def train_parser(work: Path) -> None:
    _run(
        work / "parser.log",
        _module("stanza.models.parser", "depparse", "parser", PARSER_ARGS, work),
        _env(work),
    )


Step = Callable[[Path], None]
#: Which tags the parser learns from: the treebanks' gold tags (how the bundled parser was
#: trained) or the trained tagger's predictions, the kind it reads at run time (Stanza's
#: usual recipe; no better here, see docs/parser.md).
PARSER_TAGS = ("gold", "predicted")


def lanes(parser_tags: str = "gold") -> tuple[tuple[Step, ...], ...]:
    """Two lanes that run side by side. The parser alone takes about as long as the other
    models together; on predicted tags it has to wait for the tagger."""
    if parser_tags == "predicted":
        return (
            (train_tokenizer, train_mwt, train_lemmatizer),
            (train_tagger, retag_parser_data, train_parser),
        )
    return (
        (gold_parser_data, train_parser),
        (train_tokenizer, train_mwt, train_tagger, train_lemmatizer),
    )


STEPS: dict[str, Step] = {
    step.__name__.removeprefix("train_"): step
    for tags in PARSER_TAGS
    for lane in lanes(tags)
    for step in lane
}


def run_lane(steps: Sequence[Step], work: Path) -> None:
    for step in steps:
        step(work)


def export(work: Path, target: Path = RESOURCES) -> None:
    """Copy the trained models into the package with float16 weights."""
    import torch

    target.mkdir(parents=True, exist_ok=True)
    for name in ("tokenizer", "mwt", "tagger", "lemmatizer", "parser"):
        state = torch.load(work / "models" / f"{name}.pt", map_location="cpu", weights_only=False)
        torch.save(_to_half(state), target / f"{name}.pt")
        print(f"{name}.pt: {(target / f'{name}.pt').stat().st_size / 1e6:.1f} MB")


def _to_half(value: object) -> object:
    import torch

    if isinstance(value, torch.Tensor) and value.is_floating_point():
        return value.half()
    if isinstance(value, dict):
        return {key: _to_half(item) for key, item in value.items()}
    return value


def train_pipeline(
    corpora: Path,
    work: Path,
    *,
    stage: str = "all",
    only: Sequence[str] = (),
    parser_tags: str = "gold",
) -> None:
    """Prepare the data, train the models and export them into the package (``stage``
    ``all``), or one of those stages (``prepare``, ``train``, ``export``); ``only`` trains
    just the named :data:`STEPS`, one after the other (e.g. to resume)."""
    work = work.resolve()
    if stage in ("all", "prepare"):
        prepare(corpora.resolve(), work)
    if stage in ("all", "train"):
        chosen = [[STEPS[name] for name in only]] if only else lanes(parser_tags)
        with ThreadPoolExecutor(max_workers=len(chosen)) as pool:
            for future in [pool.submit(run_lane, lane, work) for lane in chosen]:
                future.result()
    if stage in ("all", "export"):
        export(work)
