"""Assignment tables: first column a town id (or name), second the merged unit's name."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from editor.core.commands import control_characters
from editor.core.messages import Message
from editor.errors import PlanError
from editor.io.read.files import check_input

HEADER_WORDS = {
    "id",
    "code",
    "town",
    "town_id",
    "name",
    "unit",
    "unit_name",
    "乡镇代码",
    "乡镇",
    "乡镇名称",
    "代码",
    "名称",
    "合并后乡镇",
    "合并后",
    "新乡镇",
    "调整后乡镇",
    "town id",
    "town name",
    "unit name",
}


def _looks_like_header(row: list[str]) -> bool:
    cells = [c.strip().lower() for c in row[:2]]
    return any(c in HEADER_WORDS for c in cells) or any(("合并" in c or "unit" in c) for c in cells)


def _decode(data: bytes, path: Path) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise PlanError(
        path, Message("error.table_neither_utf_nor", "the table is neither UTF-8 nor GBK text")
    )


def read_assignment_table(path: str | Path) -> list[tuple[str, str]]:
    """Rows ``(town id or name, unit name)`` from a CSV or XLSX table (header row allowed).

    Raises
    ------
    PlanError
        When the file is missing, unreadable, or has fewer than two columns.
    """
    path = check_input(path, PlanError)  # also: a FIFO or a device would block for ever
    suffix = path.suffix.lower()
    rows: list[list[str]]
    if suffix in (".xlsx", ".xlsm"):
        try:
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            ws = wb.worksheets[0]
            rows = [
                ["" if c is None else _cell(c) for c in r] for r in ws.iter_rows(values_only=True)
            ]
            wb.close()
        except Exception as exc:
            raise PlanError(
                path,
                Message(
                    "error.not_readable_workbook",
                    "not a readable Excel workbook ({error_type})",
                    error_type=type(exc).__name__,
                ),
            ) from None
    elif suffix in (".csv", ".txt", ".tsv"):
        try:
            text = _decode(path.read_bytes(), path)
        except OSError as exc:
            raise PlanError(
                path,
                Message(
                    "error.cannot_read_file",
                    "cannot read the file ({strerror})",
                    strerror=exc.strerror,
                ),
            ) from None
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [r for r in csv.reader(io.StringIO(text), dialect)]
    else:
        raise PlanError(
            path,
            Message(
                "error.unsupported_table_type_use",
                "unsupported table type {detail}; use .csv or .xlsx",
                detail=suffix or "(none)",
            ),
        )
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        raise PlanError(path, Message("error.table_empty", "the table is empty"))
    if max(len(r) for r in rows) < 2:
        raise PlanError(
            path,
            Message(
                "error.table_needs_two_columns",
                "the table needs two columns: town id (or name) and merged unit name",
            ),
        )
    out = own_table_rows(rows)
    if out is None:
        if _looks_like_header([str(c) for c in rows[0]]):
            rows = rows[1:]
        out = [(str(r[0]).strip(), str(r[1]).strip() if len(r) > 1 else "") for r in rows]
    _check_names(path, out)
    return out


def _check_names(path: Path, rows: list[tuple[str, str]]) -> None:
    """Unit names with control characters (NUL, BEL...) would be cut short or make
    invalid files later: refuse the table, naming the first such row."""
    for k, (town, unit) in enumerate(rows):
        bad = control_characters(unit) or control_characters(town)
        if bad:
            raise PlanError(
                path,
                Message(
                    "error.table_control_characters",
                    "row {row} ({town}) holds control characters ({chars}); "
                    "names cannot contain them",
                    row=k + 1,
                    town=town.encode("unicode_escape").decode("ascii"),
                    chars=", ".join(bad),
                ),
            )


def _own_headers() -> list[tuple[str, str, bool]]:
    """(town column, unit column, several towns per cell) of the tables this program
    writes, in both languages: the assignment table (town id, town name, unit id,
    unit name) and the units table (one row per unit, member ids joined by commas)."""
    from editor.core.columns import COLUMNS

    out = [
        ("town_id", "unit_name", False),
        ("乡镇代码", "合并后乡镇", False),
    ]
    for lang in ("en", "zh"):
        out.append(
            (
                getattr(COLUMNS["member_ids"], lang),
                getattr(COLUMNS["unit_name"], lang),
                True,
            )
        )
    return out


def own_table_rows(rows: list[list]) -> list[tuple[str, str]] | None:
    """Rows ``(town id, unit name)`` of a table this program wrote, found by its header
    (the town name is column 2 of the assignment table, so reading by position would
    take town names for unit names); ``None`` for any other table."""
    header = [str(c).strip() for c in rows[0]]
    for town_col, unit_col, several in _own_headers():
        if town_col in header and unit_col in header:
            t, u = header.index(town_col), header.index(unit_col)
            out: list[tuple[str, str]] = []
            for r in rows[1:]:
                if len(r) <= max(t, u):
                    continue
                unit = str(r[u]).strip()
                cell = str(r[t]).strip()
                for town in cell.split(",") if several else [cell]:
                    if town.strip():
                        out.append((town.strip(), unit))
            return out
    return None


def _cell(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
