"""Every error argmine raises on purpose, in one place.

Catch :class:`ArgmineError` to handle all of them; the subclasses say whose fault it is:
the user's input (:class:`InputError`), a model file (:class:`ModelError`), a corpus file
(:class:`CorpusError`) or an external renderer (:class:`RenderError`). The CLI turns each
into a one-line message and exit code 2.
"""

from __future__ import annotations

from pathlib import Path


class ArgmineError(Exception):
    """Base class of every error argmine raises deliberately."""


class InputError(ArgmineError, ValueError):
    """The text or document given to argmine cannot be analysed."""


class EmptyInputError(InputError):
    """The input holds no text (or only whitespace)."""


class BinaryInputError(InputError):
    """The input looks like a binary file, not text."""


class EncodingError(InputError):
    """The input bytes are not valid UTF-8."""


class InputTooLargeError(InputError):
    """The input is over the documented size limit (see ``argmine.limits``)."""


class InvalidDocumentError(InputError):
    """A document or CoNLL-U input is inconsistent (spans outside the text, bad heads, ...)."""


class ModelError(ArgmineError):
    """A model is missing, unreadable or corrupted."""


class ModelNotFoundError(ModelError):
    """A model file or model directory does not exist."""


class CorruptModelError(ModelError):
    """A model file exists but cannot be loaded."""


class LexiconError(ArgmineError):
    """The marker lexicon file (``moves/markers.toml``) is malformed: every stage that reads
    markers would go wrong, so it fails at once, naming the file and the entry."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class RenderError(ArgmineError):
    """An output format cannot be produced (an external renderer failed)."""


class GraphvizNotFoundError(RenderError):
    """Graphviz's ``dot`` program, needed for SVG maps and HTML reports, is not installed."""


class CorpusError(ArgmineError):
    """A corpus file is missing, malformed or truncated."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
