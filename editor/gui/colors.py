"""Unit colours: adjacent merged units never share a fill colour, and colours stay put.

Greedy colouring of the unit adjacency graph (derived from town adjacency): each unit
takes the least used palette colour that none of its neighbours has. After a change
only the touched units are looked at; a touched unit keeps its colour unless a
neighbour now has the same one, so the map does not flicker as the user edits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtGui import QColor

# the program's one palette (also used by print layouts and the QGIS style of exports)
from editor.core.coloring import PALETTE
from editor.core.plan import Plan, PlanChange


class UnitColors:
    """Colour index per unit id, kept so that neighbouring units differ."""

    def __init__(self, plan: Plan, palette: Iterable[str] = PALETTE):
        self.plan = plan
        self.palette = [QColor(c) for c in palette]
        self.k = len(self.palette)
        self.index: dict[int, int] = {}
        self._used = np.zeros(self.k, dtype=np.int64)
        self.recolor_all()

    # -- queries ----------------------------------------------------------------------
    def color(self, uid: int) -> QColor:
        return self.palette[self.index.get(uid, 0) % self.k]

    def palette_indices(self) -> dict[int, int]:
        """Unit id -> index into ``editor.core.coloring.PALETTE`` of its current colour
        (what a print layout takes to show the screen's colours)."""
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

    # -- updates ----------------------------------------------------------------------
    def _pick(self, taken: set[int]) -> int:
        free = [c for c in range(self.k) if c not in taken]
        if not free:  # more than k neighbours with distinct colours: least clash
            return int(np.argmin(self._used))
        return min(free, key=lambda c: (self._used[c], c))

    def _assign(self, uid: int, c: int) -> None:
        old = self.index.get(uid)
        if old is not None:
            self._used[old] -= 1
        self.index[uid] = c
        self._used[c] += 1

    def recolor_all(self) -> None:
        """Colour every unit from scratch (on opening a layer or plan).

        The unit graph is built with numpy (each unit's already coloured neighbours, as
        CSR arrays), then one tight loop over plain lists and bit masks: 40,000 units
        take ~50 ms.
        """
        plan = self.plan
        uids = plan.unit_ids()
        n = len(uids)
        k = self.k
        if n == 0:
            self.index, self._used = {}, np.zeros(k, dtype=np.int64)
            return
        ids = np.asarray(uids, dtype=np.int64)
        position = np.full(int(ids.max()) + 1, -1, dtype=np.int64)
        position[ids] = np.arange(n)
        pairs = plan.layer.adjacency.pairs()
        ua = position[plan.unit_of[pairs[:, 0]]]
        ub = position[plan.unit_of[pairs[:, 1]]]
        # unit i only looks at neighbours coloured before it (j < i)
        later = np.concatenate([ua, ub])
        earlier = np.concatenate([ub, ua])
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
            # start the search at a rotating colour so the palette is used evenly
            c = i % k
            for _ in range(k):
                if not taken >> c & 1:
                    break
                c = (c + 1) % k
            color[i] = c
        self.index = dict(zip(uids, color, strict=True))
        self._used = np.bincount(np.asarray(color, dtype=np.int64), minlength=k)[:k].astype(
            np.int64
        )

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
            self._assign(uid, self._pick(taken))
            changed.add(uid)
        return changed
