"""Map drawing for layouts: fills, outlines, scale bar and north arrow (labels: ``labels``).

Everything is drawn in ``layer.geometry_m``: metres of an equal-area azimuthal
projection centred on the layer. Near its centre the scale is true in every
direction, so a scale bar in metres is true there (within a fraction of a percent
across a province), and grid north is true north on the central meridian; the north
arrow is still turned by the meridian convergence at the map's centre.

Geometries go to matplotlib as a handful of compound paths (one per fill colour, one
for all town outlines, one for all unit outlines) rather than one patch per polygon,
which keeps a 40,000-town overview fast to draw and small as a PDF.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pyproj
import shapely
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Polygon, Rectangle
from matplotlib.path import Path
from matplotlib.transforms import Bbox

# PALETTE and palette_color live in core (one palette for screen, paper and QGIS);
# re-exported here for the layout code
from editor.core.coloring import PALETTE, palette_color, town_colors, unit_colors  # noqa: F401
from editor.core.parents import ParentBoundaries, parent_boundaries
from editor.core.plan import Plan
from editor.core.towns import polygonal_part
from editor.layout.fonts import LayoutFonts

# labels live in editor.layout.labels; re-exported here for the layout code
from editor.layout.labels import PT_MM, LabelItem, halo, place_labels  # noqa: F401

UNIT_EDGE = "#222222"
TOWN_EDGE = "#555555"
BORDER_COLOR = "#c0392b"
PARENT_EDGE = "#3a3a3a"  # township lines over a village layer
PARENT_DASH = (0, (3.0, 1.6))
FAINT_FILL = "#eeeeee"
FAINT_EDGE = "#9a9a9a"


# -- geometry to paths -----------------------------------------------------------------
def polygons_path(geoms: Sequence) -> Path:
    """One compound path of all rings of the polygons (holes wound the other way)."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~shapely.is_empty(geoms) & ~shapely.is_missing(geoms)]
    if len(geoms) == 0:
        return Path(np.zeros((0, 2)))
    geoms = shapely.orient_polygons(geoms)  # shells CCW, holes CW: nonzero fill keeps holes
    rings = shapely.get_rings(shapely.get_parts(geoms))
    return _rings_path(rings, closed=True)


def lines_path(geoms: Sequence) -> Path:
    """One compound path of the linework of the geometries (polygons give their rings)."""
    geoms = np.asarray(geoms, dtype=object)
    geoms = geoms[~shapely.is_empty(geoms) & ~shapely.is_missing(geoms)]
    if len(geoms) == 0:
        return Path(np.zeros((0, 2)))
    parts = shapely.get_parts(geoms)
    kinds = shapely.get_type_id(parts)
    polys = parts[kinds == 3]
    lines = parts[(kinds == 1) | (kinds == 2)]
    pieces = []
    if len(polys):
        pieces.append(shapely.get_rings(polys))
    if len(lines):
        pieces.append(lines)
    if not pieces:
        return Path(np.zeros((0, 2)))
    return _rings_path(np.concatenate(pieces), closed=False)


def _rings_path(rings: np.ndarray, closed: bool) -> Path:
    coords, index = shapely.get_coordinates(rings, return_index=True)
    if len(coords) == 0:
        return Path(np.zeros((0, 2)))
    codes = np.full(len(coords), Path.LINETO, dtype=Path.code_type)
    starts = np.r_[0, np.flatnonzero(np.diff(index)) + 1]
    codes[starts] = Path.MOVETO
    if closed:
        ends = np.r_[starts[1:] - 1, len(coords) - 1]
        codes[ends] = Path.CLOSEPOLY
    return Path(coords, codes)


def simplify_for(geoms: np.ndarray, metres_per_mm: float) -> np.ndarray:
    """Drop detail below a tenth of a millimetre on paper (invisible, but it costs)."""
    tol = 0.1 * metres_per_mm
    if tol <= 0:
        return geoms
    # plain Douglas-Peucker: several times faster than the topology-preserving kind, and
    # a town it collapses is smaller than the line drawn around it
    out = shapely.simplify(geoms, tol, preserve_topology=False)
    lost = shapely.is_empty(out) & ~shapely.is_empty(geoms)
    out[lost] = geoms[lost]
    return out


