"""Map labels for layouts: placed in priority order, shifted or shrunk to avoid overlaps,
each over a white halo drawn as a separate artist (so the label stays searchable text)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from editor.layout.fonts import LayoutFonts

PT_MM = 25.4 / 72


@dataclass
class LabelItem:
    x: float
    y: float
    text: str
    priority: float
    size: float  # points
    radius_m: float = 0.0
    color: str = "#111111"
    bold: bool = False


class _Placed:
    """Boxes of the labels placed so far, in a grid of display cells for quick lookup."""

    cell = 60.0  # display px

    def __init__(self, ax_box: Bbox, avoid: list[Bbox] | None):
        self.ax_box = ax_box
        self.avoid = avoid
        self.boxes: list[Bbox] = list(avoid or [])
        self.grid: dict[tuple[int, int], list[int]] = {}

    def _cells(self, bb: Bbox):
        cell = self.cell
        for gx in range(int(bb.x0 // cell), int(bb.x1 // cell) + 1):
            for gy in range(int(bb.y0 // cell), int(bb.y1 // cell) + 1):
                yield gx, gy

    def collides(self, bb: Bbox) -> bool:
        """Outside the axes (less 2 px), over a placed label or an avoided box."""
        ax_box = self.ax_box
        if (
            bb.x0 < ax_box.x0 + 2
            or bb.x1 > ax_box.x1 - 2
            or bb.y0 < ax_box.y0 + 2
            or bb.y1 > ax_box.y1 - 2
        ):
            return True
        for key in self._cells(bb):
            for k in self.grid.get(key, ()):
                if self.boxes[k].overlaps(bb):
                    return True
        return any(b.overlaps(bb) for b in (self.avoid or []))

    def add(self, bb: Bbox) -> None:
        self.boxes.append(bb)
        k = len(self.boxes) - 1
        for key in self._cells(bb):
            self.grid.setdefault(key, []).append(k)


def place_labels(
    ax: Axes,
    items: list[LabelItem],
    fonts: LayoutFonts,
    renderer,
    m_per_mm: float,
    min_size: float = 4.5,
    limit: int | None = None,
    avoid: list[Bbox] | None = None,
) -> list[Text]:
    """Add labels in priority order, shifting or shrinking them to avoid overlaps.

    Each label is measured with the renderer; one that collides with a label already
    placed (or with ``avoid`` boxes such as the north arrow and scale bar) tries a few
    positions around its anchor and a smaller size, and is dropped if none fits. Small
    units get a smaller font: the size is capped by the unit's inscribed circle.
    """
    placed = _Placed(ax.get_window_extent(renderer), avoid)
    out: list[Text] = []
    items = sorted(items, key=lambda it: -it.priority)
    if limit is not None:
        items = items[:limit]
    for it in items:
        size = _fitted_size(it, m_per_mm, min_size)
        if size is None:
            continue  # far too small to hold its name: leave it unlabelled
        text = ax.text(
            it.x,
            it.y,
            it.text,
            ha="center",
            va="center",
            fontproperties=fonts.prop(size, it.bold),
            color=it.color,
            zorder=8,
            linespacing=1.1,
            clip_on=True,
        )
        if not _find_place(ax, it, text, size, fonts, renderer, m_per_mm, min_size, placed):
            text.remove()
            continue
        halo(ax, text)
        out.append(text)
    return out


def _fitted_size(it: LabelItem, m_per_mm: float, min_size: float) -> float | None:
    """The label's size: a unit 2r metres across gets text at most about that wide;
    None when even half the smallest size would not fit."""
    size = it.size
    if it.radius_m > 0:
        width_mm = 2 * it.radius_m / m_per_mm
        longest = max(len(s) for s in it.text.split("\n"))
        fit = width_mm / max(longest, 1) / PT_MM * 1.1
        if fit < 0.5 * min_size:
            return None
        size = max(min_size, min(size, fit))
    return size


def _find_place(
    ax: Axes,
    it: LabelItem,
    text: Text,
    size: float,
    fonts: LayoutFonts,
    renderer,
    m_per_mm: float,
    min_size: float,
    placed: _Placed,
) -> bool:
    """Move ``text`` to the first free spot near its anchor (at full size, then 0.8);
    record its box and return True, or False when there is none."""
    px_per_mm = ax.figure.dpi / 25.4
    bb0 = text.get_window_extent(renderer).expanded(1.06, 1.1)
    for shrink in (1.0, 0.8):
        if shrink != 1.0:
            if size * shrink < min_size:
                break
            text.set_fontproperties(fonts.prop(size * shrink, it.bold))
            bb0 = text.get_window_extent(renderer).expanded(1.06, 1.1)
        h = bb0.height
        w = bb0.width
        shifts = [(0, 0), (0, 0.6 * h), (0, -0.6 * h), (0.5 * w, 0), (-0.5 * w, 0)]
        shifts += [(0, h), (0, -h), (0.4 * w, 0.5 * h), (-0.4 * w, 0.5 * h)]
        shifts += [(0.4 * w, -0.5 * h), (-0.4 * w, -0.5 * h)]
        # shifting may only move about as far as the unit's free circle reaches
        reach = max(it.radius_m / m_per_mm * px_per_mm, 0.75 * h) if it.radius_m else 1e9
        for dx, dy in shifts:
            if math.hypot(dx, dy) > reach:
                continue
            bb = bb0.translated(dx, dy)
            if not placed.collides(bb):
                if dx or dy:
                    x, y = ax.transData.inverted().transform(
                        ax.transData.transform((it.x, it.y)) + (dx, dy)
                    )
                    text.set_position((x, y))
                placed.add(bb)
                return True
    return False


def halo(ax: Axes, text: Text) -> None:
    """A white outline under a label, as a separate path-only artist.

    Path effects turn text into outlines, which would make it unsearchable in the PDF;
    drawing the halo as a stroked copy underneath keeps the label itself real text.
    """
    x, y = text.get_position()
    h = ax.text(
        x,
        y,
        text.get_text(),
        ha=text.get_ha(),
        va=text.get_va(),
        fontproperties=text.get_fontproperties(),
        color="white",
        zorder=text.get_zorder() - 0.1,
        linespacing=text.get_linespacing(),
        clip_on=True,
    )
    h.set_path_effects([patheffects.Stroke(linewidth=2.2, foreground="white")])
    h.set_gid("halo")
