"""Tables for the submission: old-to-new assignment and unit statistics (CSV, XLSX).

CSV is UTF-8 with a BOM, so Excel opens Chinese text correctly; XLSX keeps town codes
as text (a 12-digit code as a number would show as 5.3083E+11). Headers follow the UI
language (``"zh"`` or ``"en"``). Files are written atomically.

Importing an assignment table builds one :class:`ApplyAssignment` command (one undo
step) and reports the rows that matched no town.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.columns import carried_header, facility_header, table_headers
from editor.core.commands import ApplyAssignment
from editor.core.compare import Comparison, change_rows, figure_rows
from editor.core.messages import Message
from editor.core.plan import Plan, match_rows
from editor.core.ruleset import RuleSet
from editor.core.session import ambiguous_rows
from editor.core.unit_figures import FacilitySource, UnitFigures, unit_figures
from editor.errors import PlanError, WriteError
from editor.io.atomic import atomic_open, write_bytes
from editor.io.cells import csv_row, csv_unescape, text_not_formulas
from editor.io.facilities import unit_figures as read_unit_figures

KINDS = ("assignment", "units")

HEADERS = {
    "assignment": {
        "en": ["town_id", "town_name", "unit_id", "unit_name"],
        "zh": ["乡镇代码", "乡镇名称", "合并后编号", "合并后乡镇"],
    },
    # the base columns of the units table, from the column catalogue
    "units": {"en": table_headers("en"), "zh": table_headers("zh")},
    "summary": {
        "en": ["figure", "before", "after", "benchmark"],
        "zh": ["指标", "调整前", "调整后", "参照"],
    },
}
QUOTA_KEYS = ("quota", "quota_old")
SUMMARY_ROWS = {
    "en": ["units", "mean population", "mean area (km2)", "staffing quota"],
    "zh": ["乡镇数", "平均人口", "平均面积(平方公里)", "编制总数"],
}
YES_NO = {"en": ("yes", "no"), "zh": ("是", "否")}
TEXT_COLUMNS = {"town_id", "seat_id", "member_ids"}  # codes: keep as text in XLSX


def _lang(language: str) -> str:
    return "zh" if str(language).lower().startswith("zh") else "en"


def assignment_rows(plan: Plan, language: str = "zh") -> tuple[list[str], list[list]]:
    """Header and one row per town: town id, town name, unit id, unit name."""
    layer = plan.layer
    rows = []
    for uid in plan.unit_ids():
        name = plan.units[uid].name
        for t in plan.members(uid).tolist():
            rows.append([str(layer.ids[t]), str(layer.names[t]), int(uid), name])
    return list(HEADERS["assignment"][_lang(language)]), rows


def unit_rows(
    plan: Plan, language: str = "zh", figures: UnitFigures | None = None
) -> tuple[list[str], list[list]]:
    """Header and one row per merged unit with its figures.

    After the plan's own figures come the seat distances, the staffing quota (new, and
    the old total of the members' own quotas), then a count column per facility category
    and a sum column per carried field when ``figures`` has any (``figures`` defaults
    to :func:`editor.core.unit_figures.unit_figures` with the default rule set).
    """
    lang = _lang(language)
    yes, no = YES_NO[lang]
    layer = plan.layer
    uids = plan.unit_ids()
    if figures is None:
        figures = unit_figures(plan, uids=uids)
    rows = []
    for uid in uids:
        k = figures.position(uid)
        s = plan.stats(uid)
        m = plan.members(uid).tolist()
        rows.append(
            [
                int(uid),
                plan.units[uid].name,
                str(layer.ids[s.seat]),
                str(layer.names[s.seat]),
                int(s.towns),
                ",".join(str(layer.ids[t]) for t in m),
                "、".join(str(layer.names[t]) for t in m),
                None if s.missing_population == s.towns else float(s.population),
                int(s.missing_population),
                round(float(s.area_km2), 4),
                int(s.border_towns),
                int(s.historic_towns),
                yes if s.county_seat else no,
                int(s.centre_towns),
                yes if s.contiguous else no,
                round(float(figures.service_radius_km[k]), 3),
                round(float(figures.mean_distance_km[k]), 3),
                _number(figures.quota[k]),
                _number(figures.quota_old[k]),
                plan.units[uid].note,
                *(int(c) for c in figures.facility_counts[k]),
                *(_number(v) for v in figures.carried[k]),
            ]
        )
    header = list(HEADERS["units"][lang])
    if not figures.has_quota:
        # a township figure: not in a village layer's table unless the rules apply it
        keep = [i for i, key in enumerate(HEADERS["units"]["en"]) if key not in QUOTA_KEYS]
        header = [header[i] for i in keep]
        rows = [[row[i] for i in keep] + row[len(HEADERS["units"]["en"]) :] for row in rows]
    return header + extra_headers(figures, lang), rows


def extra_headers(figures: UnitFigures, language: str = "zh") -> list[str]:
    """Headers of the facility-count and carried-sum columns of the units table."""
    zh = _lang(language) == "zh"
    out = [facility_header(c, zh) for c in figures.categories]
    out += [carried_header(c, zh) for c in figures.carried_columns]
    return out


def _number(value: float) -> int | float:
    """Whole numbers as int (a quota is people), others rounded to 4 decimals."""
    value = float(value)
    return int(value) if value == round(value) else round(value, 4)


def summary_rows(
    plan: Plan, language: str = "zh", figures: UnitFigures | None = None
) -> tuple[list[str], list[list]]:
    """Before/after figures; with ``figures``, the staffing quota old vs new as well."""
    lang = _lang(language)
    s = plan.summary()
    b = s.benchmark
    labels = SUMMARY_ROWS[lang]
    rows: list[list] = [
        [labels[0], s.before.units, s.after.units, None],
        [
            labels[1],
            round(s.before.mean_population, 1) if s.before.population_known else None,
            round(s.after.mean_population, 1) if s.after.population_known else None,
            None if b is None else b.mean_population,
        ],
        [
            labels[2],
            round(s.before.mean_area_km2, 3),
            round(s.after.mean_area_km2, 3),
            None if b is None else b.mean_area_km2,
        ],
    ]
    if figures is not None and figures.has_quota:
        q = figures.quota_totals()
        rows.append([labels[3], _number(q["old"]), _number(q["new"]), None])
    return list(HEADERS["summary"][lang]), rows


def write_csv(path: str | Path, header: Sequence[str], rows: Sequence[Sequence]) -> Path:
    """Write a CSV in UTF-8 with a BOM (Excel-friendly), atomically."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(csv_row(header))
    for r in rows:
        w.writerow(csv_row(r))  # names a spreadsheet would run get a leading quote
    write_bytes(path, buf.getvalue().encode("utf-8-sig"))
    return Path(path)


