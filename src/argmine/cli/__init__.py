"""The ``argmine`` command line."""

from argmine.cli.analyze import app, run

__all__ = ["app", "run"]
