"""Page compositions: overview, before/after, one page per merged unit, table pages.

Every page is laid out in millimetres on a full-page "page" axes (title, legend,
tables, footer) with map axes placed on top. Functions draw into the Figure they are
given and return it; :func:`pages` makes the Figures of a whole layout lazily, with
page numbers known in advance (tables are split before anything is drawn).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from editor.core.coloring import greedy_colors
from editor.core.parents import has_border_towns
from editor.core.plan import Plan
from editor.core.unit_figures import UnitFigures, unit_figures
from editor.layout import mapdraw as md
from editor.layout.fonts import LayoutFonts, find_cjk_font, layout_rc
from editor.layout.settings import LayoutSettings
from editor.layout.table import AUTO, NARROW, Column, Row, Table

# -- small helpers ------------------------------------------------------------------------


def new_figure(settings: LayoutSettings) -> Figure:
    """A blank page of the right size (no pyplot: not tracked, nothing to close globally)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = Figure(figsize=settings.figsize, dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _scale(settings: LayoutSettings) -> float:
    """Type and furniture grow with the paper: 1 on A4, ~1.41 on A3, 2 on A2."""
    w, h = settings.page_mm
    return math.sqrt(w * h / (210 * 297))


def wan(pop: float) -> str:
    return f"{pop / 1e4:,.2f}"


def km2(area: float) -> str:
    return f"{area:,.1f}"


def amount(value: float) -> str:
    """A quota or a carried sum: whole numbers without decimals."""
    value = float(value)
    if value != value:
        return "—"
    return (
        f"{value:,.0f}"
        if abs(value - round(value)) < 1e-9 or abs(value) >= 1e5
        else f"{value:,.2f}"
    )


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


@dataclass
class Frame:
    """The page's geometry in mm and its full-page axes."""

    fig: Figure
    pax: Axes
    w: float
    h: float
    s: float
    margin: float
    body: tuple[float, float, float, float]  # x, y, w, h


def page_frame(fig: Figure, settings: LayoutSettings) -> Frame:
    fig.set_size_inches(*settings.figsize)
    w, h = settings.page_mm
    s = _scale(settings)
    pax = fig.add_axes((0, 0, 1, 1), label="page")
    pax.set_xlim(0, w)
    pax.set_ylim(0, h)
    pax.set_axis_off()
    pax.set_zorder(-1)
    margin = 8 + 2 * s
    header = 17 * s
    footer = 9 * s
    body = (margin, margin + footer, w - 2 * margin, h - 2 * margin - header - footer)
    return Frame(fig, pax, w, h, s, margin, body)


def draw_header(fr: Frame, fonts: LayoutFonts, title: str, subtitle: str) -> None:
    x, top = fr.margin, fr.h - fr.margin
    fr.pax.text(
        x, top, title, ha="left", va="top", fontproperties=fonts.prop(19 * fr.s, True), zorder=3
    )
    fr.pax.text(
        x,
        top - 9.5 * fr.s,
        subtitle,
        ha="left",
        va="top",
        fontproperties=fonts.prop(9.5 * fr.s),
        color="#333333",
        zorder=3,
    )
    y = top - 15.5 * fr.s
    fr.pax.plot([x, fr.w - fr.margin], [y, y], color="#333333", lw=1.0)


def draw_footer(
    fr: Frame,
    fonts: LayoutFonts,
    plan: Plan,
    settings: LayoutSettings,
    note: str,
    page: int,
    n: int,
) -> None:
    x, y = fr.margin, fr.margin
    layer = plan.layer
    crs = layer.metric_crs
    lon, lat = projection_centre(crs)
    src = layer.report.path.name if layer.report.path else "-"
    footer = settings.text(
        "footer",
        date=settings.the_date().isoformat(),
        source=src,
        lon=f"{lon:.2f}",
        lat=f"{lat:.2f}",
        page=page,
        pages=n,
    )
    fr.pax.plot([x, fr.w - fr.margin], [y + 7.2 * fr.s] * 2, color="#999999", lw=0.4)
    if note:
        fr.pax.text(
            x,
            y + 6.2 * fr.s,
            note,
            ha="left",
            va="top",
            fontproperties=fonts.prop(7.5 * fr.s),
            zorder=3,
        )
    fr.pax.text(
        fr.w - fr.margin,
        y,
        footer,
        ha="right",
        va="bottom",
        fontproperties=fonts.prop(6 * fr.s),
        color="#555555",
        zorder=3,
    )


def projection_centre(crs) -> tuple[float, float]:
    """Longitude and latitude of the natural origin of the layer's metric projection."""
    params = {}
    op = getattr(crs, "coordinate_operation", None)
    for p in getattr(op, "params", None) or ():
        params[p.name] = p.value
    return (
        float(params.get("Longitude of natural origin", float("nan"))),
        float(params.get("Latitude of natural origin", float("nan"))),
    )


def default_subtitle(plan: Plan, settings: LayoutSettings) -> str:
    if settings.subtitle:
        return settings.subtitle
    n, m = plan.layer.n, len(plan.units)
    counts = settings.for_layer(plan.layer).text("counts", n=n, m=m)
    parts = [settings.county, settings.plan_name, counts, settings.the_date().isoformat()]
    return " · ".join(p for p in parts if p)


def section_title(fr: Frame, fonts: LayoutFonts, x: float, y: float, text: str) -> float:
    fr.pax.text(
        x, y, text, ha="left", va="top", fontproperties=fonts.prop(9.5 * fr.s, True), zorder=3
    )
    return y - 6 * fr.s


# -- tables -------------------------------------------------------------------------------


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
        tail = [wan(st.population), km2(st.area_km2), *values]
        if border:
            tail.append(t("yes") if st.border else "")
        names_rows.append([*head, sep.join(names), *tail])
        count_rows.append([*head, str(st.towns), *tail])
        fills.append(md.palette_color(geo.unit_color[uid]))
    summ = plan.summary()
    totals = [amount(figures.quota.sum())] if figures.has_quota else []
    totals += [str(int(c)) for c in figures.facility_counts.sum(axis=0)]
    totals += [amount(v) for v in figures.carried.sum(axis=0)]
    total_row = [
        "",
        t("total"),
        "",
        f"{layer.n}",
        wan(summ.after.population),
        km2(summ.after.area_km2),
        *totals,
    ]
    if border:
        total_row.append(str(sum(plan.stats(u).border for u in uids)))
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
        rows.append(
            [
                str(k),
                str(layer.ids[i]),
                str(layer.names[i]),
                "—" if pop != pop else wan(float(pop)),
                km2(float(layer.area_km2[i])),
                *([amount(own_quota[i])] if quota else []),
                *([] if per_town is None else [str(int(c)) for c in per_town[i]]),
                *[amount(v[i]) for v in carried],
                "、".join(flags) if settings.language == "zh" else ", ".join(flags),
                "★" if i == seat else "",
            ]
        )
        fills.append(colors.get(i))
    st = plan.stats(uid)
    j = figures.position(uid)
    rows.append(
        [
            "",
            t("total"),
            "",
            wan(st.population),
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


# -- legend -----------------------------------------------------------------------------


def legend_height(n_units: int, width: float, s: float, symbols: int) -> tuple[float, int]:
    row = 4.6 * s
    cols = max(1, int(width // (30 * s)))
    rows = math.ceil(n_units / cols)
    return 6 * s + symbols * row + 2 * s + rows * row, cols


def draw_legend(
    fr: Frame,
    fonts: LayoutFonts,
    settings: LayoutSettings,
    x: float,
    top: float,
    width: float,
    height: float,
    units: Sequence[tuple[str, str]],
    symbols: Sequence[tuple[str, str]],
) -> float:
    """Symbol key then colour swatches of the units in columns; returns the bottom."""
    s = fr.s
    pax = fr.pax
    size = 7 * s
    row = 4.6 * s
    y = section_title(fr, fonts, x, top, settings.text("legend"))
    sw, sh = 6 * s, 3.0 * s
    for kind, label in symbols:
        cy = y - row / 2
        if kind == "unit":
            pax.plot([x, x + sw], [cy, cy], color=md.UNIT_EDGE, lw=1.6 * s)
        elif kind == "town":
            pax.plot([x, x + sw], [cy, cy], color=md.TOWN_EDGE, lw=0.4 * s)
        elif kind == "parent":
            md.parent_legend_line(pax, [x, x + sw], [cy, cy], s)
            pax.plot([x, x + sw], [cy, cy], color=md.UNIT_EDGE, lw=0.8 * s)
        elif kind == "border":
            pax.plot([x, x + sw], [cy, cy], color=md.BORDER_COLOR, lw=4.5 * s, alpha=0.45)
            pax.plot([x, x + sw], [cy, cy], color="#7b1f16", lw=1.0 * s, ls=(0, (6, 2, 1, 2)))
        elif kind == "seat":
            pax.plot(
                [x + sw / 2], [cy], marker="*", ms=6 * s, color="#c0392b", mec="white", mew=0.4
            )
        elif kind == "neighbour":
            pax.add_patch(
                Rectangle((x, cy - sh / 2), sw, sh, fc=md.FAINT_FILL, ec=md.FAINT_EDGE, lw=0.5)
            )
        elif kind == "line":
            pax.plot([x, x + sw], [cy, cy], color="#2e86c1", lw=0.9 * s)
        pax.text(x + sw + 2 * s, cy, label, va="center_baseline", fontproperties=fonts.prop(size))
        y -= row
    if not units:
        return y
    y -= 1 * s
    cols = max(1, int(width // (30 * s)))
    col_w = width / cols
    avail_rows = max(1, int((y - (top - height)) // row))
    capacity = avail_rows * cols
    shown = list(units)
    more = 0
    if len(shown) > capacity:
        more = len(shown) - (capacity - 1)
        shown = shown[: capacity - 1]
    per_col = math.ceil((len(shown) + (1 if more else 0)) / cols)
    for k, (name, color) in enumerate(shown):
        c, r = divmod(k, per_col)
        cx, cy = x + c * col_w, y - r * row - row / 2
        pax.add_patch(Rectangle((cx, cy - sh / 2), sw, sh, fc=color, ec="#444444", lw=0.4))
        pax.text(cx + sw + 1.5 * s, cy, name, va="center_baseline", fontproperties=fonts.prop(size))
    if more:
        c, r = divmod(len(shown), per_col)
        pax.text(
            x + c * col_w,
            y - r * row - row / 2,
            settings.text("more_units", n=more),
            va="center_baseline",
            fontproperties=fonts.prop(size),
        )
    return y - per_col * row


# -- maps -------------------------------------------------------------------------------


def _label_size(s: float, n: int) -> float:
    """Base label size: smaller when there are many units to label."""
    return max(4.5, min(9.0, 9.0 - 1.2 * math.log10(max(n, 1) / 20)) * s) if n > 20 else 9.0 * s


def draw_plan_map(
    fig: Figure,
    fr: Frame,
    plan: Plan,
    geo: md.PlanGeometry,
    settings: LayoutSettings,
    fonts: LayoutFonts,
    rect: tuple[float, float, float, float],
    references: Iterable = (),
    mode: str = "after",
    bounds: Sequence[float] | None = None,
    metres_per_mm: float | None = None,
) -> Axes:
    """A map of the plan: ``mode`` "after" (merged units) or "before" (each town)."""
    layer = plan.layer
    ax, m_per_mm = md.add_map_axes(
        fig, rect, (fr.w, fr.h), bounds if bounds is not None else geo.bounds
    )
    if metres_per_mm is not None and metres_per_mm > m_per_mm:
        # a shared scale (before/after): widen the limits about the centre
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        k = metres_per_mm / m_per_mm
        ax.set_xlim(cx - (cx - x0) * k, cx + (x1 - cx) * k)
        ax.set_ylim(cy - (cy - y0) * k, cy + (y1 - cy) * k)
        m_per_mm = metres_per_mm
        ax.metres_per_mm = m_per_mm
    towns_m = md.simplify_for(layer.geometry_m, m_per_mm)
    s = fr.s
    # thin town lines vanish on a province: scale them with the town density
    town_lw = 0.35 if layer.n < 2000 else 0.12
    if mode == "before":
        colors = [md.palette_color(c) for c in geo.town_color]
        md.draw_fills(ax, towns_m, colors, zorder=1)
        md.draw_lines(ax, towns_m, md.UNIT_EDGE, 0.6 if layer.n < 2000 else 0.12, zorder=3)
    else:
        colors = [md.palette_color(geo.unit_color[u]) for u in geo.uids]
        units_m = md.simplify_for(geo.unit_geoms, m_per_mm)
        md.draw_fills(ax, units_m, colors, zorder=1)
        if not geo.identity:
            md.draw_lines(ax, towns_m, md.TOWN_EDGE, town_lw, zorder=2, linestyle=(0, (2, 1.2)))
        md.draw_lines(ax, units_m, md.UNIT_EDGE, 1.3 * s if layer.n < 2000 else 0.25, zorder=3)
    if geo.parents is not None:
        md.draw_parent_lines(ax, geo.parents, m_per_mm, s, fine=layer.n >= 2000)
    md.draw_references(ax, references, m_per_mm, s)
    renderer = md._renderer(fig)
    _, sb_box = md.draw_scale_bar(ax, m_per_mm, fonts, 6.5 * s, settings.language)
    na_box = md.draw_north_arrow(
        ax, m_per_mm, layer.metric_crs, fonts, 9 * s, settings.text("north")
    )
    avoid = [sb_box, na_box]
    if mode == "before":
        # only the largest towns can win a label: anchor just those
        cand = np.argsort(-layer.area_km2, kind="stable")[: 2 * settings.max_labels]
        anchors = geo.town_anchors(cand)
        items = [
            md.LabelItem(
                float(a[0]),
                float(a[1]),
                str(layer.names[i]),
                float(layer.area_km2[i]),
                _label_size(s, layer.n) * 0.8,
                float(a[2]),
            )
            for i, a in zip(cand.tolist(), anchors, strict=True)
            if np.isfinite(a[0])
        ]
    else:
        items = []
        # only the largest units can win a label: anchor just those
        cand = sorted(geo.uids, key=lambda u: -plan.stats(u).area_km2)[: 2 * settings.max_labels]
        unit_anchors = geo.unit_anchors(cand)
        for uid in cand:
            x, y, r = unit_anchors[uid]
            if not np.isfinite(x):
                continue
            st = plan.stats(uid)
            pop = (
                f"{wan(st.population)}万"
                if settings.language == "zh"
                else f"{st.population / 1e3:,.0f}k"
            )
            items.append(
                md.LabelItem(
                    x,
                    y,
                    f"{plan.units[uid].name}\n{pop}",
                    st.area_km2,
                    _label_size(s, len(geo.uids)),
                    r,
                    bold=False,
                )
            )
        # seats: a small star at the seat town's anchor
        seats = [
            plan.seat_of(u)
            for u in geo.uids[: settings.max_labels]
            if len(plan.units[u].members) > 1
        ]
        if seats and len(geo.uids) <= settings.max_labels:
            pts = geo.town_anchors(seats)[:, :2]
            ax.plot(
                pts[:, 0],
                pts[:, 1],
                ls="none",
                marker="*",
                ms=7 * s,
                color="#c0392b",
                mec="white",
                mew=0.5,
                zorder=7,
            )
            avoid.extend(_marker_boxes(ax, pts, 3.0 * s))
    md.place_labels(
        ax,
        items,
        fonts,
        renderer,
        m_per_mm,
        min_size=4.5,
        limit=settings.max_labels,
        avoid=avoid,
    )
    return ax


def _marker_boxes(ax: Axes, pts: np.ndarray, size_mm: float) -> list:
    """Display-space boxes of point markers ``size_mm`` across, for labels to avoid."""
    from matplotlib.transforms import Bbox

    h = size_mm * ax.figure.dpi / 25.4
    xy = ax.transData.transform(pts)
    return [Bbox.from_bounds(x - h / 2, y - h / 2, h, h) for x, y in xy]


# -- the page kinds ----------------------------------------------------------------------


@dataclass
class _Ctx:
    plan: Plan
    settings: LayoutSettings
    fonts: LayoutFonts
    geo: md.PlanGeometry
    references: Sequence
    figures: UnitFigures


MAP_FRACTIONS = (0.58, 0.53, 0.48, 0.44)  # of the body; smaller ones leave room for a table


def _regions(
    fr: Frame, landscape: bool, frac: float = MAP_FRACTIONS[0]
) -> dict[str, tuple[float, float, float, float]]:
    """Map and side-panel rectangles of a map page (x, y, w, h in mm)."""
    bx, by, bw, bh = fr.body
    gap = 5 * fr.s
    if landscape:
        mw = bw * (frac + 0.04)
        return {"map": (bx, by, mw, bh), "side": (bx + mw + gap, by, bw - mw - gap, bh)}
    mh = bh * frac
    return {"map": (bx, by + bh - mh, bw, mh), "side": (bx, by, bw, bh - mh - gap)}


def _symbols(ctx: _Ctx, unit_page: bool = False) -> list[tuple[str, str]]:
    t = ctx.settings.text
    out = [("unit", t("unit_boundary"))]
    if ctx.geo.parents is not None:
        out.append(("parent", t("parent_boundary")))
    if not ctx.geo.identity or unit_page:
        out.append(("town", t("town_boundary")))
    if ctx.geo.uids and len(ctx.geo.uids) <= ctx.settings.max_labels:
        out.append(("seat", t("seat")))
    if unit_page:
        out.append(("neighbour", t("neighbour")))
    for ref in ctx.references or ():
        name = getattr(ref, "name", "") or getattr(getattr(ref, "path", None), "stem", "")
        border = any(k in name for k in ("国界", "边界", "border", "Border"))
        out.append(("border" if border else "line", name or "reference"))
    return out


def _overview_side(
    ctx: _Ctx,
    fr: Frame,
    side: tuple[float, float, float, float],
    landscape: bool,
    map_rect: tuple[float, float, float, float],
) -> dict:
    """Where legend, summary and table go beside/below the overview map."""
    sx, sy, sw, sh = side
    s = fr.s
    units = [
        (ctx.plan.units[u].name, md.palette_color(ctx.geo.unit_color[u])) for u in ctx.geo.uids
    ]
    symbols = _symbols(ctx)
    size = 7 * s
    summ = summary_table(
        ctx.plan, ctx.settings, min(sw, 110 * s) if landscape else sw * 0.38, size, ctx.figures
    )
    if landscape:
        leg_w = sw
        lh, _ = legend_height(len(units), leg_w, s, len(symbols))
        lh = min(lh, sh * 0.42)
        return {
            "legend": (sx, sy + sh, leg_w, lh),
            "summary": (sx, sy + sh - lh - 3 * s),
            "table": (
                sx,
                sy
                + sh
                - lh
                - 3 * s
                - 6 * s
                - summ.header.height
                - sum(r.height for r in summ.rows)
                - 5 * s,
                sw,
            ),
            "summ": summ,
        }
    # a map narrower than the page leaves a column beside it for legend and summary,
    # and the table gets the full width below
    mx, my, mw, mh = map_rect
    b = ctx.geo.bounds
    aspect = max(b[3] - b[1], 1.0) / max(b[2] - b[0], 1.0)
    need_w = mh / aspect * 1.02 + 2 * 0.04 * mh / aspect
    spare = mw - need_w - 5 * s
    if spare >= 55 * s:
        col_w = min(spare, 95 * s)
        mw2 = mw - col_w - 5 * s
        px = mx + mw2 + 5 * s
        summ = summary_table(ctx.plan, ctx.settings, col_w, size, ctx.figures)
        summ_h = 6 * s + summ.header.height + sum(r.height for r in summ.rows)
        lh = mh - summ_h - 4 * s
        return {
            "map": (mx, my, mw2, mh),
            "legend": (px, my + mh, col_w, lh),
            "summary": (px, my + summ_h),
            "table": (sx, sy + sh, sw),
            "summ": summ,
        }
    left_w = sw * 0.38
    lh, _ = legend_height(len(units), left_w, s, len(symbols))
    summ_h = 6 * s + summ.header.height + sum(r.height for r in summ.rows)
    lh = min(lh, sh - summ_h - 4 * s)
    return {
        "legend": (sx, sy + sh, left_w, lh),
        "summary": (sx, sy + sh - lh - 3 * s),
        "table": (sx + left_w + 5 * s, sy + sh, sw - left_w - 5 * s),
        "summ": summ,
    }


def _overview_plan(ctx: _Ctx) -> tuple[dict, list[tuple[Table, list[Row]]], Table, int]:
    """Layout of the overview's side panel and the table split into page chunks."""
    fr = _dummy_frame(ctx.settings)
    # the largest map that lets the table end on the first page, if any does (a plan of
    # many units has no chance: don't try)
    # many units has no chance: don't try); then the same with slightly smaller type
    # (the figure columns make the table wider and its rows taller)
    for type_scale in (1.0, 0.88) if len(ctx.geo.uids) <= 80 else ():
        for frac in MAP_FRACTIONS:
            info = _overview_plan_at(ctx, fr, frac, type_scale)
            if len(info[1]) == 1:
                return info
    return _overview_plan_at(ctx, fr, MAP_FRACTIONS[0])


def _overview_plan_at(ctx: _Ctx, fr: Frame, frac: float, type_scale: float = 1.0):
    s = fr.s
    reg = _regions(fr, ctx.settings.landscape, frac)
    side = _overview_side(ctx, fr, reg["side"], ctx.settings.landscape, reg["map"])
    side.setdefault("map", reg["map"])
    tx, ttop, tw = side["table"]
    table, left_out = unit_table(
        ctx.plan, ctx.geo, ctx.settings, tw, 7 * s * type_scale, ctx.figures
    )
    first_h = ttop - 6 * s - fr.body[1] - (5 * s if left_out else 0)
    chunks = table.paginate(first_h, fr.body[3] - 6 * s - 5 * s, min(fr.body[2], 190 * s))
    return side, chunks, table, left_out


def _dummy_frame(settings: LayoutSettings) -> Frame:
    w, h = settings.page_mm
    s = _scale(settings)
    margin = 8 + 2 * s
    header, footer = 17 * s, 9 * s
    body = (margin, margin + footer, w - 2 * margin, h - 2 * margin - header - footer)
    return Frame(None, None, w, h, s, margin, body)  # type: ignore[arg-type]


def _draw_overview(fig: Figure, ctx: _Ctx, page: int, pages: int, plan_info=None) -> Figure:
    settings, fonts, plan = ctx.settings, ctx.fonts, ctx.plan
    side, chunks, table, left_out = plan_info or _overview_plan(ctx)
    fr = page_frame(fig, settings)
    draw_header(
        fr, fonts, settings.title or settings.text("title"), default_subtitle(plan, settings)
    )
    draw_plan_map(fig, fr, plan, ctx.geo, settings, fonts, side["map"], ctx.references)
    units = [(plan.units[u].name, md.palette_color(ctx.geo.unit_color[u])) for u in ctx.geo.uids]
    lx, ltop, lw, lh = side["legend"]
    draw_legend(fr, fonts, settings, lx, ltop, lw, lh, units, _symbols(ctx))
    sx, stop = side["summary"]
    y = section_title(fr, fonts, sx, stop, settings.text("summary"))
    side["summ"].draw(fr.pax, sx, y, side["summ"].rows, fonts)
    tx, ttop, tw = side["table"]
    y = section_title(fr, fonts, tx, ttop, settings.text("table"))
    t0, rows0 = chunks[0]
    bottom = t0.draw(fr.pax, tx, y, rows0, fonts)
    _table_tail(fr, fonts, settings, tx, bottom, len(chunks) > 1, left_out, len(ctx.geo.uids))
    draw_footer(fr, fonts, plan, settings, settings.note, page, pages)
    return fig


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


def _draw_table_page(
    fig: Figure,
    ctx: _Ctx,
    table: Table,
    rows: list[Row],
    title: str,
    page: int,
    pages: int,
    tail: tuple,
) -> Figure:
    settings, fonts = ctx.settings, ctx.fonts
    fr = page_frame(fig, settings)
    draw_header(
        fr, fonts, settings.title or settings.text("title"), default_subtitle(ctx.plan, settings)
    )
    bx, by, bw, bh = fr.body
    y = section_title(fr, fonts, bx, by + bh, title)
    bottom = table.draw(fr.pax, bx, y, rows, fonts)
    _table_tail(fr, fonts, settings, bx, bottom, *tail)
    draw_footer(fr, fonts, ctx.plan, settings, settings.note, page, pages)
    return fig


def _draw_before_after(fig: Figure, ctx: _Ctx, page: int, pages: int) -> Figure:
    settings, fonts, plan, geo = ctx.settings, ctx.fonts, ctx.plan, ctx.geo
    fr = page_frame(fig, settings)
    draw_header(
        fr,
        fonts,
        settings.title or settings.text("title_before_after"),
        default_subtitle(plan, settings),
    )
    s = fr.s
    bx, by, bw, bh = fr.body
    gap = 5 * s
    summ = summary_table(plan, settings, min(bw * 0.5, 120 * s), 7 * s, ctx.figures)
    summ_h = 6 * s + summ.header.height + sum(r.height for r in summ.rows)
    lower = summ_h + 4 * s
    label_h = 7 * s
    if settings.landscape:
        mw = (bw - gap) / 2
        mh = bh - lower - label_h
        rects = [(bx, by + lower, mw, mh), (bx + mw + gap, by + lower, mw, mh)]
    else:
        mw = bw
        mh = (bh - lower - 2 * label_h - gap) / 2
        rects = [(bx, by + lower + mh + gap + label_h, mw, mh), (bx, by + lower, mw, mh)]
    # the same scale on both maps
    m_per_mm = (
        max((geo.bounds[2] - geo.bounds[0]) / mw, (geo.bounds[3] - geo.bounds[1]) / mh) * 1.08
    )
    for mode, rect, key, n in (
        ("before", rects[0], "before", plan.layer.n),
        ("after", rects[1], "after", len(geo.uids)),
    ):
        draw_plan_map(
            fig, fr, plan, geo, settings, fonts, rect, ctx.references, mode, metres_per_mm=m_per_mm
        )
        x, y, w, h = rect
        fr.pax.text(
            x,
            y + h + 1.5 * s,
            settings.text(key, n=n),
            ha="left",
            va="bottom",
            fontproperties=fonts.prop(10 * s, True),
        )
    y = section_title(fr, fonts, bx, by + summ_h, settings.text("summary"))
    summ.draw(fr.pax, bx, y, summ.rows, fonts)
    # symbol key to the right of the summary
    kx = bx + summ.width + 10 * s
    draw_legend(
        fr, fonts, settings, kx, by + summ_h, bw - summ.width - 10 * s, summ_h, [], _symbols(ctx)
    )
    draw_footer(fr, fonts, plan, settings, settings.note, page, pages)
    return fig


UNIT_FACTS2 = 5.0  # mm (times the paper scale) of the unit page's quota/radius line


def _unit_rects(ctx: _Ctx, fr: Frame) -> dict:
    return _regions(fr, ctx.settings.landscape)


def _unit_plan(ctx: _Ctx, uid: int) -> tuple[Table, list[tuple[Table, list[Row]]], dict]:
    fr = _dummy_frame(ctx.settings)
    reg = _unit_rects(ctx, fr)
    s = fr.s
    sx, sy, sw, sh = reg["side"]
    colors = _member_colors(ctx, uid)
    table = member_table(
        ctx.plan,
        uid,
        ctx.settings,
        sw,
        7 * s,
        {i: md.palette_color(c) for i, c in colors.items()},
        ctx.figures,
    )
    legend_h, _ = legend_height(0, sw, s, len(_symbols(ctx, True)))
    top = sy + sh - legend_h - 10 * s - UNIT_FACTS2 * s
    chunks = table.paginate(
        top - 6 * s - sy - 10 * s, fr.body[3] - 12 * s, min(fr.body[2], 190 * s)
    )
    return table, chunks, colors


def _member_colors(ctx: _Ctx, uid: int) -> dict[int, int]:
    members = ctx.plan.members(uid)
    pos = {int(t): k for k, t in enumerate(members.tolist())}
    pairs = ctx.plan.layer.adjacency.pairs()
    inside = np.isin(pairs[:, 0], members) & np.isin(pairs[:, 1], members)
    local = np.array(
        [[pos[int(a)], pos[int(b)]] for a, b in pairs[inside]], dtype=np.int64
    ).reshape(-1, 2)
    cols = greedy_colors(len(members), local)
    return {int(t): int(c) for t, c in zip(members.tolist(), cols.tolist(), strict=True)}


def _draw_unit(
    fig: Figure, ctx: _Ctx, uid: int, k: int, n_units: int, page: int, pages: int, info=None
) -> Figure:
    settings, fonts, plan, geo = ctx.settings, ctx.fonts, ctx.plan, ctx.geo
    layer = plan.layer
    table, chunks, colors = info or _unit_plan(ctx, uid)
    fr = page_frame(fig, settings)
    unit = plan.units[uid]
    st = plan.stats(uid)
    sub = settings.text("unit_page_sub", k=k, n=n_units)
    title = settings.title or settings.text("title")
    draw_header(fr, fonts, unit.name, f"{title} · {sub}")
    s = fr.s
    reg = _unit_rects(ctx, fr)
    # map: the unit's towns zoomed, its neighbours faint
    members = plan.members(uid)
    minx, miny, maxx, maxy = shapely.total_bounds(geo.unit_geom[uid])
    pad = 0.12 * max(maxx - minx, maxy - miny)
    ax, m_per_mm = md.add_map_axes(
        fig, reg["map"], (fr.w, fr.h), (minx - pad, miny - pad, maxx + pad, maxy + pad), pad=0.0
    )
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    view = shapely.box(x0, y0, x1, y1)
    tree = shapely.STRtree(layer.geometry_m)
    near = tree.query(view)
    others = near[~np.isin(near, members)]
    towns_m = md.simplify_for(layer.geometry_m, m_per_mm)
    md.draw_fills(ax, towns_m[others], [md.FAINT_FILL] * len(others), zorder=1)
    md.draw_lines(ax, towns_m[others], md.FAINT_EDGE, 0.3, zorder=2)
    near_units = [u for u in dict.fromkeys(plan.unit_of[others].tolist()) if u != uid]
    md.draw_lines(
        ax,
        [md.simplify_for(np.array([geo.unit_geom[u]]), m_per_mm)[0] for u in near_units],
        "#777777",
        0.9 * s,
        zorder=2.5,
    )
    md.draw_fills(
        ax, towns_m[members], [md.palette_color(colors[int(i)]) for i in members], zorder=3
    )
    md.draw_lines(ax, towns_m[members], md.TOWN_EDGE, 0.5, zorder=4, linestyle=(0, (2, 1.2)))
    md.draw_lines(
        ax,
        md.simplify_for(np.array([geo.unit_geom[uid]]), m_per_mm),
        md.UNIT_EDGE,
        1.8 * s,
        zorder=5,
    )
    if geo.parents is not None:
        md.draw_parent_lines(ax, geo.parents, m_per_mm, s, clip=view)
    md.draw_references(ax, ctx.references, m_per_mm, s)
    renderer = md._renderer(fig)
    _, sb_box = md.draw_scale_bar(ax, m_per_mm, fonts, 6.5 * s, settings.language)
    na_box = md.draw_north_arrow(
        ax, m_per_mm, layer.metric_crs, fonts, 9 * s, settings.text("north")
    )
    seat = plan.seat_of(uid)
    anchors = dict(zip(members.tolist(), geo.town_anchors(members), strict=True))
    sx_, sy_ = anchors[seat][0], anchors[seat][1]
    ax.plot(
        [sx_],
        [sy_],
        ls="none",
        marker="*",
        ms=9 * s,
        color="#c0392b",
        mec="white",
        mew=0.6,
        zorder=9,
    )
    items = []
    for i in members.tolist():
        pop = layer.population[i]
        pop_s = (
            ""
            if pop != pop
            else (f"\n{wan(float(pop))}万" if settings.language == "zh" else f"\n{pop / 1e3:,.0f}k")
        )
        x, y, r = anchors[i]
        if i == seat:
            y = y - 3.5 * m_per_mm  # keep the label clear of the seat star
            r = max(r, 0)
        items.append(
            md.LabelItem(
                x, y, f"{layer.names[i]}{pop_s}", 1e12 + float(layer.area_km2[i]), 8 * s, r
            )
        )
    # the page's own unit covers the middle of the view: a neighbour whose anchor lies
    # outside the view, or under the page's unit, is named at a point of its visible part
    page_unit = geo.unit_geom[uid]
    for u in near_units:
        x, y, r = geo.unit_anchor(u)
        if not (x0 < x < x1 and y0 < y < y1):
            visible = shapely.difference(shapely.intersection(geo.unit_geom[u], view), page_unit)
            if shapely.is_empty(visible) or shapely.area(visible) < (12 * m_per_mm) ** 2:
                continue  # too little of it shows to carry a name
            pt = shapely.point_on_surface(visible)
            x, y, r = pt.x, pt.y, 0.0
        if x0 < x < x1 and y0 < y < y1:
            items.append(
                md.LabelItem(
                    x,
                    y,
                    plan.units[u].name,
                    float(plan.stats(u).area_km2),
                    7 * s,
                    r,
                    color="#777777",
                )
            )
    md.place_labels(
        ax,
        items,
        fonts,
        renderer,
        m_per_mm,
        limit=settings.max_labels,
        avoid=[sb_box, na_box, *_marker_boxes(ax, np.array([[sx_, sy_]]), 4.5 * s)],
    )
    # side: facts, legend, member table
    sx, sy, sw, sh = reg["side"]
    facts = settings.text(
        "unit_facts",
        towns=st.towns,
        pop=wan(st.population),
        area=km2(st.area_km2),
        seat=layer.names[seat],
    )
    y = sy + sh
    fr.pax.text(sx, y, facts, ha="left", va="top", fontproperties=fonts.prop(8.5 * s, True))
    y -= 6 * s
    j = ctx.figures.position(uid)
    radius = f"{ctx.figures.service_radius_km[j]:,.1f}"
    if ctx.figures.has_quota:
        quota = settings.text(
            "unit_quota",
            quota=amount(ctx.figures.quota[j]),
            old=amount(ctx.figures.quota_old[j]),
            radius=radius,
        )
    else:
        quota = settings.text("unit_radius", radius=radius)
    fr.pax.text(sx, y, quota, ha="left", va="top", fontproperties=fonts.prop(7.5 * s))
    y -= UNIT_FACTS2 * s
    warn = []
    if not st.contiguous:
        warn.append(settings.text("not_contiguous", parts=st.parts))
    if unit.note:
        warn.append(unit.note)
    for line in warn:
        fr.pax.text(
            sx, y, line, ha="left", va="top", fontproperties=fonts.prop(7.5 * s), color="#a93226"
        )
        y -= 5 * s
    legend_h, _ = legend_height(0, sw, s, len(_symbols(ctx, True)))
    y = draw_legend(fr, fonts, settings, sx, y, sw, legend_h, [], _symbols(ctx, True)) - 4 * s
    y = section_title(fr, fonts, sx, y, settings.text("unit_towns", unit=unit.name))
    t0, rows0 = chunks[0]
    bottom = t0.draw(fr.pax, sx, y, rows0, fonts)
    _table_tail(fr, fonts, settings, sx, bottom, len(chunks) > 1, 0, 0)
    draw_footer(fr, fonts, plan, settings, settings.note, page, pages)
    return fig


# -- public API ---------------------------------------------------------------------------


def _ctx(plan: Plan, settings: LayoutSettings, references=(), geo=None, colors=None) -> _Ctx:
    settings = settings.for_layer(plan.layer)  # village words for a village layer
    geo = geo or md.PlanGeometry(plan, colors)
    return _Ctx(
        plan,
        settings,
        find_cjk_font(),
        geo,
        list(references or ()),
        figures_for(plan, settings, geo.uids),
    )


def draw_overview(
    fig: Figure,
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> Figure:
    """Draw the overview's first page (map, legend, summary, table start) into ``fig``."""
    ctx = _ctx(plan, settings, references, geo, colors)
    with layout_rc(ctx.fonts):
        info = _overview_plan(ctx)
        n = len(info[1])
        return _draw_overview(fig, ctx, 1, n, info)


def draw_before_after(
    fig: Figure,
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> Figure:
    """Draw the original towns and the merged units side by side, at one scale."""
    ctx = _ctx(plan, settings, references, geo, colors)
    with layout_rc(ctx.fonts):
        return _draw_before_after(fig, ctx, 1, 1)


def draw_unit_page(
    fig: Figure,
    plan: Plan,
    uid: int,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> Figure:
    """Draw the first page of merged unit ``uid``: its towns zoomed, its table and seat."""
    ctx = _ctx(plan, settings, references, geo, colors)
    k = ctx.geo.uids.index(uid) + 1
    with layout_rc(ctx.fonts):
        return _draw_unit(fig, ctx, uid, k, len(ctx.geo.uids), 1, 1)


PageFn = Callable[[Figure, int, int], Figure]


def page_functions(
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> list[PageFn]:
    """One drawing function per page of the layout, ``fn(fig, page, pages) -> fig``.

    The number of pages is known before any is drawn, so footers say "page k of n" and a
    preview can page through a packet without drawing all of it. ``colors`` (unit id ->
    index into ``editor.core.coloring.PALETTE``, e.g. the map canvas's) fixes the unit
    fills; without it (or a ``geo`` made with it) the units are coloured here.
    """
    ctx = _ctx(plan, settings, references, geo, colors)
    settings = ctx.settings
    fns: list[PageFn] = []
    t = settings.text
    if settings.kind == "before-after":
        fns.append(lambda fig, p, n: _draw_before_after(fig, ctx, p, n))
        return fns
    info = _overview_plan(ctx)
    side, chunks, table, left_out = info
    fns.append(lambda fig, p, n: _draw_overview(fig, ctx, p, n, info))
    total = len(ctx.geo.uids)
    for j, (tbl, rows) in enumerate(chunks[1:], 1):
        last = j == len(chunks) - 1
        fns.append(
            lambda fig, p, n, rows=rows, last=last, tbl=tbl: _draw_table_page(
                fig,
                ctx,
                tbl,
                rows,
                t("table_cont"),
                p,
                n,
                (not last, left_out if last else 0, total),
            )
        )
    if settings.kind == "packet":
        for k, uid in enumerate(ctx.geo.uids, 1):
            uinfo = _unit_plan(ctx, uid)
            _, uchunks, _ = uinfo
            fns.append(
                lambda fig, p, n, uid=uid, k=k, uinfo=uinfo: _draw_unit(
                    fig, ctx, uid, k, total, p, n, uinfo
                )
            )
            name = plan.units[uid].name
            for j, (utable, rows) in enumerate(uchunks[1:], 1):
                last = j == len(uchunks) - 1
                fns.append(
                    lambda fig, p, n, rows=rows, last=last, utable=utable, name=name: (
                        _draw_table_page(
                            fig,
                            ctx,
                            utable,
                            rows,
                            t("unit_towns_cont", unit=name),
                            p,
                            n,
                            (not last, 0, 0),
                        )
                    )
                )
    return [_with_rc(fn, ctx.fonts) for fn in fns]


def _with_rc(fn: PageFn, fonts: LayoutFonts) -> PageFn:
    def wrapped(fig: Figure, page: int, pages: int) -> Figure:
        with layout_rc(fonts):
            return fn(fig, page, pages)

    return wrapped


def pages(
    plan: Plan,
    settings: LayoutSettings,
    references: Sequence = (),
    geo=None,
    colors: Mapping[int, int] | None = None,
) -> Iterator[Figure]:
    """The layout's pages as new Figures, drawn one at a time."""
    fns = page_functions(plan, settings, references, geo, colors)
    for p, fn in enumerate(fns, 1):
        yield fn(new_figure(settings), p, len(fns))


def map_axes(fig: Figure) -> list[Axes]:
    """The map axes of a drawn page (for tests and the preview)."""
    return [ax for ax in fig.axes if ax.get_label() == "map"]
