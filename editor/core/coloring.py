"""Map colouring: the palette, and adjacent units given different colour indices (Qt-free).

``PALETTE`` is the one palette of the program: the map canvas
(``editor.gui.colors.UnitColors``), print layouts (``editor.layout``) and the QGIS style
of an export (``editor.io.qml``) all index into it, so a unit's colour index means the
same colour on screen, on paper and in QGIS. There is one colouring algorithm
(:func:`greedy_colors`): ``unit_colors(plan)`` colours a plan in one batch (layouts and
exports without a screen); :class:`UnitColoring` starts from the same colours and
follows the plan's changes, recolouring only touched units, so colours stay put while
the user edits (the canvas uses it; the print dialog hands its indices to the layout).
"""

from __future__ import annotations

import numpy as np

from editor.core.plan import Plan, PlanChange
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
    """Colour ``n`` nodes so that the nodes of every pair differ: the one colouring of
    the program (canvas, layouts, exports).

    Nodes are coloured in order 0..n-1; node ``i`` takes the first colour not used by an
    earlier neighbour, searching from ``i % k`` round the palette so all ``k`` colours are
    used evenly. Only when all ``k`` are taken (``k`` earlier neighbours with distinct
    colours, which a map practically never has) does a node get the first free colour
    ``>= k``. The neighbour lists are built with numpy, then one tight loop over plain
    lists and bit masks: 40,000 units take ~50 ms.
    """
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    # node i only looks at neighbours coloured before it (j < i)
    later = np.concatenate([pairs[:, 0], pairs[:, 1]])
    earlier = np.concatenate([pairs[:, 1], pairs[:, 0]])
    keep = earlier < later
    later, earlier = later[keep], earlier[keep]
    order = np.argsort(later, kind="stable")
    ptr = np.searchsorted(later[order], np.arange(n + 1)).tolist()
    nbrs = earlier[order].tolist()
    color = [0] * n
    for i in range(n):
        taken = 0
        for j in nbrs[ptr[i] : ptr[i + 1]]:
            taken |= 1 << color[j]
        c = i % k
        for _ in range(k):
            if not taken >> c & 1:
                break
            c = (c + 1) % k
        else:
            c = k
            while taken >> c & 1:
                c += 1
        color[i] = c
    return np.asarray(color, dtype=np.int64)


def pick_color(taken: set[int], used: np.ndarray) -> int:
    """The colour a recoloured node takes: the least used free one of ``len(used)``
    (lowest first on a tie), or the least used of all when every one is taken."""
    k = len(used)
    free = [c for c in range(k) if c not in taken]
    if not free:
        return int(np.argmin(used))
    return min(free, key=lambda c: (used[c], c))


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


class UnitColoring:
    """Colour index per unit of a plan, kept up to date as the plan changes.

    Starts from :func:`unit_colors`; after a change only the touched units are looked
    at, and a touched unit keeps its colour unless a neighbour now has the same one, so
    the map does not flicker as the user edits (``editor.gui.colors`` adds Qt colours).
    """

    def __init__(self, plan: Plan, k: int = DEFAULT_COLORS):
        self.plan = plan
        self.k = k
        self.index: dict[int, int] = {}
        self._used = np.zeros(k, dtype=np.int64)
        self.recolor_all()

    def palette_indices(self) -> dict[int, int]:
        """Unit id -> index into :data:`PALETTE` of its current colour (what a print
        layout takes to show the screen's colours)."""
        return {uid: c % self.k for uid, c in self.index.items()}

    def neighbors(self, uid: int) -> set[int]:
        """Units sharing an edge with ``uid``."""
        plan = self.plan
        adj = plan.layer.adjacency
        members = plan.units[uid].members
        if len(members) == 1:
            (t,) = members
            nb = adj.neighbors(t)
        else:
            m = np.fromiter(members, dtype=np.int64, count=len(members))
            starts, ends = adj.indptr[m], adj.indptr[m + 1]
            nb = np.concatenate([adj.indices[s:e] for s, e in zip(starts, ends, strict=True)])
        units = set(plan.unit_of[nb].tolist())
        units.discard(uid)
        return units

    def conflicts(self) -> list[tuple[int, int]]:
        """Adjacent unit pairs sharing a colour (empty when the colouring is proper)."""
        pairs = self.plan.layer.adjacency.pairs()
        ua = self.plan.unit_of[pairs[:, 0]]
        ub = self.plan.unit_of[pairs[:, 1]]
        diff = ua != ub
        ca = np.array([self.index[int(u)] for u in ua[diff]], dtype=np.int64)
        cb = np.array([self.index[int(u)] for u in ub[diff]], dtype=np.int64)
        same = ca == cb
        return sorted(
            {(int(a), int(b)) for a, b in zip(ua[diff][same], ub[diff][same], strict=True)}
        )

    def recolor_all(self) -> None:
        """Colour every unit from scratch (on opening a layer or plan); a colour beyond
        the palette (never on a real map) wraps, clashing as little as the palette allows."""
        self.index = {u: c % self.k for u, c in unit_colors(self.plan, self.k).items()}
        values = np.fromiter(self.index.values(), dtype=np.int64, count=len(self.index))
        self._used = np.bincount(values, minlength=self.k)[: self.k].astype(np.int64)

    def _assign(self, uid: int, c: int) -> None:
        old = self.index.get(uid)
        if old is not None:
            self._used[old] -= 1
        self.index[uid] = c
        self._used[c] += 1

    def update(self, change: PlanChange) -> set[int]:
        """Follow a plan change; returns the units whose colour changed (incl. new ones)."""
        changed: set[int] = set()
        for uid in change.removed:
            old = self.index.pop(uid, None)
            if old is not None:
                self._used[old] -= 1
        for uid in sorted(change.touched):
            if uid not in self.plan.units:
                continue
            taken = {self.index[n] for n in self.neighbors(uid) if n in self.index}
            current = self.index.get(uid)
            if current is not None and current not in taken:
                continue
            self._assign(uid, pick_color(taken, self._used))
            changed.add(uid)
        return changed
