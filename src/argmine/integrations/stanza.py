"""The ``argmine`` Stanza processor: the analysis as one more step of a Stanza pipeline.

Importing this module registers the processor with Stanza and adds ``Document.argmine``:

>>> import stanza                                                     # doctest: +SKIP
>>> from argmine.integrations.stanza import pipeline_kwargs           # doctest: +SKIP
>>> nlp = stanza.Pipeline(                                            # doctest: +SKIP
...     "en", processors="tokenize,mwt,pos,lemma,depparse,argmine", **pipeline_kwargs("bundled")
... )
>>> nlp("Cities should ban cars. Streets would be safer.").argmine.schema  # doctest: +SKIP
'argmine/1'

The processor runs argmine's own stages on the parse the earlier processors made, so its
result equals ``argmine.analyze(text)`` for the same models.
"""

from __future__ import annotations

from typing import Any, ClassVar

from stanza.models.common.doc import Document
from stanza.pipeline.processor import Processor, register_processor

from argmine.errors import ModelNotFoundError
from argmine.parsing.convert import from_stanza
from argmine.parsing.mst import install_decoder
from argmine.parsing.pipeline import (
    ParserSource,
    bundled_pipeline_kwargs,
    official_models_present,
    resolve_source,
    stanza_resources_dir,
)
from argmine.pipeline import analyze_parsed

NAME = "argmine"

if not hasattr(Document, NAME):  # a module reload must not add the property twice
    Document.add_property(NAME, default=None)


@register_processor(NAME)
class ArgmineProcessor(Processor):  # type: ignore[misc]  # stanza is untyped
    """Sets ``doc.argmine`` to the :class:`~argmine.types.Analysis` of the parsed document."""

    PROVIDES_DEFAULT: ClassVar[set[str]] = {NAME}
    REQUIRES_DEFAULT: ClassVar[set[str]] = {"tokenize", "pos", "lemma", "depparse"}

    def __init__(self, config: dict[str, Any], pipeline: Any, device: Any) -> None:
        super().__init__(config, pipeline, device)
        # The parser decodes as in argmine's own pipelines: the same trees, faster.
        install_decoder()

    def process(self, doc: Any) -> Any:
        doc._argmine = analyze_parsed(from_stanza(doc))
        return doc

    def mark_inactive(self) -> None:
        """Stanza's hook for a processor whose requirements are unmet: nothing to release."""


def pipeline_kwargs(parser: ParserSource | None = None) -> dict[str, Any]:
    """``stanza.Pipeline`` keyword arguments for argmine's models, never downloading.

    ``parser`` chooses the models as in :func:`argmine.parse`. For the bundled model the
    arguments name each model file; its ``resources.json`` lists no language, so
    ``allow_unknown_language`` lets Stanza take the ``processors`` list (with ``argmine``)
    as given. Raises :class:`~argmine.errors.ModelNotFoundError` when the models are missing.
    """
    if resolve_source(parser) == "bundled":
        return {**bundled_pipeline_kwargs(), "allow_unknown_language": True}
    directory = stanza_resources_dir()
    if not official_models_present(directory):
        raise ModelNotFoundError(
            f"the official Stanza English models are not installed in {directory}; "
            "install them with stanza.download('en'), or use parser='bundled'"
        )
    return {"dir": str(directory), "download_method": None}


__all__ = ["NAME", "ArgmineProcessor", "pipeline_kwargs"]
