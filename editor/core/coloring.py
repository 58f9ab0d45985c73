"""Map colouring: the palette, and adjacent units given different colour indices (Qt-free).

``PALETTE`` is the one palette of the program: the map canvas
(``editor.gui.colors.UnitColors``), print layouts (``editor.layout``) and the QGIS style
of an export (``editor.io.qml``) all index into it, so a unit's colour index means the
same colour on screen, on paper and in QGIS. ``unit_colors(plan)`` colours a plan in one
batch (layouts and exports without a screen); the canvas keeps its own incremental
colouring so colours stay put while the user edits, and the print dialog hands those
indices to the layout.
"""

from __future__ import annotations

import numpy as np

from editor.core.measure import Adjacency
from editor.core.plan import Plan
from editor.core.towns import TownLayer

#: A soft qualitative palette (ColorBrewer Set3-like), light enough for dark labels.
PALETTE: tuple[str, ...] = (
    "#8dd3c7",
    "#ffffb3",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#ccebc5",
    "#e5c494",
)

# Every palette colour: a planar map coloured in smallest-last order needs at most 6
# (at most 5 earlier neighbours), and the rest spread the colours evenly.
DEFAULT_COLORS = len(PALETTE)


def palette_color(index: int) -> str:
    """The hex colour of colour index ``index`` (indices beyond the palette wrap)."""
    return PALETTE[int(index) % len(PALETTE)]


def greedy_colors(n: int, pairs: np.ndarray, k: int = DEFAULT_COLORS) -> np.ndarray:
    """Colour ``n`` nodes so that the nodes of every pair differ.

    Nodes are coloured in smallest-last (degeneracy) order, which needs at most 6
    colours on a planar graph; among the free colours below ``k`` the least used one
    is taken so the palette is spread evenly. Only when all ``k`` are taken by
    neighbours (a non-planar tangle) does a node get a colour ``>= k``.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    adj = Adjacency.from_pairs(n, pairs)
    indptr, indices = adj.indptr.tolist(), adj.indices.tolist()
    nbrs = [indices[indptr[i] : indptr[i + 1]] for i in range(n)]
    order = _smallest_last(nbrs)
    color = np.full(n, -1, dtype=np.int64)
    used = np.zeros(k, dtype=np.int64)
    for v in order:
        taken = {int(color[u]) for u in nbrs[v] if color[u] >= 0}
        free = [c for c in range(k) if c not in taken]
        if free:
            c = min(free, key=lambda c: (used[c], c))
            used[c] += 1
        else:
            c = k
            while c in taken:
                c += 1
        color[v] = c
    return color


def _smallest_last(nbrs: list[list[int]]) -> list[int]:
    """Degeneracy order (reverse of repeatedly removing a node of minimum degree)."""
    n = len(nbrs)
    degree = [len(x) for x in nbrs]
    maxd = max(degree) if degree else 0
    buckets: list[set[int]] = [set() for _ in range(maxd + 1)]
    for v, d in enumerate(degree):
        buckets[d].add(v)
    removed = [False] * n
    out: list[int] = []
    low = 0
    for _ in range(n):
        low = max(low - 1, 0)
        while not buckets[low]:
            low += 1
        v = buckets[low].pop()
        removed[v] = True
        out.append(v)
        for u in nbrs[v]:
            if not removed[u]:
                d = degree[u]
                buckets[d].discard(u)
                degree[u] = d - 1
                buckets[d - 1].add(u)
    out.reverse()
    return out


def unit_adjacency(plan: Plan) -> tuple[list[int], np.ndarray]:
    """Unit ids in display order and the adjacent unit pairs as positions in that list."""
    uids = plan.unit_ids()
    pos = np.full(max(plan.units) + 1 if plan.units else 0, -1, dtype=np.int64)
    pos[np.asarray(uids, dtype=np.int64)] = np.arange(len(uids))
    pairs = plan.layer.adjacency.pairs()
    if len(pairs) == 0:
        return uids, np.zeros((0, 2), dtype=np.int64)
    u = pos[plan.unit_of[pairs]]
    u = u[u[:, 0] != u[:, 1]]
    u.sort(axis=1)
    return uids, np.unique(u, axis=0)


def unit_colors(plan: Plan, k: int = DEFAULT_COLORS) -> dict[int, int]:
    """Unit id → colour index; units sharing an edge get different indices."""
    uids, pairs = unit_adjacency(plan)
    colors = greedy_colors(len(uids), pairs, k)
    return {uid: int(c) for uid, c in zip(uids, colors.tolist(), strict=True)}


def town_colors(layer: TownLayer, k: int = DEFAULT_COLORS) -> np.ndarray:
    """Colour index per town so that neighbouring towns differ (the "before" map)."""
    return greedy_colors(layer.n, layer.adjacency.pairs(), k)