# -- the plan's geometry, computed once per layout ----------------------------------------
class PlanGeometry:
    """Dissolved unit shapes, colours and label points of a plan, in metres."""

    def __init__(self, plan: Plan, colors: Mapping[int, int] | None = None):
        """``colors``: unit id -> palette index to use (e.g. the map canvas's, so the
        printed map shows the screen's colours); units it lacks are coloured here."""
        self.plan = plan
        layer = plan.layer
        self.layer = layer
        self.uids: list[int] = plan.unit_ids()
        given = {int(u): int(c) for u, c in (colors or {}).items() if u in plan.units}
        self.unit_color = given if len(given) == len(self.uids) else {**unit_colors(plan), **given}
        self._town_color: np.ndarray | None = None
        self.unit_geom: dict[int, shapely.Geometry] = {}
        for uid in self.uids:
            members = plan.members(uid)
            if len(members) == 1:
                self.unit_geom[uid] = layer.geometry_m[members[0]]
            else:
                self.unit_geom[uid] = dissolve(layer.geometry_m[members], plan.stats(uid).parts)
        geoms = valid_noded(np.array([self.unit_geom[u] for u in self.uids], dtype=object))
        self.unit_geom = dict(zip(self.uids, geoms.tolist(), strict=True))
        self.unit_geoms = geoms
        self.bounds = shapely.total_bounds(layer.geometry_m)
        #: the parent townships of a village layer (``None`` for a town layer)
        self.parents: ParentBoundaries | None = parent_boundaries(layer)
        self._unit_anchor: dict[int, tuple[float, float, float]] | None = None
        self._town_anchor: np.ndarray | None = None
        self.identity = len(self.uids) == layer.n

    @property
    def town_color(self) -> np.ndarray:
        if self._town_color is None:
            self._town_color = town_colors(self.layer)
        return self._town_color

    def unit_anchor(self, uid: int) -> tuple[float, float, float]:
        """Label point and free radius (metres) of a unit: the pole of inaccessibility."""
        return self.unit_anchors([uid])[uid]

    def unit_anchors(self, uids: Sequence[int]) -> dict[int, tuple[float, float, float]]:
        """Anchors of some units, computed once each (only labelled units need one)."""
        cache = self._unit_anchor if self._unit_anchor is not None else {}
        self._unit_anchor = cache
        todo = [u for u in uids if u not in cache]
        if todo:
            cache.update(zip(todo, anchors([self.unit_geom[u] for u in todo]), strict=True))
        return {u: cache[u] for u in uids}

    def town_anchors(self, towns: Sequence[int] | np.ndarray | None = None) -> np.ndarray:
        """(k, 3) anchors (x, y, radius) of the given towns (all when ``None``)."""
        if self._town_anchor is None:
            self._town_anchor = np.full((self.layer.n, 3), np.nan)
        idx = np.arange(self.layer.n) if towns is None else np.asarray(towns, dtype=np.int64)
        todo = idx[np.isnan(self._town_anchor[idx, 0])]
        if len(todo):
            self._town_anchor[todo] = np.array(anchors(self.layer.geometry_m[todo]), dtype=float)
        return self._town_anchor[idx]


#: the grid (metres) unit shapes are noded on before pages clip them: far below print
GRID_M = 1e-3


def valid_noded(geoms: np.ndarray) -> np.ndarray:
    """The geometries made valid (their polygonal part) and noded on a fine grid.

    Pages clip unit shapes to their view and cut one unit from another; GEOS refuses an
    invalid operand ("side location conflict", "ring edge missing"), which a layer whose
    towns overlap yields. Done once per layout, for the shapes that need it: the invalid
    ones are repaired with ``make_valid`` (its "structure" method: overlapping parts
    united, as the unit is their union) and then put on a :data:`GRID_M` grid, which
    nodes the repaired edges so later overlays stay robust.
    """
    geoms = np.asarray(geoms, dtype=object).copy()
    bad = np.flatnonzero(~shapely.is_valid(geoms))
    if len(bad):
        fixed = [
            polygonal_part(g)
            for g in shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
        ]
        geoms[bad] = shapely.set_precision(np.array(fixed, dtype=object), GRID_M)
    return geoms


def _structure(geom: shapely.Geometry) -> shapely.Geometry:
    """Valid: overlapping parts of a polygon united (make_valid's "structure" method,
    which keeps their area), other geometries as ``make_valid`` leaves them."""
    if geom is None or shapely.is_valid(geom):
        return geom
    if shapely.get_type_id(geom) in (3, 6):
        return shapely.make_valid(geom, method="structure", keep_collapsed=False)
    return shapely.make_valid(geom)


def overlay(op, a: shapely.Geometry, b: shapely.Geometry) -> shapely.Geometry:
    """``op(a, b)`` (a shapely overlay), retried on the :data:`GRID_M` grid if GEOS refuses.

    No layout may fail on geometry: snapping both operands to the grid nodes them.
    """
    try:
        return op(a, b)
    except shapely.errors.GEOSException:
        return op(
            shapely.set_precision(_structure(a), GRID_M),
            shapely.set_precision(_structure(b), GRID_M),
            grid_size=GRID_M,
        )


