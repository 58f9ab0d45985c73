"""Print layouts drawn with matplotlib into a Figure they are given (no Qt, no pyplot).

    from editor.layout import LayoutSettings, pages, save_layout
    save_layout(plan, LayoutSettings(kind="packet", paper="A3", landscape=True), "plan.pdf")

Kinds: ``overview`` (map, legend, summary, unit table flowing onto further pages),
``before-after`` (original towns and merged units side by side at one scale) and
``packet`` (the overview, then one page per merged unit in unit order).
"""

from __future__ import annotations

from editor.layout.export import FORMATS, output_paths, save_figures, save_layout
from editor.layout.fonts import FontMissingError, LayoutFonts, find_cjk_font, layout_rc
from editor.layout.mapdraw import PlanGeometry, ScaleBar, nice_length
from editor.layout.pages import (
    draw_before_after,
    draw_overview,
    draw_unit_page,
    map_axes,
    new_figure,
    page_functions,
    pages,
)
from editor.layout.settings import KINDS, PAPERS_MM, LayoutSettings

__all__ = [
    "FORMATS",
    "KINDS",
    "PAPERS_MM",
    "FontMissingError",
    "LayoutFonts",
    "LayoutSettings",
    "PlanGeometry",
    "ScaleBar",
    "draw_before_after",
    "draw_overview",
    "draw_unit_page",
    "find_cjk_font",
    "layout_rc",
    "map_axes",
    "new_figure",
    "nice_length",
    "output_paths",
    "page_functions",
    "pages",
    "save_figures",
    "save_layout",
]
