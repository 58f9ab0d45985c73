"""The overview page: the plan's map, legend, summary and the start of the unit table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from editor.core.plan import Plan
from editor.layout import mapdraw as md
from editor.layout.fonts import layout_rc
from editor.layout.pages.context import _Ctx, _ctx, _symbols
from editor.layout.pages.frame import (
    MAP_FRACTIONS,
    Frame,
    _dummy_frame,
    _regions,
    default_subtitle,
    draw_footer,
    draw_header,
    page_frame,
    section_title,
)
from editor.layout.pages.legend import draw_legend, legend_height
from editor.layout.pages.planmap import draw_plan_map
from editor.layout.pages.tables import _table_tail, summary_table, unit_table
from editor.layout.settings import LayoutSettings
from editor.layout.table import Row, Table


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
