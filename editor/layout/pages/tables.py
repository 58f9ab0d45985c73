"""The tables of the pages: merged units, a unit's member towns, the before/after summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from editor.core.parents import has_border_towns
from editor.core.plan import Plan
from editor.core.unit_figures import UnitFigures, unit_figures
from editor.layout import mapdraw as md
from editor.layout.pages.numbers import amount, km2, wan
from editor.layout.settings import LayoutSettings
from editor.layout.table import AUTO, NARROW, Column, Table


def figures_for(plan: Plan, settings: LayoutSettings, uids: Sequence[int]) -> UnitFigures:
    """The reform's figures of the units, from the settings' rules, facilities and carry."""
    return unit_figures(plan, settings.rules, settings.facilities, settings.carry, uids=uids)


def _figure_columns(settings: LayoutSettings, figures: UnitFigures) -> list[Column]:
    """Quota, then a column per facility category and per carried field (if any)."""
    cols = [Column(settings.text("col_quota"), NARROW, "right")] if figures.has_quota else []
    cols += [Column(c, NARROW, "right") for c in figures.categories]
    cols += [Column(c, NARROW, "right") for c in figures.carried_columns]
    return cols


MIN_TYPE_PT = 4.5  # smallest table type a printed page can still be read at


def _fit(build: Callable[[float], Table], size: float, width: float) -> Table:
    """Build a table at ``size`` pt, smaller when its fixed columns overflow ``width``."""
    table = build(size)
    for _ in range(3):  # widths are nearly proportional to the size: one step mostly does
        if table.width <= width * 1.001 or table.size <= MIN_TYPE_PT:
            break
        table = build(max(table.size * width / table.width * 0.995, MIN_TYPE_PT))
    return table


# the member-name column gives way to a count when the figure columns leave it less
MIN_MEMBERS_MM = 28.0


def unit_table(
    plan: Plan,
    geo: md.PlanGeometry,
    settings: LayoutSettings,
    width: float,
    size: float,
    figures: UnitFigures | None = None,
) -> tuple[Table, int]:
    """The merged-unit statistics table; returns it and how many units were left out.

    Besides population, area, seat and border status it carries the staffing quota and,
    when given, facility counts and carried sums (``figures``, else computed from the
    settings). When those leave the member-name column too narrow to read, it shows
    the number of member towns instead (the names are on the unit pages).
    """
    settings = settings.for_layer(plan.layer)
    t = settings.text
    layer = plan.layer
    border = has_border_towns(layer)  # else the border column is left out
    uids = geo.uids
    cap = max(int(settings.max_table_rows), 1)
    shown = uids[:cap]
    figures = figures if figures is not None else figures_for(plan, settings, uids)
    extra = _figure_columns(settings, figures)
    sep = "、" if settings.language == "zh" else ", "
    fills: list[str | None] = []
    names_rows, count_rows = [], []
    for k, uid in enumerate(shown, 1):
        st = plan.stats(uid)
        members = plan.members(uid)
        names = [str(layer.names[i]) for i in members]
        if len(names) > 60:
            names = [*names[:60], settings.text("more_units", n=len(members) - 60)]
        j = figures.position(uid)
        values = [amount(figures.quota[j])] if figures.has_quota else []
        values += [str(int(c)) for c in figures.facility_counts[j]]
        values += [amount(v) for v in figures.carried[j]]
        head = [str(k), plan.units[uid].name, str(layer.names[st.seat])]
        tail = [wan(st.known_population), km2(st.area_km2), *values]
        if border:
            tail.append(t("yes") if st.border else "")
        names_rows.append([*head, sep.join(names), *tail])
        count_rows.append([*head, str(st.towns), *tail])
        fills.append(md.palette_color(geo.unit_color[uid]))
    total_row = _unit_total_row(plan, figures, settings, uids, border)
    fills.append(None)

    def build(members: Column, rows: list[list[str]]) -> Callable[[float], Table]:
        cols = [
            Column(t("col_no"), AUTO, "center"),
            Column(t("col_unit"), AUTO),
            Column(t("col_seat"), AUTO),
            members,
            Column(t("col_pop"), AUTO, "right"),
            Column(t("col_area"), AUTO, "right"),
            *extra,
            *([Column(t("col_border"), AUTO, "center")] if border else []),
        ]
        return lambda sz: Table(
            cols, [*rows, total_row], width, sz, fills=fills, bold_last=True, swatch_col=1
        )

    table = build(Column(t("col_members"), 0), names_rows)(size)
    if table.flex_width() < MIN_MEMBERS_MM * size / 7:
        table = _fit(build(Column(t("col_towns"), NARROW, "right"), count_rows), size, width)
    return table, len(uids) - len(shown)


def _unit_total_row(
    plan: Plan, figures: UnitFigures, settings: LayoutSettings, uids, border: bool
) -> list[str]:
    """The unit table's last row: the county's totals."""
    summ = plan.summary()
    totals = [amount(figures.quota.sum())] if figures.has_quota else []
    totals += [str(int(c)) for c in figures.facility_counts.sum(axis=0)]
    totals += [amount(v) for v in figures.carried.sum(axis=0)]
    total_row = [
        "",
        settings.text("total"),
        "",
        f"{plan.layer.n}",
        wan(summ.after.population if summ.after.population_known else None),
        km2(summ.after.area_km2),
        *totals,
    ]
    if border:
        total_row.append(str(sum(plan.stats(u).border for u in uids)))
    return total_row


def member_table(
    plan: Plan,
    uid: int,
    settings: LayoutSettings,
    width: float,
    size: float,
    colors: dict,
    figures: UnitFigures | None = None,
) -> Table:
    """A unit's member towns: code, name, figures, flags, seat; with each town's own
    staffing quota and, when given, its facilities and carried values, summed below."""
    settings = settings.for_layer(plan.layer)
    t = settings.text
    layer = plan.layer
    seat = plan.seat_of(uid)
    figures = figures if figures is not None else figures_for(plan, settings, [uid])
    src = figures.sources
    quota = figures.has_quota
    own_quota = src.quota.town_totals()
    per_town = src.town_facility_counts() if figures.categories else None
    carried = [src.carried.values[c] for c in figures.carried_columns]
    extra = [Column(t("col_own_quota"), NARROW, "right")] if quota else []
    extra += [Column(c, NARROW, "right") for c in figures.categories]
    extra += [Column(c, NARROW, "right") for c in figures.carried_columns]
    cols = [
        Column(t("col_no"), AUTO, "center"),
        Column(t("col_code"), AUTO),
        Column(t("col_town"), AUTO),
        Column(t("col_pop"), AUTO, "right"),
        Column(t("col_area"), AUTO, "right"),
        *extra,
        Column(t("col_flags"), 0),
        Column(t("col_seat"), AUTO, "center"),
    ]
    rows, fills = [], []
    for k, i in enumerate(plan.members(uid).tolist(), 1):
        figures_of_town = [
            *([amount(own_quota[i])] if quota else []),
            *([] if per_town is None else [str(int(c)) for c in per_town[i]]),
            *[amount(v[i]) for v in carried],
        ]
        rows.append(_member_row(layer, settings, k, i, figures_of_town, i == seat))
        fills.append(colors.get(i))
    st = plan.stats(uid)
    j = figures.position(uid)
    rows.append(
        [
            "",
            t("total"),
            "",
            wan(st.known_population),
            km2(st.area_km2),
            *([amount(figures.quota_old[j])] if quota else []),
            *[str(int(c)) for c in figures.facility_counts[j]],
            *[amount(v) for v in figures.carried[j]],
            "",
            "",
        ]
    )
    fills.append(None)
    return _fit(
        lambda sz: Table(cols, rows, width, sz, fills=fills, bold_last=True, swatch_col=2),
        size,
        width,
    )


def _member_row(
    layer, settings: LayoutSettings, k: int, i: int, figures_of_town: list[str], is_seat: bool
) -> list[str]:
    """Town ``i``'s row of a member table (number ``k``)."""
    t = settings.text
    flags = [
        t(key)
        for key, on in (
            ("flag_border", layer.border[i]),
            ("flag_historic", layer.historic[i]),
            ("flag_county_seat", layer.county_seat[i]),
            ("flag_centre", layer.centre[i]),
        )
        if on
    ]
    pop = layer.population[i]
    return [
        str(k),
        str(layer.ids[i]),
        str(layer.names[i]),
        "—" if pop != pop else wan(float(pop)),
        km2(float(layer.area_km2[i])),
        *figures_of_town,
        "、".join(flags) if settings.language == "zh" else ", ".join(flags),
        "★" if is_seat else "",
    ]


