"""Towns that overlap: the pairs, their overlap areas, and areas of unions of towns.

Real layers are not always clean coverages: an overlay zone (开发区, 新区) drawn on top of
the townships it was carved from, or the slivers where two surveys disagree, make some
towns overlap. A merged unit's area is then the area of the union of its towns, not the
sum. Measured once at load (:func:`find_overlaps`): each overlapping pair's overlap area
in the layer's equal-area CRS (so in ellipsoidal km²), and the triples of towns that
overlap all three at once. A unit's area is then its towns' sum minus the overlaps of
its pairs (:meth:`Overlaps.union_area_km2`): exact when no three of its towns overlap at
one place; a unit that holds such a triple is measured by a union of its overlapping
members instead.

Finding the pairs stays cheap on clean layers: towns whose bounding boxes share no area
cannot overlap (an axis-aligned grid is done there); else one coverage union of the whole
layer certifies that no towns overlap (``shapely.coverage_union_all`` only drops shared
edges, linear in vertices); otherwise each pair whose bounding boxes overlap is
certified by the coverage union of the two, and only the pairs left are intersected,
each clipped to the box common to both first (a survey-grade town has thousands of
vertices; only those near its neighbour matter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shapely

#: overlap areas below this (m²) are rounding noise of the intersection of touching towns
NOISE_M2 = 1e-3


@dataclass
class Overlaps:
    """Overlapping town pairs of a layer (``pairs[k] = (i, j)``, ``i < j``) and their areas.

    ``triples`` are towns ``(a, b, c)`` whose three-way intersection has an area.
    """

    n: int
    pairs: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int64))
    area_km2: np.ndarray = field(default_factory=lambda: np.zeros(0))
    triples: np.ndarray = field(default_factory=lambda: np.zeros((0, 3), dtype=np.int64))

    def __post_init__(self) -> None:
        self.pairs = np.asarray(self.pairs, dtype=np.int64).reshape(-1, 2)
        self.area_km2 = np.asarray(self.area_km2, dtype=np.float64)
        self.triples = np.asarray(self.triples, dtype=np.int64).reshape(-1, 3)
        self.involved = np.zeros(self.n, dtype=bool)
        self.involved[self.pairs.ravel()] = True
        self._partners: dict[int, list[tuple[int, float]]] = {}
        for (i, j), a in zip(self.pairs.tolist(), self.area_km2.tolist(), strict=True):
            self._partners.setdefault(i, []).append((j, a))
            self._partners.setdefault(j, []).append((i, a))
        self._in_triple = np.zeros(self.n, dtype=bool)
        self._in_triple[self.triples.ravel()] = True

    def __len__(self) -> int:
        return len(self.pairs)

    @property
    def total_km2(self) -> float:
        """Sum of the pairwise overlap areas."""
        return float(self.area_km2.sum())

    def worst(self, k: int = 5) -> list[tuple[int, int, float]]:
        """The ``k`` largest overlaps as ``(i, j, km²)``, largest first."""
        order = np.argsort(-self.area_km2, kind="stable")[:k]
        return [
            (int(self.pairs[o, 0]), int(self.pairs[o, 1]), float(self.area_km2[o])) for o in order
        ]

    def within(self, members: np.ndarray) -> tuple[float, bool]:
        """Overlap area (km²) of the pairs inside ``members``; whether a triple is inside."""
        members = np.asarray(members, dtype=np.int64)
        inv = members[self.involved[members]]
        if len(inv) < 2:
            return 0.0, False
        inside = set(inv.tolist())
        total = 0.0
        for i in inv.tolist():
            for j, a in self._partners.get(i, ()):
                if j > i and j in inside:
                    total += a
        triple = False
        if self._in_triple[inv].sum() >= 3:
            t = self.triples
            triple = bool(np.isin(t, inv).all(axis=1).any())
        return total, triple

    def union_area_km2(
        self, members: np.ndarray, areas_km2: np.ndarray, geometry_m: np.ndarray
    ) -> float:
        """Area of the union of ``members`` given each town's own area (km²)."""
        members = np.asarray(members, dtype=np.int64)
        total = float(areas_km2[members].sum())
        if not len(self.pairs):
            return total
        overlap, triple = self.within(members)
        if not triple:
            return total - overlap
        # three members overlap at one place: measure the overlapping ones by a union
        inv = members[self.involved[members]]
        rest = float(areas_km2[members[~self.involved[members]]].sum())
        return rest + float(shapely.area(_union(geometry_m[inv]))) / 1e6


def _union(geoms: np.ndarray) -> shapely.Geometry:
    try:
        return shapely.union_all(geoms)
    except shapely.errors.GEOSException:
        return shapely.union_all(shapely.make_valid(geoms), grid_size=1e-3)


