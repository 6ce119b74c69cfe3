"""The one marker lexicon: every discourse-marker phrase argmine knows, read from
``markers.toml`` next to this module.

Each consumer derives its sets from :func:`default_lexicon` instead of keeping a list: the
move detector (frames, ordinals, ambiguous markers), the marker-sense classifier (its GUM
lexicon and fixed senses), the structure features (coarse senses), the segmenter (linking
subordinators and conjunctions) and the GUM mapping. Adding a marker is one line of the file;
the fields are described at its top and in ``docs/moves.md``.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from argmine.errors import LexiconError
from argmine.types import MoveKind

__all__ = [
    "FRAMES",
    "GUM_GROUPS",
    "ROLES",
    "STRUCTURE_SENSES",
    "Lexicon",
    "Marker",
    "default_lexicon",
    "default_lexicon_path",
    "opening_pattern",
    "read_lexicon",
]

#: The detector's frames: how it finds a marker's spans in the parse. ``ordinal`` markers are
#: enumeration items, found clause-initially; ``ignore`` phrases hold a marker word but are no
#: marker ("as if", "so that"), listed so that longest match does not read their "as" alone.
FRAMES = frozenset(
    {
        "conditional", "ambiguous_clause", "concessive_clause", "causal_clause",
        "contrastive_clause", "causal_phrase", "concessive_phrase", "instead_of", "rather_than",
        "coordinating_turn", "exception_adverb", "result_conjunction", "one_hand",
        "contrast_adverb", "cause_adverb", "why", "after_all", "causal_for",
        "concession_adverb", "admission", "example", "reformulation", "conclusion", "ordinal",
        "ignore",
    }
)  # fmt: skip
#: The relations a subordinator's clause may have unless the lexicon restricts them: an
#: adverbial clause or, misparsed, a conjunct, a parataxis or a complement ("Calendars help
#: because we can …").
CLAUSE_RELATIONS = ("advcl", "conj", "parataxis", "ccomp")
#: What else a marker does, each role read by one consumer (see ``markers.toml``).
ROLES = frozenset(
    {
        "classified", "ruled", "opening", "conceding", "additive", "turn", "weighed",
        "subordinator", "present_reason", "conjunction", "joining", "clausal", "edge",
        "proving", "concluding", "continuing",
    }
)  # fmt: skip
#: The GUM mapping's marker groups that no detector frame gives (conclusion and enumeration
#: markers are the detector's ``conclusion`` and ``ordinal`` frames).
GUM_GROUPS = frozenset({"exemplification", "inferential", "exception", "necessary"})
#: The coarse senses of the structure features' ``marker=`` values.
STRUCTURE_SENSES = frozenset(
    {
        "contrast", "concession", "cause", "result", "addition", "example", "condition",
        "enumeration", "opinion", "attribution",
    }
)  # fmt: skip
#: Ordinals that are no number: one more than the item before, or the final item.
_RELATIVE_ORDINALS = frozenset({"next", "last"})
_Fail = Callable[[str], LexiconError]
_FIELDS = frozenset(
    {"kinds", "frame", "relations", "ambiguous", "ordinal", "sense", "structure", "gum", "roles"}
)


@attrs.frozen
class Marker:
    """One marker phrase: lower-cased words as the parser splits them, one space apart."""

    phrase: str
    #: The moves the detector can make of it (empty: the detector does not look for it).
    kinds: tuple[MoveKind, ...] = ()
    #: The detector's frame for it (None: not matched by the detector).
    frame: str | None = None
    #: For a subordinator, the relations its clause may have (empty:
    #: :data:`CLAUSE_RELATIONS`, see :attr:`clause_relations`).
    relations: tuple[str, ...] = ()
    #: Whether the sense function chooses between its kinds (and no move) at each use.
    ambiguous: bool = False
    #: An enumeration item's position: 1–10, ``"next"`` or ``"last"``.
    ordinal: int | str | None = None
    #: The sense classifier gives this kind to every connective use, without learning it.
    sense: MoveKind | None = None
    #: The coarse sense of the structure features.
    structure: str | None = None
    #: The GUM mapping's groups it belongs to (:data:`GUM_GROUPS`).
    gum: frozenset[str] = frozenset()
    #: What else it does, each role read by one consumer (:data:`ROLES`).
    roles: frozenset[str] = frozenset()

    @property
    def clause_relations(self) -> tuple[str, ...]:
        """The relations the clause it opens may have: its own, else :data:`CLAUSE_RELATIONS`."""
        return self.relations or CLAUSE_RELATIONS


@attrs.frozen
class Lexicon:
    """Every marker of the lexicon file, in file order."""

    markers: tuple[Marker, ...]
    _by_phrase: Mapping[str, Marker] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: {m.phrase: m for m in self.markers}, takes_self=True),
    )

    def __iter__(self) -> Iterator[Marker]:
        return iter(self.markers)

    def __getitem__(self, phrase: str) -> Marker:
        return self._by_phrase[phrase]

    def __contains__(self, phrase: object) -> bool:
        return phrase in self._by_phrase

    def phrases(
        self, *, frame: str | None = None, role: str | None = None, gum: str | None = None
    ) -> frozenset[str]:
        """The phrases with that frame, role and GUM group (each None: any)."""
        return frozenset(
            marker.phrase
            for marker in self.markers
            if (frame is None or marker.frame == frame)
            and (role is None or role in marker.roles)
            and (gum is None or gum in marker.gum)
        )


def opening_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """A case-blind pattern for a text that opens (after punctuation) with one of
    ``phrases`` as whole words: how the layout and the structure stage read a marker at the
    start of a paragraph or unit without a parse."""
    ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
    words = (r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)
    return re.compile(r"^\W*(?:" + "|".join(words) + r")\b", re.IGNORECASE)


def default_lexicon_path() -> Path:
    return Path(str(importlib.resources.files("argmine.moves") / "markers.toml"))


@functools.cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return read_lexicon(default_lexicon_path())


def read_lexicon(path: Path | str) -> Lexicon:
    """Read and check a lexicon file; raises :class:`~argmine.errors.LexiconError` naming the
    file and the entry for anything malformed."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise LexiconError(path, str(error)) from None
    table = data.get("markers")
    if not isinstance(table, dict) or not table:
        raise LexiconError(path, "expected a non-empty [markers] table")
    return Lexicon(tuple(_marker(path, phrase, fields) for phrase, fields in table.items()))


