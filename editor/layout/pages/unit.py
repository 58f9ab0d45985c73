"""A merged unit's page: its towns zoomed with the neighbours faint, facts, member table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from editor.core.coloring import greedy_colors
from editor.core.plan import Plan
from editor.layout import mapdraw as md
from editor.layout.fonts import layout_rc
from editor.layout.pages.context import _Ctx, _ctx, _symbols
from editor.layout.pages.frame import (
    Frame,
    _dummy_frame,
    _regions,
    draw_footer,
    draw_header,
    page_frame,
    section_title,
)
from editor.layout.pages.legend import draw_legend, legend_height
from editor.layout.pages.numbers import amount, km2, wan
from editor.layout.pages.planmap import _marker_boxes
from editor.layout.pages.tables import _table_tail, member_table
from editor.layout.settings import LayoutSettings
from editor.layout.table import Row, Table

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


@dataclass
class _UnitMap:
    """The unit page's map axes and what its steps share."""

    ax: Axes
    m_per_mm: float
    x0: float
    x1: float
    y0: float
    y1: float
    view: shapely.Geometry  # the visible box
    members: np.ndarray
    others: np.ndarray  # towns of other units in view
    near_units: list[int]  # other units with a town in view


def _draw_unit(
    fig: Figure, ctx: _Ctx, uid: int, k: int, n_units: int, page: int, pages: int, info=None
) -> Figure:
    """A unit's first page: header, zoomed map with labels, facts, legend, member table."""
    settings, fonts, plan = ctx.settings, ctx.fonts, ctx.plan
    table, chunks, colors = info or _unit_plan(ctx, uid)
    fr = page_frame(fig, settings)
    unit = plan.units[uid]
    sub = settings.text("unit_page_sub", k=k, n=n_units)
    title = settings.title or settings.text("title")
    draw_header(fr, fonts, unit.name, f"{title} · {sub}")
    reg = _unit_rects(ctx, fr)
    um = _unit_map_axes(fig, fr, ctx, uid, reg["map"])
    _draw_unit_towns(ctx, uid, um, colors, fr.s)
    _label_unit_map(fig, ctx, uid, um, fr.s)
    _draw_unit_side(fr, ctx, uid, reg["side"], chunks)
    draw_footer(fr, fonts, plan, settings, settings.note, page, pages)
    return fig


def _unit_map_axes(fig: Figure, fr: Frame, ctx: _Ctx, uid: int, rect) -> _UnitMap:
    """Map axes fit to the unit with a margin; the other units that show in it."""
    plan, geo, layer = ctx.plan, ctx.geo, ctx.plan.layer
    members = plan.members(uid)
    minx, miny, maxx, maxy = shapely.total_bounds(geo.unit_geom[uid])
    pad = 0.12 * max(maxx - minx, maxy - miny)
    ax, m_per_mm = md.add_map_axes(
        fig, rect, (fr.w, fr.h), (minx - pad, miny - pad, maxx + pad, maxy + pad), pad=0.0
    )
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    view = shapely.box(x0, y0, x1, y1)
    tree = shapely.STRtree(layer.geometry_m)
    near = tree.query(view)
    others = near[~np.isin(near, members)]
    near_units = [u for u in dict.fromkeys(plan.unit_of[others].tolist()) if u != uid]
    return _UnitMap(ax, m_per_mm, x0, x1, y0, y1, view, members, others, near_units)


