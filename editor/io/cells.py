"""Table cells that spreadsheets never run: the defence against formula injection.

A unit or town name such as ``=HYPERLINK("http://…")``, ``+cmd|' /C calc'!A0`` or
``@SUM(A1)`` is text typed by someone, but Excel, LibreOffice and WPS evaluate a CSV
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and an
XLSX cell stored as a formula. Following the OWASP guidance on CSV injection
(https://owasp.org/www-community/attacks/CSV_Injection), such a CSV cell is written
with a leading single quote, which spreadsheets show as text and do not display; in
XLSX the cell is stored as a string, never as a formula (no quote needed, the text is
kept as it is).

:func:`csv_unescape` undoes :func:`csv_escape` when the program reads its own table
back, so a name survives the round trip unchanged (a name that itself begins with a
quote before one of those characters gets one more quote on writing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

#: first characters a spreadsheet takes as the start of a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _needs_quote(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) or (
        text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_STARTS)
    )


def csv_escape(value: Any) -> Any:
    """``value`` as a CSV cell: text that a spreadsheet would run gets a leading ``'``.

    Numbers are left alone (``-3`` stays a number); only text is escaped.

    >>> csv_escape('=HYPERLINK("http://x")'), csv_escape("城关镇"), csv_escape(-3)
    ('\\'=HYPERLINK("http://x")', '城关镇', -3)
    """
    if isinstance(value, str) and _needs_quote(value):
        return QUOTE + value
    return value


def csv_unescape(text: str) -> str:
    """The text :func:`csv_escape` was given (for reading the program's own CSV back)."""
    if text.startswith(QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row of cells escaped with :func:`csv_escape` (``None`` becomes an empty cell)."""
    return ["" if v is None else csv_escape(v) for v in values]


def text_not_formulas(worksheet: Any) -> int:
    """Store every formula cell of an openpyxl ``worksheet`` as a plain string.

    openpyxl turns any text beginning with ``=`` into a formula; the program writes no
    formulas, so every such cell is a name or a note and becomes a string cell.

    Returns
    -------
    int
        The number of cells changed.
    """
    changed = 0
    for row in worksheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
                changed += 1
    return changed
