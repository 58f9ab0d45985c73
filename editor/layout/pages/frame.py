"""The page: its size and scale, margins and body, header, footer and section titles."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from editor.core.plan import Plan
from editor.layout.fonts import LayoutFonts
from editor.layout.settings import LayoutSettings


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


def _dummy_frame(settings: LayoutSettings) -> Frame:
    w, h = settings.page_mm
    s = _scale(settings)
    margin = 8 + 2 * s
    header, footer = 17 * s, 9 * s
    body = (margin, margin + footer, w - 2 * margin, h - 2 * margin - header - footer)
    return Frame(None, None, w, h, s, margin, body)  # type: ignore[arg-type]
