"""The legend: symbol key, then the units' colour swatches in columns."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matplotlib.patches import Rectangle

from editor.layout import mapdraw as md
from editor.layout.fonts import LayoutFonts
from editor.layout.pages.frame import Frame, section_title
from editor.layout.settings import LayoutSettings


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
