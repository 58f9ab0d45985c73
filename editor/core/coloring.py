"""Map colouring: give adjacent units different colour indices (Qt-free).

Used by print layouts (and usable by the canvas): ``unit_colors(plan)`` maps each
merged unit to a small integer, an index into a qualitative palette, such that two
units sharing an edge never get the same index.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from editor.core.plan import Plan
from editor.core.towns import TownLayer

# Enough colours that a planar map coloured in smallest-last order always finds a free
# one (at most 5 earlier neighbours), with room left to spread the colours evenly.
DEFAULT_COLORS = 8


def greedy_colors(n: int, pairs: np.ndarray, k: int = DEFAULT_COLORS) -> np.ndarray:
    """Colour ``n`` nodes so that the nodes of every pair differ.

    Nodes are coloured in smallest-last (degeneracy) order, which needs at most 6
    colours on a planar graph; among the free colours below ``k`` the least used one
    is taken so the palette is spread evenly. Only when all ``k`` are taken by
    neighbours (a non-planar tangle) does a node get a colour ``>= k``.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
    m.sum_duplicates()
    indptr, indices = m.indptr, m.indices
    nbrs = [indices[indptr[i] : indptr[i + 1]].tolist() for i in range(n)]
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
