"""Where argmine writes caches and build outputs: one folder, never the working directory.

``$ARGMINE_HOME`` if set; otherwise the user's cache directory: ``$XDG_CACHE_HOME/argmine``
(default ``~/.cache/argmine``) on Linux and other Unix systems, ``~/Library/Caches/argmine``
on macOS and ``%LOCALAPPDATA%\\argmine\\Cache`` on Windows. Below it, ``cache/`` holds parse
caches, ``models/`` the models that ``argmine train`` builds outside the package (AbstRCT)
and ``build/`` the working folders of training runs (the parser). Nothing is created until
something is written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def argmine_home() -> Path:
    """The root of argmine's own files (see the module docstring)."""
    configured = os.environ.get("ARGMINE_HOME")
    if configured:
        return Path(configured).expanduser()
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(local) / "argmine" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "argmine"
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache).expanduser() / "argmine"


def cache_dir() -> Path:
    """Caches that can be deleted at any time (parses of corpus texts)."""
    return argmine_home() / "cache"


def models_dir() -> Path:
    """Models that ``argmine train`` writes outside the installed package."""
    return argmine_home() / "models"


def build_dir() -> Path:
    """Working folders of long training runs (the parser's prepared data and checkpoints)."""
    return argmine_home() / "build"
