"""The class at a glance: one row of figures per essay, the warnings as a chart, a CSV file.

Every figure is read off the essay's argument map and the report's feedback
(:func:`argmine.maps.feedback`), so the table and each student's report always agree: a
warning in the table is a warning (⚠) in the report.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from argmine.maps import ArgumentMap, Feedback, Label, feedback
from argmine.types import UnitRole


class WarningKind(enum.StrEnum):
    """What the report warns about, in the words the class table uses."""

    NO_CENTRAL_CLAIM = "no central claim"
    CENTRAL_CLAIM_DEFEATED = "central claim not in"
    UNSUPPORTED_CLAIM = "unsupported claim"
    ENUMERATION_INCOMPLETE = "enumeration incomplete"
    NO_OBJECTION = "no objection considered"
    UNANSWERED_OBJECTION = "unanswered objection"


@attrs.frozen
class EssaySummary:
    """The figures of one essay's row in the class table."""

    central_claim: bool
    central_label: Label | None
    claims: int
    premises: int
    unsupported_claims: int
    objections: int
    objections_answered: int
    #: ``None`` when the essay enumerates nothing.
    enumerations_complete: bool | None
    warnings: tuple[WarningKind, ...]
    #: A debate transcript, which has no one central claim (:attr:`Feedback.is_debate`).
    debate: bool = False

    @property
    def central(self) -> str:
        """The central-claim cell: "yes", "no", or "debate" for a transcript."""
        return "yes" if self.central_claim else "debate" if self.debate else "no"

    @property
    def enumeration(self) -> str:
        if self.enumerations_complete is None:
            return "none"
        return "complete" if self.enumerations_complete else "incomplete"


def warnings_of(findings: Feedback) -> tuple[WarningKind, ...]:
    """One warning per ⚠ the report shows (an unsupported claim or objection counts each)."""
    found: list[WarningKind] = []
    if findings.central_claim is None and not findings.is_debate:
        found.append(WarningKind.NO_CENTRAL_CLAIM)
    elif findings.central_label is not Label.IN:
        found.append(WarningKind.CENTRAL_CLAIM_DEFEATED)
    found.extend(WarningKind.UNSUPPORTED_CLAIM for _ in findings.unsupported_claims)
    found.extend(WarningKind.ENUMERATION_INCOMPLETE for _ in findings.mismatched_enumerations)
    if not findings.objections:
        found.append(WarningKind.NO_OBJECTION)
    found.extend(WarningKind.UNANSWERED_OBJECTION for _ in findings.unanswered_objections)
    return tuple(found)


def summarize(argument_map: ArgumentMap) -> EssaySummary:
    """The class-table row of one essay."""
    findings = feedback(argument_map)
    roles = [unit.role for unit in argument_map.units]
    return EssaySummary(
        central_claim=findings.central_claim is not None,
        central_label=findings.central_label,
        claims=sum(role is not UnitRole.PREMISE for role in roles),
        premises=roles.count(UnitRole.PREMISE),
        unsupported_claims=len(findings.unsupported_claims),
        objections=len(findings.objections),
        objections_answered=len(findings.objections) - len(findings.unanswered_objections),
        enumerations_complete=(
            None if not findings.enumerations else not findings.mismatched_enumerations
        ),
        warnings=warnings_of(findings),
        debate=findings.is_debate,
    )


@attrs.frozen
class Row:
    """One essay of a class: its name and either its summary, its error, or neither yet."""

    index: int
    name: str
    summary: EssaySummary | None = None
    error: str | None = None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "error"
        return "pending" if self.summary is None else "done"


#: The sortable columns of the class table: (heading, sort key of a summary).
COLUMNS: dict[str, tuple[str, Callable[[EssaySummary], Any]]] = {
    "central": ("central claim", lambda s: s.central_claim),
    "claims": ("claims", lambda s: s.claims),
    "premises": ("premises", lambda s: s.premises),
    "unsupported": ("unsupported claims", lambda s: s.unsupported_claims),
    "objections": ("objections considered", lambda s: s.objections),
    "answered": ("objections answered", lambda s: s.objections_answered),
    "enumeration": ("enumeration", lambda s: s.enumeration),
    "warnings": ("warnings", lambda s: len(s.warnings)),
}
SORT_KEYS = ("name", *COLUMNS)


def sorted_rows(rows: Sequence[Row], key: str, descending: bool) -> list[Row]:
    """The rows sorted on a column; rows without figures (errors, pending) always come last."""
    if key == "name":
        return sorted(rows, key=lambda row: (row.name.casefold(), row.index), reverse=descending)
    figure = COLUMNS[key][1]
    done = sorted(
        ((figure(row.summary), row.index, row) for row in rows if row.summary is not None),
        reverse=descending,
    )
    return [row for _figure, _index, row in done] + [row for row in rows if row.summary is None]


@attrs.frozen
class Bar:
    """One bar of the warnings chart: how many essays carry this warning."""

    warning: WarningKind
    essays: int
    y: int
    width: float


#: Geometry of the chart, in SVG user units.
CHART_LABEL_WIDTH = 190
CHART_BAR_WIDTH = 260
CHART_ROW_HEIGHT = 22


def warning_bars(rows: Sequence[Row]) -> list[Bar]:
    """The chart's bars: per warning, the essays (of those analysed) that carry it."""
    summaries = [row.summary for row in rows if row.summary is not None]
    most = max(len(summaries), 1)
    return [
        Bar(
            warning,
            count,
            index * CHART_ROW_HEIGHT,
            round(CHART_BAR_WIDTH * count / most, 1),
        )
        for index, warning in enumerate(WarningKind)
        for count in [sum(warning in summary.warnings for summary in summaries)]
    ]


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


def to_csv(rows: Sequence[Row]) -> str:
    """The class table as CSV, one line per essay in upload order."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        ["essay", "status", *(heading for heading, _key in COLUMNS.values()), "warning list"]
    )
    for row in rows:
        summary = row.summary
        if summary is None:
            writer.writerow([_cell(row.name), row.status, *[""] * len(COLUMNS), _cell(row.error)])
            continue
        figures = [
            summary.central,
            summary.claims,
            summary.premises,
            summary.unsupported_claims,
            summary.objections,
            summary.objections_answered,
            summary.enumeration,
            len(summary.warnings),
        ]
        listed = "; ".join(warning.value for warning in summary.warnings)
        writer.writerow([_cell(row.name), row.status, *figures, listed])
    return buffer.getvalue()


__all__ = [
    "COLUMNS",
    "SORT_KEYS",
    "Bar",
    "EssaySummary",
    "Row",
    "WarningKind",
    "sorted_rows",
    "summarize",
    "to_csv",
    "warning_bars",
    "warnings_of",
]
