"""``argmine serve``: a local web page where a teacher drops a class of essays and gets a
report per student and an overview of the class (needs the ``argmine[web]`` extra).

>>> from argmine.web import ServerSettings
>>> from argmine.web.app import create_app  # doctest: +SKIP
>>> app = create_app(ServerSettings(workers=2))  # doctest: +SKIP

``import argmine`` never imports this package, so argmine works without the web extra; this
module itself needs none of it, so that ``argmine --help`` does not either.
"""

from __future__ import annotations

from argmine.web.settings import Limits, ServerSettings

__all__ = ["Limits", "ServerSettings"]
