"""Page compositions: overview, before/after, one page per merged unit, table pages.

Every page is laid out in millimetres on a full-page "page" axes (title, legend,
tables, footer) with map axes placed on top. Functions draw into the Figure they are
given and return it; :func:`pages` makes the Figures of a whole layout lazily, with
page numbers known in advance (tables are split before anything is drawn).

One module per page kind, and the parts they share:

- :mod:`.sequence`: :func:`page_functions` and :func:`pages`, the pages of a layout in order;
- :mod:`.overview`, :mod:`.before_after`, :mod:`.unit`, :mod:`.table_page`: the page kinds;
- :mod:`.planmap`: the map of a whole plan; :mod:`.legend`: the legend;
- :mod:`.tables`: unit, member and summary tables; :mod:`.numbers`: how figures print;
- :mod:`.frame`: page size, margins, header and footer; :mod:`.context`: what a layout shares.
"""

from __future__ import annotations

from editor.layout.mapdraw import PlanGeometry
from editor.layout.pages.before_after import draw_before_after
from editor.layout.pages.frame import (
    MAP_FRACTIONS,
    Frame,
    default_subtitle,
    draw_footer,
    draw_header,
    new_figure,
    page_frame,
    projection_centre,
    section_title,
)
from editor.layout.pages.legend import draw_legend, legend_height
from editor.layout.pages.numbers import amount, km2, wan
from editor.layout.pages.overview import draw_overview
from editor.layout.pages.planmap import draw_plan_map
from editor.layout.pages.sequence import PageFn, map_axes, page_functions, pages
from editor.layout.pages.tables import (
    MIN_MEMBERS_MM,
    MIN_TYPE_PT,
    figures_for,
    member_table,
    summary_table,
    unit_table,
)
from editor.layout.pages.unit import UNIT_FACTS2, draw_unit_page

__all__ = [
    "MAP_FRACTIONS",
    "MIN_MEMBERS_MM",
    "MIN_TYPE_PT",
    "UNIT_FACTS2",
    "Frame",
    "PageFn",
    "PlanGeometry",
    "amount",
    "default_subtitle",
    "draw_before_after",
    "draw_footer",
    "draw_header",
    "draw_legend",
    "draw_overview",
    "draw_plan_map",
    "draw_unit_page",
    "figures_for",
    "km2",
    "legend_height",
    "map_axes",
    "member_table",
    "new_figure",
    "page_frame",
    "page_functions",
    "pages",
    "projection_centre",
    "section_title",
    "summary_table",
    "unit_table",
    "wan",
]