def _coverage_ok(geoms: np.ndarray, areas: float) -> bool:
    """Whether the coverage union of ``geoms`` certifies that they do not overlap."""
    try:
        union = shapely.coverage_union_all(geoms)
    except shapely.errors.GEOSException:
        return False
    if union is None or not shapely.is_valid(union):
        return False
    return abs(float(shapely.area(union)) - areas) <= 1e-9 * max(areas, 1.0)


def _pairs_certified(
    geoms: np.ndarray, a: np.ndarray, b: np.ndarray, areas: np.ndarray
) -> np.ndarray:
    """Which pairs ``(a[k], b[k])`` a coverage union of the two shows not to overlap.

    One vectorised call for all pairs; GEOS refuses a badly noded pair by raising for
    the whole call, so a refused batch is halved until the refused pairs are alone.
    """
    ok = np.zeros(len(a), dtype=bool)
    todo = [np.arange(len(a))]
    while todo:
        idx = todo.pop()
        if not len(idx):
            continue
        try:
            union = shapely.coverage_union_all(
                np.column_stack([geoms[a[idx]], geoms[b[idx]]]), axis=1
            )
        except shapely.errors.GEOSException:
            if len(idx) > 1:
                half = len(idx) // 2
                todo += [idx[:half], idx[half:]]
            continue
        want = areas[a[idx]] + areas[b[idx]]
        good = shapely.is_valid(union) & (
            np.abs(shapely.area(union) - want) <= 1e-9 * np.maximum(want, 1.0)
        )
        ok[idx] = good
    return ok


def _pair_overlap_m2(a: shapely.Geometry, b: shapely.Geometry, box: np.ndarray) -> float:
    """Overlap area (m²) of two towns, clipped to the box their bounds share."""
    ca = shapely.clip_by_rect(a, *box)
    cb = shapely.clip_by_rect(b, *box)
    try:
        return float(shapely.area(shapely.intersection(ca, cb)))
    except shapely.errors.GEOSException:
        try:
            return float(shapely.area(shapely.intersection(a, b)))
        except shapely.errors.GEOSException:
            fixed = shapely.make_valid(np.array([a, b], dtype=object))
            return float(shapely.area(shapely.intersection(fixed[0], fixed[1], grid_size=1e-3)))


def find_overlaps(geometry_m: np.ndarray) -> Overlaps:
    """The overlapping pairs and triples of towns given in an equal-area CRS (metres)."""
    geoms = np.asarray(geometry_m, dtype=object)
    n = len(geoms)
    if n < 2:
        return Overlaps(n)
    areas = shapely.area(geoms)
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms)
    keep = a < b
    a, b = a[keep], b[keep]
    bounds = shapely.bounds(geoms)
    lo = np.maximum(bounds[a, :2], bounds[b, :2])
    hi = np.minimum(bounds[a, 2:], bounds[b, 2:])
    boxed = (hi > lo).all(axis=1)  # bounds that only touch cannot hold an overlap
    a, b, lo, hi = a[boxed], b[boxed], lo[boxed], hi[boxed]
    if not len(a) or _coverage_ok(geoms, float(areas.sum())):
        return Overlaps(n)
    doubt = ~_pairs_certified(geoms, a, b, areas)
    a, b, lo, hi = a[doubt], b[doubt], lo[doubt], hi[doubt]
    pairs, found = [], []
    for i, j, low, high in zip(a.tolist(), b.tolist(), lo, hi, strict=True):
        m2 = _pair_overlap_m2(geoms[i], geoms[j], np.concatenate([low, high]))
        if m2 > NOISE_M2:
            pairs.append((i, j))
            found.append(m2 / 1e6)
    pairs_arr = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return Overlaps(n, pairs_arr, np.asarray(found), _triples(geoms, pairs_arr))


def _triples(geoms: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Triangles of the overlap graph whose three towns share an area."""
    if len(pairs) < 3:
        return np.zeros((0, 3), dtype=np.int64)
    nb: dict[int, set[int]] = {}
    for i, j in pairs.tolist():
        nb.setdefault(i, set()).add(j)
        nb.setdefault(j, set()).add(i)
    out = []
    for i, j in pairs.tolist():
        for k in sorted(nb[i] & nb[j]):
            if k > j:
                try:
                    area = shapely.area(
                        shapely.intersection(shapely.intersection(geoms[i], geoms[j]), geoms[k])
                    )
                except shapely.errors.GEOSException:
                    area = 1.0  # cannot tell: treat as a triple (measured by a union)
                if area > NOISE_M2:
                    out.append((i, j, k))
    return np.asarray(out, dtype=np.int64).reshape(-1, 3)
