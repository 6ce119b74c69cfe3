"""One Markdown table writer for every evaluation's results (printable as plain text)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def markdown_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], *, right: Sequence[bool] = ()
) -> list[str]:
    """The lines of a Markdown table; ``right[i]`` aligns column ``i`` to the right.

    >>> markdown_table(["system", "F1"], [["argmine", "0.712"]], right=[False, True])
    ['| system | F1 |', '|---|---:|', '| argmine | 0.712 |']
    """
    aligned = [*right, *[False] * (len(header) - len(right))]
    rule = "|" + "|".join("---:" if flush else "---" for flush in aligned) + "|"
    return [_row(header), rule, *(_row(row) for row in rows)]


def _row(cells: Sequence[str]) -> str:
    return "|" + "|".join(f" {cell} " if cell else " " for cell in cells) + "|"
