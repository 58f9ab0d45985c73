"""The map of a whole plan, after (merged units) or before (each town)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from editor.core.plan import Plan
from editor.layout import mapdraw as md
from editor.layout.fonts import LayoutFonts
from editor.layout.pages.frame import Frame
from editor.layout.pages.numbers import wan
from editor.layout.settings import LayoutSettings


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
    ax, m_per_mm = _plan_map_axes(fig, fr, geo, rect, bounds, metres_per_mm)
    s = fr.s
    _draw_plan_shapes(ax, plan, geo, mode, m_per_mm, s)
    md.draw_references(ax, references, m_per_mm, s)
    renderer = md._renderer(fig)
    _, sb_box = md.draw_scale_bar(ax, m_per_mm, fonts, 6.5 * s, settings.language)
    na_box = md.draw_north_arrow(
        ax, m_per_mm, layer.metric_crs, fonts, 9 * s, settings.text("north")
    )
    avoid = [sb_box, na_box]
    if mode == "before":
        items = _town_labels(plan, geo, settings, s)
    else:
        items = _unit_labels(plan, geo, settings, s)
        avoid.extend(_draw_seats(ax, plan, geo, settings, s))
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


def _plan_map_axes(fig, fr: Frame, geo, rect, bounds, metres_per_mm) -> tuple[Axes, float]:
    """Map axes fit to the layer (or ``bounds``), at ``metres_per_mm`` if that is coarser."""
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
    return ax, m_per_mm


def _draw_plan_shapes(ax: Axes, plan: Plan, geo, mode: str, m_per_mm: float, s: float) -> None:
    """Fills and outlines of the towns (before) or the units over dashed towns (after)."""
    layer = plan.layer
    towns_m = md.simplify_for(layer.geometry_m, m_per_mm)
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


def _town_labels(plan: Plan, geo, settings: LayoutSettings, s: float) -> list:
    """Labels of the largest towns (only they can win a place: anchor just those)."""
    layer = plan.layer
    cand = np.argsort(-layer.area_km2, kind="stable")[: 2 * settings.max_labels]
    anchors = geo.town_anchors(cand)
    return [
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


def _unit_labels(plan: Plan, geo, settings: LayoutSettings, s: float) -> list:
    """Name and population of the largest units (only they can win a place)."""
    items = []
    cand = sorted(geo.uids, key=lambda u: -plan.stats(u).area_km2)[: 2 * settings.max_labels]
    unit_anchors = geo.unit_anchors(cand)
    for uid in cand:
        x, y, r = unit_anchors[uid]
        if not np.isfinite(x):
            continue
        st = plan.stats(uid)
        pop = (
            ""
            if st.known_population is None  # missing: no figure, never 0
            else f"{wan(st.population)}万"
            if settings.language == "zh"
            else f"{st.population / 1e3:,.0f}k"
        )
        items.append(
            md.LabelItem(
                x,
                y,
                f"{plan.units[uid].name}\n{pop}" if pop else plan.units[uid].name,
                st.area_km2,
                _label_size(s, len(geo.uids)),
                r,
                bold=False,
            )
        )
    return items


def _draw_seats(ax: Axes, plan: Plan, geo, settings: LayoutSettings, s: float) -> list:
    """A small star at each merged unit's seat (when every unit is labelled); the
    stars' boxes back, for labels to avoid."""
    seats = [
        plan.seat_of(u) for u in geo.uids[: settings.max_labels] if len(plan.units[u].members) > 1
    ]
    if not (seats and len(geo.uids) <= settings.max_labels):
        return []
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
    return _marker_boxes(ax, pts, 3.0 * s)


def _marker_boxes(ax: Axes, pts: np.ndarray, size_mm: float) -> list:
    """Display-space boxes of point markers ``size_mm`` across, for labels to avoid."""
    from matplotlib.transforms import Bbox

    h = size_mm * ax.figure.dpi / 25.4
    xy = ax.transData.transform(pts)
    return [Bbox.from_bounds(x - h / 2, y - h / 2, h, h) for x, y in xy]
