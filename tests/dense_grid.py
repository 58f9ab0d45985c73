"""Dense grids of square towns, the quirk of survey-grade layers (not a test module).

``dense_grid(rows, cols, k)`` makes ``rows * cols`` square towns whose every edge is
densified to ``k`` segments (``4 * k`` vertices a town), numbered row by row from the
south-west: town ``r * cols + c`` is at row ``r``, column ``c``. Neighbouring towns
carry bit-identical vertices along their shared edge (both are computed from one
lattice), as a clean coverage does. ``gap`` shrinks (positive) or grows (negative)
every square about its centre so neighbours are ``gap`` apart or overlap by ``-gap``;
``wiggle`` displaces the intermediate vertices of each edge across it (the same way for
both towns of the edge), like a surveyed line.

``rook_pairs(rows, cols)`` is the truth, computed apart from any geometry: the towns
sharing an edge are the row and column neighbours (corner contact is not adjacency).

Imported by the adjacency tests and by ``benchmarks/bench_dense.py``.
"""

from __future__ import annotations

import numpy as np
import pyproj
import shapely

GK_EPSG = 4545  # CGCS2000 / 3-degree Gauss-Kruger CM 108E (metres, no zone prefix)


def _wiggle(idx: np.ndarray, line: np.ndarray, k: int, amplitude: float) -> np.ndarray:
    """Offset across an edge of the vertex at lattice position ``idx`` on lattice line ``line``.

    Zero at the square corners (``idx`` a multiple of ``k``), so edges still meet there.
    """
    if amplitude == 0:
        return np.zeros(np.broadcast(idx, line).shape)
    t = (idx % k) / k
    return amplitude * np.sin(np.pi * t) * np.sin(0.7 * idx + 1.3 * line)


def grid_coords(
    rows: int,
    cols: int,
    k: int,
    *,
    size: float,
    x0: float,
    y0: float,
    gap: float = 0.0,
    wiggle: float = 0.0,
    row_slice: slice | None = None,
) -> np.ndarray:
    """Closed rings of the towns of rows ``row_slice`` as an ``(n, 4k + 1, 2)`` array."""
    r_lo, r_hi, _ = (row_slice or slice(0, rows)).indices(rows)
    step = size / k
    t = np.arange(k)
    rr = np.arange(r_lo, r_hi)[:, None]
    cc = np.arange(cols)[None, :]
    rr, cc = np.broadcast_arrays(rr, cc)
    rr, cc = rr.ravel()[:, None], cc.ravel()[:, None]
    n = len(rr)
    out = np.empty((n, 4 * k + 1, 2))
    # bottom edge: horizontal lattice line rr, from column position cc*k to (cc+1)*k
    ix = cc * k + t
    out[:, 0:k, 0] = x0 + step * ix
    out[:, 0:k, 1] = y0 + size * rr + _wiggle(ix, rr, k, wiggle)
    # right edge: vertical lattice line cc + 1, upwards
    iy = rr * k + t
    out[:, k : 2 * k, 0] = x0 + size * (cc + 1) + _wiggle(iy, cc + 1, k, wiggle)
    out[:, k : 2 * k, 1] = y0 + step * iy
    # top edge: horizontal line rr + 1, leftwards
    ix = (cc + 1) * k - t
    out[:, 2 * k : 3 * k, 0] = x0 + step * ix
    out[:, 2 * k : 3 * k, 1] = y0 + size * (rr + 1) + _wiggle(ix, rr + 1, k, wiggle)
    # left edge: vertical line cc, downwards
    iy = (rr + 1) * k - t
    out[:, 3 * k : 4 * k, 0] = x0 + size * cc + _wiggle(iy, cc, k, wiggle)
    out[:, 3 * k : 4 * k, 1] = y0 + step * iy
    out[:, 4 * k] = out[:, 0]
    if gap:
        centre = np.column_stack([x0 + size * (cc[:, 0] + 0.5), y0 + size * (rr[:, 0] + 0.5)])
        factor = 1.0 - gap / size
        out = centre[:, None, :] + (out - centre[:, None, :]) * factor
    return out


def dense_grid(
    rows: int,
    cols: int,
    k: int,
    *,
    crs: int = GK_EPSG,
    size: float | None = None,
    gap: float = 0.0,
    wiggle: float = 0.0,
) -> tuple[np.ndarray, pyproj.CRS]:
    """``rows * cols`` square towns, each edge in ``k`` segments; geometries and CRS.

    In a projected CRS ``size`` (default 2,000 m), ``gap`` and ``wiggle`` are metres and
    the grid starts at (480,000, 3,300,000), near 29.8 N on the GK central meridian; in a
    geographic CRS they are degrees (default size 0.02) from 108 E, 29.8 N.
    """
    crs_obj = pyproj.CRS(crs)
    if crs_obj.is_geographic:
        size = 0.02 if size is None else size
        x0, y0 = 108.0, 29.8
    else:
        size = 2000.0 if size is None else size
        x0, y0 = 480000.0, 3300000.0
    coords = grid_coords(rows, cols, k, size=size, x0=x0, y0=y0, gap=gap, wiggle=wiggle)
    return shapely.polygons(coords), crs_obj


def rook_pairs(rows: int, cols: int) -> set[tuple[int, int]]:
    """Town pairs ``(i, j)``, ``i < j``, that are row or column neighbours."""
    pairs = set()
    for r in range(rows):
        for c in range(cols):
            i = r * cols + c
            if c + 1 < cols:
                pairs.add((i, i + 1))
            if r + 1 < rows:
                pairs.add((i, i + cols))
    return pairs