def write_xlsx(
    path: str | Path,
    sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence]]],
    text_columns: Sequence[int | Sequence[int]] = (),
) -> Path:
    """Write sheets ``(title, header, rows)`` to an XLSX workbook, atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for k, (title, header, rows) in enumerate(sheets):
        ws = wb.create_sheet(title=title[:31])
        ws.append(list(header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        cols = text_columns[k] if k < len(text_columns) else ()
        texts = {cols} if isinstance(cols, int) else set(cols)
        for r in rows:
            ws.append(list(r))
        for col in texts:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col + 1, max_col=col + 1):
                cell.number_format = "@"
        for j, h in enumerate(header):
            width = max([len(str(h)) * 2] + [len(str(r[j])) for r in rows[:200]]) + 2
            ws.column_dimensions[ws.cell(row=1, column=j + 1).column_letter].width = min(width, 60)
        ws.freeze_panes = "A2"
        text_not_formulas(ws)  # a name beginning with "=" is text, never a formula
    with atomic_open(path, "wb") as fh:
        wb.save(fh)
    return Path(path)


def export_table(
    plan: Plan,
    path: str | Path,
    kind: str = "assignment",
    language: str = "zh",
    *,
    rules: RuleSet | None = None,
    facilities: Sequence[FacilitySource] = (),
    carry: Sequence[str] = (),
) -> Path:
    """Write the assignment (``kind="assignment"``) or unit statistics (``"units"``) table.

    The format follows the extension: ``.csv`` (UTF-8 with BOM) or ``.xlsx``; an XLSX of
    unit statistics gets a second sheet with the before/after summary (and the staffing
    quota before and after).

    For ``kind="units"``: ``rules`` (``None`` = the default rule set) drives the quota
    columns, ``facilities`` (``FacilityLayer`` objects or point-layer paths) adds a count
    column per category, ``carry`` (numeric fields; empty = the rule set's
    ``carried_fields``) a sum column each. The assignment table ignores them.

    Raises
    ------
    WriteError
        Unsupported extension or unwritable folder.
    LayerError
        A facility layer that cannot be read, a carried field missing or not numeric.
    """
    path = Path(path)
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise WriteError(
            path,
            Message(
                "error.unsupported_table_type_use",
                "unsupported table type {detail}; use .csv or .xlsx",
                detail=suffix or "(none)",
            ),
        )
    figures = None
    if kind == "assignment":
        header, rows = assignment_rows(plan, language)
    else:
        figures = read_unit_figures(plan, rules, facilities, carry)
        header, rows = unit_rows(plan, language, figures)
    lang = _lang(language)
    if suffix == ".csv":
        return write_csv(path, header, rows)
    if suffix == ".xlsx":
        en = HEADERS[kind]["en"]
        text_cols = [i for i, h in enumerate(en) if h in TEXT_COLUMNS]
        if kind == "assignment":
            title = "调整对照表" if lang == "zh" else "assignment"
            return write_xlsx(path, [(title, header, rows)], [text_cols])
        sh, sr = summary_rows(plan, language, figures)
        return write_xlsx(
            path,
            [
                ("合并后乡镇" if lang == "zh" else "units", header, rows),
                ("汇总" if lang == "zh" else "summary", sh, sr),
            ],
            [text_cols, []],
        )
    raise WriteError(
        path,
        Message(
            "error.unsupported_table_type_use",
            "unsupported table type {detail}; use .csv or .xlsx",
            detail=suffix or "(none)",
        ),
    )


# -- import ------------------------------------------------------------------------------
@dataclass
class TableImport:
    """An assignment table matched against a plan, ready to apply as one undo step."""

    path: Path
    command: ApplyAssignment | None  # None when no row matched
    matched: int
    unmatched: list[str] = field(default_factory=list)
    units: int = 0
    ambiguous: list[str] = field(default_factory=list)  # Messages: a name two towns carry

    def report(self) -> str:
        msg = f"{self.path.name}: {self.matched} town(s) into {self.units} unit(s)"
        for line in self.ambiguous:
            msg += f"; {line}"
        if self.unmatched:
            more = f" and {len(self.unmatched) - 10} more" if len(self.unmatched) > 10 else ""
            msg += f"; {len(self.unmatched)} row(s) matched no town: {', '.join(self.unmatched[:10])}{more}"
        return msg


def import_assignment_table(plan: Plan, path: str | Path) -> TableImport:
    """Read an assignment table (CSV/XLSX: town id or name, unit name) for ``plan``.

    Does not change the plan: push ``result.command`` (GUI) or call
    ``result.command.redo(plan)``; undoing it restores the plan as it was.

    Raises
    ------
    PlanError
        When the table cannot be read.
    """
    from editor.io.plantable import read_assignment_table

    path = Path(path)
    rows = _own_assignment_rows(path)
    if rows is None:
        rows = read_assignment_table(path)
    groups, unmatched = match_rows(plan.layer, rows)
    ambiguous, unmatched = ambiguous_rows(plan.layer, unmatched)
    if not groups:
        if not rows:
            raise PlanError(path, Message("error.table_has_no_rows", "the table has no rows"))
        return TableImport(path, None, 0, unmatched, 0, ambiguous)
    matched = sum(len(v) for v in groups.values())
    return TableImport(path, ApplyAssignment(groups), matched, unmatched, len(groups), ambiguous)


def _own_assignment_rows(path: Path) -> list[tuple[str, str]] | None:
    """Rows of a table this program wrote (town id, town name, unit id, unit name).

    Generic tables have the unit name in the second column; ours has it in the fourth,
    so our own header is recognised and read by position. ``None`` for other tables.
    """
    headers = [HEADERS["assignment"]["en"], HEADERS["assignment"]["zh"]]
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = data.decode("gb18030")
            table = [[csv_unescape(c) for c in r] for r in csv.reader(io.StringIO(text))]
        elif suffix in (".xlsx", ".xlsm"):
            import openpyxl

            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            table = [
                ["" if c is None else str(c) for c in r]
                for r in wb.worksheets[0].iter_rows(values_only=True)
            ]
            wb.close()
        else:
            return None
    except Exception:  # let the generic reader produce the proper error
        return None
    if not table or [c.strip() for c in table[0][:4]] not in headers:
        return None
    return [(r[0].strip(), r[3].strip()) for r in table[1:] if len(r) >= 4 and r[0].strip()]


def export_changes(comparison: Comparison, path: str | Path, language: str = "zh") -> Path:
    """Write the towns that changed between two plans (``editor.core.compare``).

    ``.csv`` (UTF-8 with BOM) holds the changes; ``.xlsx`` adds a sheet with the figures
    of both plans side by side. Town codes stay text in XLSX.

    Raises
    ------
    WriteError
        Unsupported extension or unwritable folder.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    header, rows = change_rows(comparison, language)
    if suffix == ".csv":
        return write_csv(path, header, rows)
    if suffix == ".xlsx":
        zh = _lang(language) == "zh"
        fh, fr = figure_rows(comparison, language)
        return write_xlsx(
            path,
            [
                ("变化乡镇" if zh else "changes", header, rows),
                ("对比" if zh else "figures", fh, fr),
            ],
            [[0], []],
        )
    raise WriteError(
        path,
        Message(
            "error.unsupported_table_type_use",
            "unsupported table type {detail}; use .csv or .xlsx",
            detail=suffix or "(none)",
        ),
    )
