"""A page that continues a table which did not fit on the page before."""

from __future__ import annotations

from matplotlib.figure import Figure

from editor.layout.pages.context import _Ctx
from editor.layout.pages.frame import (
    default_subtitle,
    draw_footer,
    draw_header,
    page_frame,
    section_title,
)
from editor.layout.pages.tables import _table_tail
from editor.layout.table import Row, Table


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
