"""Edge adjacency of polygons in a metric CRS, in time and memory linear in vertices.

Two towns are adjacent when they share an edge; touching at a corner is not adjacency.
Real layers have sub-metre gaps and overlaps, so the test is tolerant:

1. exact pass: every ring segment is keyed by its two end points quantised to 1 mm
   (each point packed exactly into one int64); two towns owning the same segment are
   neighbours. The segments are grouped with one ``numpy`` sort of a hash per band of
   the layer (a few million vertices at a time, so memory stays bounded), and every
   pair the hash proposes is confirmed by comparing the quantised coordinates
   themselves: a hash collision can never make two distant towns neighbours.
2. tolerant pass, only for pairs whose envelopes, grown by the tolerance, overlap and
   that the exact pass did not pair: the part of one town's boundary lying within the
   tolerance of the other must be longer than ``min_shared`` (default ten times the
   tolerance), which a corner contact never is. Only what lies inside the overlap of
   the two grown envelopes can be that close, so both towns are first clipped to that
   rectangle (GEOS's rectangle clipping, linear in vertices): a corner contact between
   two 5,000-vertex towns is then settled on a few segments, never on the whole rings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from scipy import sparse

# progress(stage, fraction): stage is one of the STAGE_* keys, fraction in [0, 1]. The
# callback may raise to cancel (the exception propagates out of edge_adjacency).
Progress = Callable[[str, float], None]
STAGE_SHARED_EDGES = "shared_edges"
STAGE_NEAR_EDGES = "near_edges"

# vertices handled at once by the exact pass, and by one step of the tolerant pass
BAND_VERTICES = 3_000_000
NEAR_CHUNK_VERTICES = 2_000_000


@dataclass
class Adjacency:
    """Symmetric edge adjacency in compressed sparse row form.

    ``neighbors(i)`` is ``indices[indptr[i]:indptr[i+1]]`` (sorted town indices).
    """

    indptr: np.ndarray
    indices: np.ndarray

    @property
    def n(self) -> int:
        return len(self.indptr) - 1

    def neighbors(self, i: int) -> np.ndarray:
        return self.indices[self.indptr[i] : self.indptr[i + 1]]

    def pairs(self) -> np.ndarray:
        """Unique pairs (i < j) as an (m, 2) array."""
        rows = np.repeat(np.arange(self.n), np.diff(self.indptr))
        keep = rows < self.indices
        return np.column_stack([rows[keep], self.indices[keep]])

    def matrix(self) -> sparse.csr_matrix:
        data = np.ones(len(self.indices), dtype=np.int8)
        return sparse.csr_matrix((data, self.indices, self.indptr), shape=(self.n, self.n))

    @classmethod
    def from_pairs(cls, n: int, pairs: np.ndarray) -> Adjacency:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
        cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
        m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
        m.sum_duplicates()
        m.sort_indices()
        return cls(m.indptr.astype(np.int64), m.indices.astype(np.int64))


def _report(progress: Progress | None, stage: str, fraction: float) -> None:
    if progress is not None:
        progress(stage, float(min(1.0, max(0.0, fraction))))


def _mix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Combine two int64 arrays into one 64-bit hash (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        h = a * np.int64(-7046029254386353131) + b
        h ^= h >> np.int64(29)
        h *= np.int64(-4658895280553007687)
        h ^= h >> np.int64(32)
    return h


def _segment_hash(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A 64-bit hash of a segment given its two packed end points (only orders the sort)."""
    return _mix(lo, hi)


