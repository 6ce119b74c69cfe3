"""What ``argmine serve`` accepts and how it runs: the limits on uploads and the server's setup.

Every limit has a default that suits a class of essays on a teacher's laptop; ``argmine serve``
sets each from a command-line option or an ``ARGMINE_SERVE_*`` environment variable (see
docs/web-settings.md).
"""

from __future__ import annotations

from typing import Any

import attrs

from argmine.errors import InputError
from argmine.parsing import ParserSource

MB = 2**20
#: The loopback address: the server is reachable from this computer only, unless told otherwise.
LOCAL_HOST = "127.0.0.1"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")


def _positive(_instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if value <= 0:
        raise InputError(f"{attribute.name} must be positive, got {value}")


@attrs.frozen
class Limits:
    """How much one request may ask of the server; beyond a limit an essay gets an error row."""

    #: Largest uploaded file (a .txt, a .docx or a whole .zip), and largest file inside a zip.
    max_file_bytes: int = attrs.field(default=5 * MB, validator=_positive)
    #: Most essays in one class: uploaded files plus the files inside zips.
    max_files: int = attrs.field(default=200, validator=_positive)
    #: Longest essay, in characters after decoding (about 8,000 words by default).
    max_chars: int = attrs.field(default=50_000, validator=_positive)
    #: Most bytes all files inside one zip (or one .docx) may unpack to.
    max_unzipped_bytes: int = attrs.field(default=50 * MB, validator=_positive)
    #: Highest compression ratio of a zip member: text compresses 3-10 times, zip bombs 1,000s.
    max_zip_ratio: float = attrs.field(default=100.0, validator=_positive)
    #: Longest one essay's analysis may take before its row reports a time-out, in seconds.
    essay_timeout_s: float = attrs.field(default=120.0, validator=_positive)

    @property
    def max_request_bytes(self) -> int:
        """Largest request body: every file at its limit, plus room for the form itself."""
        return self.max_files * self.max_file_bytes + MB


@attrs.frozen
class ServerSettings:
    """Where the server listens, how many analysis workers it runs, and its limits."""

    host: str = LOCAL_HOST
    port: int = 8000
    #: Worker processes, each with its own copy of the models (about 600 MB each).
    workers: int = attrs.field(default=1, validator=_positive)
    parser: ParserSource = "auto"
    limits: Limits = Limits()
    #: Classes kept in memory for their reports and downloads; the oldest finished one goes.
    max_classes: int = attrs.field(default=20, validator=_positive)

    @property
    def allowed_hosts(self) -> tuple[str, ...]:
        """Host names a request may carry: on the loopback address, the loopback names only.

        Refusing other names stops a web page from reaching the local server through a DNS
        name it controls (DNS rebinding). Served on another address, any name goes.
        """
        if self.host in LOOPBACK_HOSTS:
            return LOOPBACK_HOSTS
        return ("*",)


__all__ = ["LOCAL_HOST", "LOOPBACK_HOSTS", "MB", "Limits", "ServerSettings"]
