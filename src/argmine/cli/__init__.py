"""The ``argmine`` command line, the only one: parse, analyze, render, serve, train, evaluate.

One module per group of commands; importing it registers its commands on :data:`app` (see
docs/contributing.md for adding one).
"""

from argmine.cli import analyze, evaluate, serve, train  # noqa: F401 (registers the commands)
from argmine.cli.app import app, run

__all__ = ["app", "run"]