def _unique_pairs(pairs: np.ndarray, n: int) -> np.ndarray:
    if len(pairs) == 0:
        return np.empty((0, 2), dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64)
    key = np.minimum(pairs[:, 0], pairs[:, 1]) * n + np.maximum(pairs[:, 0], pairs[:, 1])
    key.sort()  # a value sort and a diff: much faster than np.unique's hash table here
    key = key[np.concatenate([[True], key[1:] != key[:-1]])]
    return np.column_stack([key // n, key % n])


def _ring_segments(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """All ring coordinates of ``geoms``, the index of each one's geometry, and whether a
    segment of the same ring starts at it (``False`` at each ring's last vertex)."""
    try:
        kind, coords, offsets = shapely.to_ragged_array(geoms)
    except (ValueError, TypeError):  # mixed or non-polygonal: go through the rings
        kind = None
    if kind == shapely.GeometryType.POLYGON:
        ring_off, geom_off = offsets
        ring_geom = np.repeat(np.arange(len(geom_off) - 1), np.diff(geom_off))
    elif kind == shapely.GeometryType.MULTIPOLYGON:
        ring_off, part_off, geom_off = offsets
        part_geom = np.repeat(np.arange(len(geom_off) - 1), np.diff(geom_off))
        ring_geom = np.repeat(part_geom, np.diff(part_off))
    else:
        rings, ring_geom = shapely.get_rings(geoms, return_index=True)
        coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
        starts = np.zeros(len(coords), dtype=bool)
        starts[:-1] = coord_ring[1:] == coord_ring[:-1]
        return coords, ring_geom[coord_ring], starts
    ring_len = np.diff(ring_off)
    owner = np.repeat(ring_geom, ring_len)
    starts = np.ones(len(coords), dtype=bool)
    ends = ring_off[1:][ring_len > 0] - 1
    starts[ends] = False
    return coords, owner, starts


def _identical_segment_pairs(lo: np.ndarray, hi: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Owner pairs of segments with identical ``(lo, hi)`` (exactly), any number per group.

    One value sort of ``hash << bits | position`` groups equal hashes (equal segments
    always hash alike); within a group the exact keys decide. Groups of two (the clean
    tiling case) are checked directly; larger groups (collisions, or a segment in three
    or more towns) are sorted again on the exact keys.
    """
    m = len(lo)
    if m < 2:
        return np.empty((0, 2), dtype=np.int64)
    bits = max(1, int(m - 1).bit_length())
    mask = np.int64((1 << bits) - 1)
    with np.errstate(over="ignore"):
        key = (_segment_hash(lo, hi) << np.int64(bits)) | np.arange(m, dtype=np.int64)
    key.sort()
    pos = key & mask
    hp = key >> np.int64(bits)
    del key
    same = hp[1:] == hp[:-1]  # same[k]: sorted entries k and k + 1 hash alike
    del hp
    out = []
    # runs of exactly two: one comparison each
    two = same.copy()
    two[1:] &= ~same[:-1]
    two[:-1] &= ~same[1:]
    i, j = pos[:-1][two], pos[1:][two]
    ok = (lo[i] == lo[j]) & (hi[i] == hi[j]) & (owner[i] != owner[j])
    out.append(np.column_stack([owner[i][ok], owner[j][ok]]))
    # longer runs: exact sort of their members, then every pair within equal groups
    triple = same[:-1] & same[1:]
    big = np.zeros(m, dtype=bool)
    if triple.any():
        big[:-2] |= triple
        big[1:-1] |= triple
        big[2:] |= triple
    if big.any():
        members = pos[big]
        order = np.lexsort((hi[members], lo[members]))
        members = members[order]
        blo, bhi, bown = lo[members], hi[members], owner[members]
        eq = (blo[1:] == blo[:-1]) & (bhi[1:] == bhi[:-1])
        group = np.cumsum(np.concatenate([[True], ~eq])) - 1
        longest = int(np.bincount(group).max())
        for d in range(1, longest):
            a, b = slice(None, -d), slice(d, None)
            hit = (group[a] == group[b]) & (bown[a] != bown[b])
            out.append(np.column_stack([bown[a][hit], bown[b][hit]]))
    return np.concatenate(out)


def _exact_shared_edge_pairs(
    geoms_m: np.ndarray,
    quantum: float = 1e-3,
    band_vertices: int | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """Unique pairs ``(i < j)`` of towns owning an identical ring segment.

    End points are equal when they round to the same multiple of ``quantum`` (1 mm,
    coarsened only if the layer is wider than 2**30 quanta, about 1,000 km). The layer
    is cut into bands of about ``band_vertices`` vertices across y; a segment belongs to
    the band holding its lower end point, so equal segments meet in one band.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    n = len(geoms_m)
    present = ~(shapely.is_missing(geoms_m) | shapely.is_empty(geoms_m))
    idx = np.flatnonzero(present)
    if len(idx) < 2:
        return np.empty((0, 2), dtype=np.int64)
    bounds = shapely.bounds(geoms_m[idx])
    xmin, ymin = bounds[:, 0].min(), bounds[:, 1].min()
    span = max(bounds[:, 2].max() - xmin, bounds[:, 3].max() - ymin)
    quantum = max(quantum, span / 2**30)
    ox = np.floor(xmin / quantum) - 2.0
    oy = np.floor(ymin / quantum) - 2.0
    # each town's quantised y range, widened by one quantum against rounding
    ty0 = np.floor(bounds[:, 1] / quantum) - oy - 1
    ty1 = np.ceil(bounds[:, 3] / quantum) - oy + 1
    nverts = shapely.get_num_coordinates(geoms_m[idx])
    total = int(nverts.sum())
    band_vertices = BAND_VERTICES if band_vertices is None else band_vertices
    n_bands = max(1, -(-total // max(1, band_vertices)))
    if n_bands == 1:
        cuts = np.array([-np.inf, np.inf])
    else:
        centre = (ty0 + ty1) / 2
        order = np.argsort(centre, kind="stable")
        cum = np.cumsum(nverts[order])
        at = np.searchsorted(cum, total * np.arange(1, n_bands) / n_bands)
        inner = np.unique(np.floor(centre[order][np.minimum(at, len(order) - 1)]))
        cuts = np.concatenate([[-np.inf], inner, [np.inf]])
    bands = []
    for b in range(len(cuts) - 1):
        sel = (ty1 >= cuts[b]) & (ty0 < cuts[b + 1])
        if sel.any():
            bands.append((cuts[b], cuts[b + 1], sel))
    work = max(1, sum(int(nverts[sel].sum()) for _, _, sel in bands))
    found = []
    done = 0
    for lo_cut, hi_cut, sel in bands:
        towns = idx[sel]
        coords, local_owner, starts = _ring_segments(geoms_m[towns])
        done += int(nverts[sel].sum())
        if len(coords) < 2:
            continue
        kx = (np.round(coords[:, 0] / quantum) - ox).astype(np.int64)
        ky = (np.round(coords[:, 1] / quantum) - oy).astype(np.int64)
        del coords
        pk = (kx << np.int64(32)) | ky
        del kx
        seg = starts[:-1] & (pk[1:] != pk[:-1])
        if len(bands) > 1:
            low_y = np.minimum(ky[1:], ky[:-1])
            seg &= (low_y >= lo_cut) & (low_y < hi_cut)
            del low_y
        del ky
        lo = np.minimum(pk[:-1], pk[1:])
        hi = np.maximum(pk[:-1], pk[1:])
        del pk
        # no compaction (three gathers of every segment): what is not a segment of this
        # band gets a distinct negative end point, which nothing else carries
        lo[~seg] = -1 - np.flatnonzero(~seg)
        local = _identical_segment_pairs(lo, hi, local_owner[:-1])
        del lo, hi, local_owner, starts, seg
        found.append(_unique_pairs(towns[local], n))
        _report(progress, STAGE_SHARED_EDGES, done / work)
    _report(progress, STAGE_SHARED_EDGES, 1.0)
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    if len(found) == 1:
        return found[0]
    return _unique_pairs(np.concatenate(found), n)


try:  # the ufunc behind shapely.clip_by_rect, which broadcasts over rectangles
    _clip_rects = shapely.lib.clip_by_rect
    _clip_rects(np.array([shapely.LineString([(0, 0), (1, 1)])]), np.zeros(1), 0.0, 1.0, 1.0)
except (AttributeError, TypeError):  # pragma: no cover - a shapely without it

    def _clip_rects(geoms, xmin, ymin, xmax, ymax):
        return shapely.intersection(geoms, shapely.box(xmin, ymin, xmax, ymax))


def _near_edge_pairs(
    geoms_m: np.ndarray,
    cand: np.ndarray,
    tolerance_m: float,
    min_shared_m: float,
    progress: Progress | None = None,
    chunk_vertices: int | None = None,
) -> np.ndarray:
    """Candidate pairs ``(i, j)`` where more than ``min_shared_m`` of ``i``'s boundary
    lies within ``tolerance_m`` of town ``j`` (gaps and overlaps up to the tolerance)."""
    if len(cand) == 0:
        return np.empty((0, 2), dtype=np.int64)
    chunk_vertices = NEAR_CHUNK_VERTICES if chunk_vertices is None else chunk_vertices
    eps = max(tolerance_m, 1e-6)
    grow = eps * 1.001 + 1e-9
    cand = cand[np.argsort(cand[:, 0], kind="stable")]
    bounds = shapely.bounds(geoms_m)
    nverts = shapely.get_num_coordinates(geoms_m)
    cost = np.cumsum(nverts[cand[:, 0]] + nverts[cand[:, 1]])
    found = []
    start = 0
    while start < len(cand):
        before = cost[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(cost, before + chunk_vertices, side="right")))
        part = cand[start:stop]
        bi, bj = bounds[part[:, 0]], bounds[part[:, 1]]
        x0 = np.maximum(bi[:, 0], bj[:, 0]) - grow
        y0 = np.maximum(bi[:, 1], bj[:, 1]) - grow
        x1 = np.minimum(bi[:, 2], bj[:, 2]) + grow
        y1 = np.minimum(bi[:, 3], bj[:, 3]) + grow
        # town i's boundary within the rectangle: all of it that can be near town j
        towns, inv = np.unique(part[:, 0], return_inverse=True)
        edges = shapely.boundary(geoms_m[towns])[inv]
        clipped = _clip_rects(edges, x0, y0, x1, y1)
        del edges
        keep = shapely.length(clipped) > min_shared_m
        if keep.any():
            part, clipped = part[keep], clipped[keep]
            other = _clip_rects(geoms_m[part[:, 1]], x0[keep], y0[keep], x1[keep], y1[keep])
            dirty = ~shapely.is_valid(other)
            if dirty.any():  # the fast clip is not always clean: the exact overlay then
                k = np.flatnonzero(keep)[dirty]
                rect = shapely.box(x0[k], y0[k], x1[k], y1[k])
                other[dirty] = shapely.intersection(geoms_m[part[dirty, 1]], rect)
            near = shapely.dwithin(clipped, other, eps)
            part, clipped, other = part[near], clipped[near], other[near]
            if len(part):
                grown = shapely.buffer(other, eps, quad_segs=2)
                shared = shapely.length(shapely.intersection(clipped, grown))
                found.append(part[shared > min_shared_m])
        start = stop
        _report(progress, STAGE_NEAR_EDGES, start / len(cand))
    return np.concatenate(found) if found else np.empty((0, 2), dtype=np.int64)


def edge_adjacency(
    geoms_m: np.ndarray,
    tolerance_m: float = 1.0,
    min_shared_m: float | None = None,
    progress: Progress | None = None,
) -> Adjacency:
    """Edge adjacency of polygons in a metric CRS.

    Parameters
    ----------
    geoms_m
        Polygons in metres (e.g. from :func:`~editor.core.measure.project_equal_area`).
    tolerance_m
        Gaps and overlaps up to this width still count as a shared edge.
    min_shared_m
        Shortest length of boundary lying within the tolerance of the other town that
        makes an edge; defaults to ``max(10 * tolerance_m, 1.0)``. Corner contact stays
        below it.
    progress
        Called as ``progress(stage, fraction)`` with ``STAGE_SHARED_EDGES`` then
        ``STAGE_NEAR_EDGES``; may raise to cancel.
    """
    geoms_m = np.asarray(geoms_m, dtype=object)
    n = len(geoms_m)
    if min_shared_m is None:
        min_shared_m = max(10.0 * tolerance_m, 1.0)
    _report(progress, STAGE_SHARED_EDGES, 0.0)
    exact = _exact_shared_edge_pairs(geoms_m, progress=progress)

    # envelope candidates, grown by the tolerance, that the exact pass did not settle
    present = ~(shapely.is_missing(geoms_m) | shapely.is_empty(geoms_m))
    b = shapely.bounds(geoms_m)
    t = max(tolerance_m, 1e-6)
    boxes = shapely.box(b[:, 0] - t, b[:, 1] - t, b[:, 2] + t, b[:, 3] + t)
    boxes[~present] = None
    qi, qj = shapely.STRtree(boxes).query(boxes)
    keep = qi < qj
    cand = np.column_stack([qi[keep], qj[keep]]).astype(np.int64)
    if len(exact) and len(cand):
        cand = cand[~np.isin(cand[:, 0] * n + cand[:, 1], exact[:, 0] * n + exact[:, 1])]
    _report(progress, STAGE_NEAR_EDGES, 0.0)
    near = _near_edge_pairs(geoms_m, cand, tolerance_m, min_shared_m, progress)
    _report(progress, STAGE_NEAR_EDGES, 1.0)
    return Adjacency.from_pairs(n, np.concatenate([exact, near]))
