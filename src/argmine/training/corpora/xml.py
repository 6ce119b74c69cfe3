"""Reading corpus XML safely, in one place: defusedxml refuses entity expansion and external
references, and every failure becomes a :class:`~argmine.errors.CorpusError` naming the file."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree

from argmine.errors import CorpusError


def parse_xml(path: Path, *, root_tag: str | None = None) -> Element:
    """The root element of ``path``; ``root_tag``, when given, is the tag it must have."""
    try:
        root: Element = SafeElementTree.parse(path).getroot()
    except SafeElementTree.ParseError as error:
        raise CorpusError(path, f"XML syntax error: {error}") from None
    except DefusedXmlException as error:
        raise CorpusError(path, f"forbidden XML construct: {error}") from None
    except OSError as error:
        raise CorpusError(path, f"cannot read the file: {error.strerror or error}") from None
    if root_tag is not None and root.tag != root_tag:
        raise CorpusError(path, f"root element is <{root.tag}>, expected <{root_tag}>")
    return root