def summary_table(
    plan: Plan,
    settings: LayoutSettings,
    width: float,
    size: float,
    figures: UnitFigures | None = None,
) -> Table:
    """Before/after figures (units, mean population, mean area, staffing quota; the quota
    row only where it applies, see :func:`editor.core.parents.quota_applies`)."""
    settings = settings.for_layer(plan.layer)
    t = settings.text
    if figures is None:
        figures = figures_for(plan, settings, plan.unit_ids())
    quota = figures.quota_totals()
    s = plan.summary()
    b, a = s.before, s.after
    bench = s.benchmark

    def change(x: float, y: float) -> str:
        return f"{(y - x) / x * 100:+.1f}%" if x else ""

    cols = [Column(t("sum_units"), 0), Column(t("sum_before"), 0, "right")]
    cols += [Column(t("sum_after"), 0, "right"), Column(t("sum_change"), 0, "right")]
    header = [t("summary"), t("sum_before"), t("sum_after"), t("sum_change")]
    rows = [
        [t("sum_units"), f"{b.units:,}", f"{a.units:,}", change(b.units, a.units)],
        [
            t("sum_pop"),
            wan(b.mean_population) if b.population_known else "—",
            wan(a.mean_population) if a.population_known else "—",
            change(b.mean_population, a.mean_population) if a.population_known else "",
        ],
        [
            t("sum_area"),
            km2(b.mean_area_km2),
            km2(a.mean_area_km2),
            change(b.mean_area_km2, a.mean_area_km2),
        ],
    ]
    if figures.has_quota:
        rows.append(
            [
                t("sum_quota"),
                amount(quota["old"]),
                amount(quota["new"]),
                change(quota["old"], quota["new"]),
            ]
        )
    if bench is not None:
        label = bench.label or t("sum_benchmark")
        cols.append(Column(t("sum_benchmark"), 0, "right"))
        header.append(label)
        rows[0].append("")
        rows[1].append("" if bench.mean_population is None else wan(bench.mean_population))
        rows[2].append("" if bench.mean_area_km2 is None else km2(bench.mean_area_km2))
        for row in rows[3:]:
            row.append("")
    first = width * 0.34
    rest = (width - first) / (len(cols) - 1)
    cols = [
        Column(h, first if j == 0 else rest, c.align)
        for j, (h, c) in enumerate(zip(header, cols, strict=True))
    ]
    return Table(cols, rows, width, size)


def _table_tail(fr, fonts, settings, x, bottom, continued, left_out, total) -> None:
    notes = []
    if continued:
        notes.append("续表见下页" if settings.language == "zh" else "continued on the next page")
    if left_out and not continued:
        notes.append(settings.text("rows_left_out", n=left_out, total=total))
    if notes:
        fr.pax.text(
            x,
            bottom - 1.5 * fr.s,
            "；".join(notes) if settings.language == "zh" else "; ".join(notes),
            ha="left",
            va="top",
            fontproperties=fonts.prop(6.5 * fr.s),
            color="#555555",
        )
