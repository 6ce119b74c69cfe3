"""Build the Stanza pipeline offline: the bundled compact model, or the official models.

Which models parse a text:

* ``"auto"`` (default): the official Stanza English models when they are installed in the
  Stanza resources directory (``$STANZA_RESOURCES_DIR``, else ``~/stanza_resources``), the
  bundled compact model otherwise;
* ``"bundled"``: always the compact model shipped inside argmine;
* ``"official"``: the official models, or a :class:`~argmine.errors.ModelNotFoundError`.

``ARGMINE_PARSER`` sets the default. Nothing touches the network unless the caller passes
``allow_download=True`` (then Stanza fetches the official models it lacks). Pipelines are
built once per setting and cached.
"""

from __future__ import annotations

import ctypes
import functools
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from argmine.errors import CorruptModelError, InputError, ModelError, ModelNotFoundError
from argmine.parsing.mst import install_decoder

ParserSource = Literal["auto", "bundled", "official"]
PROCESSORS = "tokenize,mwt,pos,lemma,depparse"
PRETOKENIZED_PROCESSORS = "tokenize,pos,lemma,depparse"
_PROCESSOR_DIRS = ("tokenize", "pos", "lemma", "depparse")
_BUNDLED_FILES = {
    "tokenize": "tokenizer.pt",
    "mwt": "mwt.pt",
    "pos": "tagger.pt",
    "lemma": "lemmatizer.pt",
    "depparse": "parser.pt",
}
_lock = threading.Lock()
#: oneDNN, which runs Stanza's LSTMs on CPU, caches a compiled kernel for every input shape it
#: meets (1,024 by default, about 0.3 MB each), and sentence batches come in ever new shapes;
#: 32 entries bound that cache at about 10 MB.
ONEDNN_CACHE_CAPACITY = "32"
#: glibc serves allocations from this size up with their own mmap, returned to the system when
#: freed. Its default threshold rises to the largest buffer freed so far (up to 32 MB), after
#: which the parser's tensors are carved out of the heap and fragment it.
MMAP_THRESHOLD = 128 * 1024
_M_MMAP_THRESHOLD = -3


def bundled_model_dir() -> Path:
    """Where the compact English model lives inside the installed package."""
    return Path(str(resources.files("argmine.resources"))) / "stanza"


def stanza_resources_dir() -> Path:
    """The Stanza resources directory Stanza itself would use."""
    configured = os.environ.get("STANZA_RESOURCES_DIR")
    if configured:
        return Path(configured).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR).expanduser()


def official_models_present(directory: Path | None = None) -> bool:
    """True when the official English models for every processor argmine needs are installed."""
    root = directory or stanza_resources_dir()
    english = root / "en"
    if not (root / "resources.json").is_file():
        return False
    return all(any((english / name).glob("*.pt")) for name in _PROCESSOR_DIRS)


def resolve_source(source: ParserSource | None = None) -> Literal["bundled", "official"]:
    """Turn ``auto`` (or the ``ARGMINE_PARSER`` default) into the models actually used."""
    chosen = source or os.environ.get("ARGMINE_PARSER", "auto")
    if chosen not in ("auto", "bundled", "official"):
        raise InputError(f"parser must be auto, bundled or official, not {chosen!r}")
    if chosen == "auto":
        return "official" if official_models_present() else "bundled"
    return chosen  # type: ignore[return-value]


def load_pipeline(
    source: ParserSource | None = None,
    *,
    allow_download: bool = False,
    pretokenized: bool = False,
) -> Any:
    """The cached ``stanza.Pipeline`` for ``source`` (see the module docstring).

    ``pretokenized=True`` gives a pipeline that takes lists of words per sentence (Stanza's
    ``tokenize_pretokenized``), for tokens that come from another tool.
    """
    resolved = resolve_source(source)
    with _lock:
        return _build(resolved, allow_download, pretokenized)


@functools.cache
def _build(source: Literal["bundled", "official"], allow_download: bool, pretokenized: bool) -> Any:
    logging.getLogger("stanza").setLevel(logging.WARNING)
    options: dict[str, Any] = {}
    if pretokenized:
        options = {"tokenize_pretokenized": True, "processors": PRETOKENIZED_PROCESSORS}
    if source == "bundled":
        return _build_bundled(**options)
    return _build_official(allow_download, **options)