def dissolve(geoms: np.ndarray, parts: int = 1) -> shapely.Geometry:
    """Union of touching towns; coverage union when they form a clean coverage.

    ``coverage_union_all`` is fast but assumes edges match vertex for vertex; real layers
    have sub-metre gaps, which leave slivers of inner boundary. When the result has more
    pieces than the unit has connected parts, fall back to a tolerant union.
    """
    try:
        out = shapely.coverage_union_all(geoms)
        # towns that overlap make an invalid coverage union (overlapping or nested parts)
        if (
            shapely.is_valid(out)
            and len(shapely.get_parts(out)) <= max(parts, 1)
            and not _has_inner_rings_from_gaps(out)
        ):
            return out
    except shapely.errors.GEOSException:
        pass
    eps = 0.5  # metres: closes the gaps real layers have, invisible on paper
    return shapely.buffer(shapely.union_all(shapely.buffer(geoms, eps)), -eps)


def _has_inner_rings_from_gaps(geom: shapely.Geometry) -> bool:
    # a hole thinner than a metre is a gap between towns, not an enclave
    for p in shapely.get_parts(geom):
        for i in range(shapely.get_num_interior_rings(p)):
            hole = shapely.Polygon(shapely.get_interior_ring(p, i))
            if hole.area < 1.0 * max(hole.length, 1.0):
                return True
    return False


def anchors(geoms: np.ndarray) -> list[tuple[float, float, float]]:
    """(x, y, radius) label anchors: the centre of the maximum inscribed circle."""
    geoms = np.asarray(geoms, dtype=object)
    # the largest part only: a label belongs on the main body of a multipart unit
    out = []
    areas = shapely.area(geoms)
    tol = np.sqrt(np.maximum(areas, 1.0)) / 50.0
    main = np.array([_largest_part(g) for g in geoms], dtype=object)
    lines = shapely.maximum_inscribed_circle(main, tolerance=tol)
    starts = shapely.get_point(lines, 0)
    ends = shapely.get_point(lines, 1)
    xs, ys = shapely.get_x(starts), shapely.get_y(starts)
    radius = shapely.distance(starts, ends)
    for x, y, r in zip(xs.tolist(), ys.tolist(), radius.tolist(), strict=True):
        out.append((x, y, r))
    return out


def _largest_part(g: shapely.Geometry) -> shapely.Geometry:
    if g is None or g.geom_type != "MultiPolygon":
        return g
    parts = shapely.get_parts(g)
    return parts[int(np.argmax(shapely.area(parts)))]