def _marker(path: Path, phrase: str, fields: Any) -> Marker:
    def fail(problem: str) -> LexiconError:
        return LexiconError(path, f"marker {phrase!r}: {problem}")

    if phrase != " ".join(phrase.lower().split()) or not phrase:
        raise fail("write it lower-cased, words one space apart")
    if not isinstance(fields, dict):
        raise fail("expected a table of fields")
    unknown = set(fields) - _FIELDS
    if unknown:
        raise fail(f"unknown fields {sorted(unknown)}")
    kinds = tuple(_kind(fail, value) for value in _strings(fail, fields, "kinds"))
    frame = _optional(fail, fields, "frame", str)
    relations = tuple(_strings(fail, fields, "relations"))
    sense = _optional(fail, fields, "sense", str)
    ambiguous = _optional(fail, fields, "ambiguous", bool) or False
    ordinal = _optional(fail, fields, "ordinal", (int, str))
    structure = _optional(fail, fields, "structure", str)
    gum = frozenset(_strings(fail, fields, "gum"))
    roles = frozenset(_strings(fail, fields, "roles"))
    if frame is not None and frame not in FRAMES:
        raise fail(f"unknown frame {frame!r}")
    if (frame is None or frame == "ignore") != (not kinds):
        raise fail("a frame that makes moves needs its kinds, and kinds need such a frame")
    if relations and not kinds:
        raise fail("only a marker the detector finds can restrict its clause's relations")
    if ambiguous and len(kinds) < 1:
        raise fail("an ambiguous marker needs the kinds it chooses between")
    fixed = None if sense is None else _kind(fail, sense)
    if fixed is not None and fixed not in kinds:
        raise fail(f"its fixed sense {sense!r} is none of its kinds")
    if (frame == "ordinal") != (ordinal is not None):
        raise fail("ordinal markers, and only they, need an ordinal")
    if (isinstance(ordinal, int) and not 1 <= ordinal <= 10) or (
        isinstance(ordinal, str) and ordinal not in _RELATIVE_ORDINALS
    ):
        raise fail(f"ordinal must be 1-10, 'next' or 'last', not {ordinal!r}")
    for name, values, allowed in (("gum", gum, GUM_GROUPS), ("roles", roles, ROLES)):
        if not values <= allowed:
            raise fail(f"unknown {name} {sorted(values - allowed)}")
    if structure is not None and structure not in STRUCTURE_SENSES:
        raise fail(f"unknown structure sense {structure!r}")
    return Marker(phrase, kinds, frame, relations, ambiguous, ordinal, fixed, structure, gum, roles)


def _kind(fail: _Fail, value: str) -> MoveKind:
    try:
        return MoveKind(value)
    except ValueError:
        raise fail(f"unknown move kind {value!r}") from None


def _strings(fail: _Fail, fields: dict[str, Any], name: str) -> list[str]:
    values = fields.get(name, [])
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise fail(f"{name} must be a list of strings")
    return values


def _optional(fail: _Fail, fields: dict[str, Any], name: str, kind: Any) -> Any:
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise fail(f"{name} has the wrong type: {value!r}")
    return value