def _draw_unit_towns(ctx: _Ctx, uid: int, um: _UnitMap, colors: dict[int, int], s: float):
    """Neighbours faint, the unit's towns in colour, outlines, township and reference lines."""
    geo, layer = ctx.geo, ctx.plan.layer
    ax, m_per_mm, members, others = um.ax, um.m_per_mm, um.members, um.others
    towns_m = md.simplify_for(layer.geometry_m, m_per_mm)
    md.draw_fills(ax, towns_m[others], [md.FAINT_FILL] * len(others), zorder=1)
    md.draw_lines(ax, towns_m[others], md.FAINT_EDGE, 0.3, zorder=2)
    md.draw_lines(
        ax,
        [md.simplify_for(np.array([geo.unit_geom[u]]), m_per_mm)[0] for u in um.near_units],
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
        md.draw_parent_lines(ax, geo.parents, m_per_mm, s, clip=um.view)
    md.draw_references(ax, ctx.references, m_per_mm, s)


def _label_unit_map(fig: Figure, ctx: _Ctx, uid: int, um: _UnitMap, s: float) -> None:
    """Scale bar, north arrow, the seat's star, then the town and neighbour labels."""
    settings, fonts, plan = ctx.settings, ctx.fonts, ctx.plan
    ax, m_per_mm = um.ax, um.m_per_mm
    renderer = md._renderer(fig)
    _, sb_box = md.draw_scale_bar(ax, m_per_mm, fonts, 6.5 * s, settings.language)
    na_box = md.draw_north_arrow(
        ax, m_per_mm, plan.layer.metric_crs, fonts, 9 * s, settings.text("north")
    )
    seat = plan.seat_of(uid)
    anchors = dict(zip(um.members.tolist(), ctx.geo.town_anchors(um.members), strict=True))
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
    items = _town_labels(ctx, um, anchors, seat, s)
    items += _neighbour_labels(ctx, uid, um, s)
    md.place_labels(
        ax,
        items,
        fonts,
        renderer,
        m_per_mm,
        limit=settings.max_labels,
        avoid=[sb_box, na_box, *_marker_boxes(ax, np.array([[sx_, sy_]]), 4.5 * s)],
    )


def _town_labels(ctx: _Ctx, um: _UnitMap, anchors: dict, seat: int, s: float) -> list:
    """Each member town's name and population, the seat's moved clear of its star."""
    layer, settings = ctx.plan.layer, ctx.settings
    items = []
    for i in um.members.tolist():
        pop = layer.population[i]
        pop_s = (
            ""
            if pop != pop
            else (f"\n{wan(float(pop))}万" if settings.language == "zh" else f"\n{pop / 1e3:,.0f}k")
        )
        x, y, r = anchors[i]
        if i == seat:
            y = y - 3.5 * um.m_per_mm  # keep the label clear of the seat star
            r = max(r, 0)
        items.append(
            md.LabelItem(
                x, y, f"{layer.names[i]}{pop_s}", 1e12 + float(layer.area_km2[i]), 8 * s, r
            )
        )
    return items


def _neighbour_labels(ctx: _Ctx, uid: int, um: _UnitMap, s: float) -> list:
    """The names of the neighbouring units that show enough of themselves."""
    plan, geo = ctx.plan, ctx.geo
    x0, x1, y0, y1, m_per_mm = um.x0, um.x1, um.y0, um.y1, um.m_per_mm
    items = []
    # the page's own unit covers the middle of the view: a neighbour whose anchor lies
    # outside the view, or under the page's unit, is named at a point of its visible part
    page_unit = geo.unit_geom[uid]
    for u in um.near_units:
        x, y, r = geo.unit_anchor(u)
        if not (x0 < x < x1 and y0 < y < y1):
            inside = md.overlay(shapely.intersection, geo.unit_geom[u], um.view)
            visible = md.overlay(shapely.difference, inside, page_unit)
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
    return items


def _draw_unit_side(fr: Frame, ctx: _Ctx, uid: int, side, chunks) -> None:
    """Beside the map: facts, quota and radius, warnings, legend, the member table."""
    settings, fonts, plan = ctx.settings, ctx.fonts, ctx.plan
    layer, unit, st, s = plan.layer, plan.units[uid], plan.stats(uid), fr.s
    seat = plan.seat_of(uid)
    sx, sy, sw, sh = side
    facts = settings.text(
        "unit_facts",
        towns=st.towns,
        pop=wan(st.known_population),
        area=km2(st.area_km2),
        seat=layer.names[seat],
    )
    if st.known_population is None:  # missing, not 0: no unit after the dash
        facts = facts.replace("— 万", "—").replace("—0k", "—")
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