def bundled_pipeline_kwargs() -> dict[str, Any]:
    """``stanza.Pipeline`` keyword arguments that load the bundled model, offline.

    For building your own Stanza pipeline on argmine's model (with more processors, say):
    ``stanza.Pipeline("en", **bundled_pipeline_kwargs())``. Raises
    :class:`~argmine.errors.ModelNotFoundError` when a model file is missing.
    """
    directory = bundled_model_dir()
    paths = {name: directory / "en" / file for name, file in _BUNDLED_FILES.items()}
    missing = [str(path) for path in paths.values() if not path.is_file()]
    if missing:
        raise ModelNotFoundError(
            "the bundled parser model is incomplete; missing "
            + ", ".join(missing)
            + " (rebuild it with: argmine train parser)"
        )
    return {
        "dir": str(directory),
        "download_method": None,
        "pos_pretrain_path": None,
        "depparse_pretrain_path": None,
        # Stanza's default (5,000 words a batch) pads every sentence to the longest of a
        # large batch; with the compact model, batches of 500 words parse about 20 % faster
        # on one CPU thread (same trees; see docs/parser.md).
        "depparse_batch_size": 500,
        **{f"{name}_model_path": str(path) for name, path in paths.items()},
    }


def _build_bundled(**extra: Any) -> Any:
    return _construct(**bundled_pipeline_kwargs(), **extra)


def _build_official(allow_download: bool, **extra: Any) -> Any:
    directory = stanza_resources_dir()
    if not allow_download and not official_models_present(directory):
        raise ModelNotFoundError(
            f"the official Stanza English models are not installed in {directory}; "
            "install them with stanza.download('en') on a machine with network access, "
            "or use the bundled model (parser='bundled')"
        )
    from stanza import DownloadMethod

    method = DownloadMethod.REUSE_RESOURCES if allow_download else None
    return _construct(dir=str(directory), download_method=method, **extra)


@contextmanager
def _optimizers_without_dynamo() -> Iterator[None]:
    """Let torch optimizers be built without importing ``torch._dynamo``, while this lasts.

    Stanza builds a training optimizer for every processor even to parse, and torch's
    ``Optimizer`` methods are wrapped so that their first call imports ``torch._dynamo``
    (about 0.7 s of CPU, a fifth of the pipeline's load) only to mark them as not to be
    compiled. Nothing is compiled while the pipeline is built, so the wrappers may call the
    plain methods; afterwards they are restored, and a later first call imports dynamo as usual.
    """
    import torch

    plain = [
        method
        for value in vars(torch.optim.Optimizer).values()
        if (method := getattr(value, "__wrapped__", None)) is not None
        and "__dynamo_disable" not in vars(method)
    ]
    for method in plain:
        setattr(method, "__dynamo_disable", method)
    try:
        yield
    finally:
        for method in plain:
            delattr(method, "__dynamo_disable")


def _construct(**options: Any) -> Any:
    import stanza

    bound_native_memory()
    install_decoder()
    options.setdefault("processors", PROCESSORS)
    try:
        with _optimizers_without_dynamo():
            return stanza.Pipeline(lang="en", logging_level="ERROR", **options)
    except ModelError:
        raise
    except Exception as error:  # Stanza and torch raise many kinds on a damaged file.
        raise CorruptModelError(
            f"could not load the Stanza models ({type(error).__name__}: {error})"
        ) from error


def bound_native_memory() -> None:
    """Keep a long-running process's memory flat over thousands of texts.

    Without this, RSS grew about 0.5 MB a text (docs/pipelines.md#memory): oneDNN's kernel
    cache and a fragmented heap, not a leak. Settings the user made win:
    ``ONEDNN_PRIMITIVE_CACHE_CAPACITY`` and glibc's ``MALLOC_MMAP_THRESHOLD_``. It must run
    before the first LSTM does, when oneDNN reads its capacity; a no-op outside glibc.
    """
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", ONEDNN_CACHE_CAPACITY)
    if "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (macOS, Windows, musl)
        return
    libc.mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)


def clear_cache() -> None:
    """Forget the cached pipelines (after installing models, or in tests)."""
    with _lock:
        _build.cache_clear()
