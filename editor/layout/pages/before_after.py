"""The before/after page: the original towns and the merged units at one scale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from matplotlib.figure import Figure

from editor.core.plan import Plan
from editor.layout.fonts import layout_rc
from editor.layout.pages.context import _Ctx, _ctx, _symbols
from editor.layout.pages.frame import (
    default_subtitle,
    draw_footer,
    draw_header,
    page_frame,
    section_title,
)
from editor.layout.pages.legend import draw_legend
from editor.layout.pages.planmap import draw_plan_map
from editor.layout.pages.tables import summary_table
from editor.layout.settings import LayoutSettings


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