# -- map axes --------------------------------------------------------------------------
def add_map_axes(
    fig: Figure,
    rect_mm: tuple[float, float, float, float],
    page_mm: tuple[float, float],
    bounds: Sequence[float],
    pad: float = 0.04,
) -> tuple[Axes, float]:
    """Axes for a map at ``rect_mm`` (x, y, w, h on the page), limits fit to ``bounds``.

    Returns the axes and the scale in metres per millimetre of paper; the limits are
    set so one metre is the same length across and up (no ``set_aspect`` guessing).
    """
    pw, ph = page_mm
    x, y, w, h = rect_mm
    ax = fig.add_axes((x / pw, y / ph, w / pw, h / ph), label="map")
    minx, miny, maxx, maxy = bounds
    dx, dy = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
    m_per_mm = max(dx / w, dy / h) * (1 + 2 * pad)
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    ax.set_xlim(cx - w * m_per_mm / 2, cx + w * m_per_mm / 2)
    ax.set_ylim(cy - h * m_per_mm / 2, cy + h * m_per_mm / 2)
    ax.set_autoscale_on(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_linewidth(0.8)
        s.set_color("#333333")
    ax.set_facecolor("white")
    ax.metres_per_mm = m_per_mm  # read by scale_bar() and tests
    return ax, m_per_mm


def draw_fills(ax: Axes, geoms: Sequence, colors: Sequence, zorder: float = 1) -> None:
    """Fill polygons, one compound path per colour."""
    geoms = np.asarray(geoms, dtype=object)
    colors = np.asarray(colors, dtype=object)
    paths, faces = [], []
    for c in dict.fromkeys(colors.tolist()):
        paths.append(polygons_path(geoms[colors == c]))
        faces.append(c)
    coll = PathCollection(
        paths, facecolors=faces, edgecolors="none", linewidths=0, zorder=zorder, antialiased=True
    )
    coll.set_transform(ax.transData)
    ax.add_collection(coll, autolim=False)


def draw_lines(
    ax: Axes, geoms: Sequence, color: str, width_pt: float, zorder: float = 2, **kw
) -> PathPatch | None:
    path = lines_path(geoms)
    if len(path.vertices) == 0:
        return None
    patch = PathPatch(
        path, facecolor="none", edgecolor=color, linewidth=width_pt, zorder=zorder, **kw
    )
    patch.set_joinstyle("round")
    patch.set_capstyle("round")
    # add_artist, not add_patch: updating data limits walks every vertex (seconds on a
    # province) and the limits are fixed anyway
    patch.set_transform(ax.transData)
    ax.add_artist(patch)
    return patch


def draw_parent_lines(
    ax: Axes,
    parents: ParentBoundaries,
    m_per_mm: float,
    s: float = 1.0,
    fine: bool = False,
    clip: shapely.Geometry | None = None,
) -> PathPatch | None:
    """Township lines of a village layer: a wide dashed grey band under the unit outlines.

    Merged villages never cross township lines where the plan keeps the rule, so the
    units' own outlines run along these; the band shows either side of them. ``fine``
    thins it for a province of villages; ``clip`` (a box) keeps only what a zoomed map
    shows.
    """
    lines = parents.lines
    if clip is not None:
        lines = shapely.intersection(lines, clip)
    lines = simplify_for(np.array([lines], dtype=object), m_per_mm)
    width = 0.8 if fine else 3.0 * s
    return draw_lines(ax, lines, PARENT_EDGE, width, zorder=2.9, alpha=0.7, linestyle=PARENT_DASH)


def parent_legend_line(ax: Axes, xs: Sequence[float], ys: Sequence[float], s: float) -> None:
    """The legend's sample of :func:`draw_parent_lines` (page axes, millimetres)."""
    ax.plot(xs, ys, color=PARENT_EDGE, lw=3.0 * s, alpha=0.7, ls=PARENT_DASH)


def draw_references(
    ax: Axes, references: Iterable, m_per_mm: float, s: float = 1.0
) -> list[tuple[str, str]]:
    """Draw reference layers (already in the layer's metric CRS); legend entries back."""
    entries = []
    for ref in references or ():
        geoms = simplify_for(np.asarray(ref.geometry, dtype=object), m_per_mm)
        name = getattr(ref, "name", "") or getattr(getattr(ref, "path", None), "stem", "")
        kind = getattr(ref, "kind", "line")
        z = 6 if getattr(ref, "above", True) else 0.5
        if kind == "polygon":
            draw_lines(ax, geoms, "#2e86c1", 0.8, zorder=z)
        elif kind == "point":
            pts = shapely.get_coordinates(geoms)
            ax.plot(pts[:, 0], pts[:, 1], "o", ms=2.5, color="#2e86c1", zorder=z)
        else:
            border = any(k in name for k in ("国界", "边界", "border", "Border"))
            color = BORDER_COLOR if border else "#2e86c1"
            if border:
                # a boundary band under the outlines, a dash-dot line over them
                draw_lines(ax, geoms, BORDER_COLOR, 4.5 * s, zorder=2.8, alpha=0.45)
                draw_lines(ax, geoms, "#7b1f16", 1.0 * s, zorder=z, linestyle=(0, (6, 2, 1, 2)))
            else:
                draw_lines(ax, geoms, color, 0.9 * s, zorder=z)
        entries.append((name, kind))
    return entries


# -- scale bar and north arrow -----------------------------------------------------------
@dataclass(frozen=True)
class ScaleBar:
    """A drawn scale bar: from ``(x0, y0)`` ``length_m`` metres to the east, in map units."""

    x0: float
    y0: float
    length_m: float
    label: str
    denominator: float  # representative fraction 1:denominator at the map's centre


def nice_length(max_m: float) -> float:
    """The longest 1, 2 or 5 × 10^k metres not above ``max_m``."""
    if max_m <= 0:
        return 1.0
    k = math.floor(math.log10(max_m))
    for f in (5, 2, 1):
        if f * 10**k <= max_m:
            return float(f * 10**k)
    return float(10**k)


def format_distance(m: float) -> str:
    if m >= 1000:
        km = m / 1000
        return f"{km:g} km"
    return f"{m:g} m"


def draw_scale_bar(
    ax: Axes, m_per_mm: float, fonts: LayoutFonts, size: float, language: str = "zh"
) -> tuple[ScaleBar, Bbox]:
    """A four-segment scale bar in the lower left of the map, with a 1:n fraction."""
    (x0, x1), (y0, _) = ax.get_xlim(), ax.get_ylim()
    map_w_mm = (x1 - x0) / m_per_mm
    length = nice_length(map_w_mm * 0.25 * m_per_mm)
    margin = 5 * m_per_mm
    bx, by = x0 + margin, y0 + margin + 3.0 * m_per_mm
    bh = 1.4 * m_per_mm
    seg = length / 4
    artists = []
    for i in range(4):
        r = Rectangle(
            (bx + i * seg, by),
            seg,
            bh,
            facecolor="#222222" if i % 2 == 0 else "white",
            edgecolor="#222222",
            linewidth=0.5,
            zorder=9,
        )
        r.set_gid("scalebar")
        ax.add_patch(r)
        artists.append(r)
    prop = fonts.prop(size)
    for frac, txt in ((0, "0"), (0.5, format_distance(length / 2)), (1, format_distance(length))):
        artists.append(
            ax.text(
                bx + frac * length,
                by + bh + 0.8 * m_per_mm,
                txt,
                ha="center",
                va="bottom",
                fontproperties=prop,
                zorder=9,
            )
        )
    den = round_denominator(m_per_mm * 1000)
    label = f"1:{den:,}" if language == "en" else f"比例尺 1:{den:,}"
    artists.append(
        ax.text(bx, by - 0.9 * m_per_mm, label, ha="left", va="top", fontproperties=prop, zorder=9)
    )
    bar = ScaleBar(bx, by, length, format_distance(length), m_per_mm * 1000)
    ax.scalebar = bar
    renderer = _renderer(ax.figure)
    box = Bbox.union([a.get_window_extent(renderer) for a in artists]).expanded(1.1, 1.2)
    ax.add_patch(
        Rectangle(
            ax.transData.inverted().transform((box.x0, box.y0)),
            box.width * m_per_mm / (ax.figure.dpi / 25.4),
            box.height * m_per_mm / (ax.figure.dpi / 25.4),
            facecolor="white",
            alpha=0.75,
            edgecolor="none",
            zorder=8.9,
        )
    )
    return bar, box


def round_denominator(den: float) -> int:
    """A scale denominator rounded to three significant digits (1:123,000)."""
    if den <= 0:
        return 0
    k = max(int(math.floor(math.log10(den))) - 2, 0)
    return int(round(den / 10**k) * 10**k)


def north_angle(metric_crs: pyproj.CRS, x: float, y: float) -> float:
    """Angle (radians, counter-clockwise from map up) of true north at ``(x, y)``."""
    geo = pyproj.Transformer.from_crs(metric_crs, metric_crs.geodetic_crs, always_xy=True)
    back = pyproj.Transformer.from_crs(metric_crs.geodetic_crs, metric_crs, always_xy=True)
    lon, lat = geo.transform(x, y)
    x2, y2 = back.transform(lon, min(lat + 0.01, 89.99))
    return math.atan2(-(x2 - x), y2 - y)


def draw_north_arrow(
    ax: Axes,
    m_per_mm: float,
    metric_crs: pyproj.CRS,
    fonts: LayoutFonts,
    size_mm: float,
    label: str,
) -> Bbox:
    """A two-tone north arrow in the upper right, turned to true north at the centre."""
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    cx = x1 - (5 + size_mm / 2) * m_per_mm
    cy = y1 - (7 + size_mm / 2) * m_per_mm
    ang = north_angle(metric_crs, (x0 + x1) / 2, (y0 + y1) / 2)
    s = size_mm * m_per_mm / 2
    c, si = math.cos(ang), math.sin(ang)

    def rot(pts):
        return [(cx + px * c - py * si, cy + px * si + py * c) for px, py in pts]

    left = rot([(0, s), (-0.45 * s, -s), (0, -0.55 * s)])
    right = rot([(0, s), (0.45 * s, -s), (0, -0.55 * s)])
    arts = [
        Polygon(left, closed=True, facecolor="white", edgecolor="#222222", lw=0.7, zorder=9),
        Polygon(right, closed=True, facecolor="#222222", edgecolor="#222222", lw=0.7, zorder=9),
    ]
    for a in arts:
        a.set_gid("north")
        ax.add_patch(a)
    tx, ty = rot([(0, s + 1.0 * m_per_mm)])[0]
    t = ax.text(
        tx, ty, label, ha="center", va="bottom", fontproperties=fonts.prop(9, True), zorder=9
    )
    renderer = _renderer(ax.figure)
    return Bbox.union([a.get_window_extent(renderer) for a in [*arts, t]]).expanded(1.2, 1.1)


def _renderer(fig: Figure):
    canvas = fig.canvas
    if not hasattr(canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
    return canvas.get_renderer()
