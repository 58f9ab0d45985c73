"""What the proposal model reads from the layer and the rule set, resolved once.

Candidate pairs ``(town i, seat s)`` are pruned before the model is built: a town can
join seat ``s`` only through a chain of neighbours each farther from ``s`` than the one
before (the distance-ordering contiguity constraint), within the service radius, in
the same parent township (village level) and within ``max_towns - 1`` steps.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from editor.core.ruleset import RuleSet, flag_values, parent_values
from editor.core.seats import seat_geometry
from editor.core.towns import TownLayer

#: rule groups a proposal can relax, in the order they are tried
RELAXABLE = (
    "unit_count",
    "min_population",
    "min_area",
    "max_towns",
    "max_service_radius",
    "enlarge",
    "preserved",
)


@dataclass
class Inputs:
    """Per-town figures and flags, the pairwise distances and the allowed pairs."""

    layer: TownLayer
    rules: RuleSet
    relaxed: frozenset[str] = frozenset()
    population: np.ndarray = field(default_factory=lambda: np.zeros(0))
    area: np.ndarray = field(default_factory=lambda: np.zeros(0))
    whole: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # kept alone
    keep_name: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))  # seat if merged
    enlarge: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    dist_km: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    allowed: list[list[int]] = field(default_factory=list)  # seat -> towns it may take

    def order(self, s: int) -> np.ndarray:
        """Distance from seat ``s``, ties broken by town index (a strict order)."""
        return self.dist_km[:, s] + np.arange(self.layer.n) * 1e-9

    def on(self, rule: str) -> bool:
        """Whether ``rule`` (one of :data:`RELAXABLE`) is enforced in this solve."""
        return rule not in self.relaxed


def category_flags(layer: TownLayer, rules: RuleSet) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(kept whole, keeps its name, to enlarge) per town, from the enabled categories."""
    n = layer.n
    whole, name, grow = (np.zeros(n, dtype=bool) for _ in range(3))
    for cat in rules.preserved:
        flags = flag_values(layer, cat.field) if cat.enabled else None
        if flags is not None:
            (whole if cat.mode == "whole" else name)[:] |= flags
    for ecat in rules.enlarge:
        flags = flag_values(layer, ecat.field) if ecat.enabled else None
        if flags is not None:
            grow |= flags
    return whole, name & ~whole, grow


def _radius_km(layer: TownLayer, seat: int, town: int) -> float:
    return seat_geometry(layer).service_radius(np.array([town]), seat)[0]


def build_inputs(layer: TownLayer, rules: RuleSet, relaxed: frozenset[str]) -> Inputs:
    n = layer.n
    pop = np.clip(np.nan_to_num(np.asarray(layer.population, dtype=float), nan=0.0), 0, None)
    whole, keep_name, grow = category_flags(layer, rules)
    if "preserved" in relaxed:
        whole = np.zeros(n, dtype=bool)
        keep_name = np.zeros(n, dtype=bool)
    if "enlarge" in relaxed:
        grow = np.zeros(n, dtype=bool)
    pts = seat_geometry(layer).points(np.arange(n))
    dist = np.sqrt(((pts[:, None, :] - pts[None, :, :]) ** 2).sum(axis=2)) / 1000.0
    data = Inputs(
        layer, rules, relaxed, pop, np.asarray(layer.area_km2, float), whole, keep_name, grow, dist
    )
    data.allowed = [_reachable(data, s) for s in range(n)]
    return data


def _reachable(data: Inputs, s: int) -> list[int]:
    """Towns seat ``s`` may take: along neighbour chains moving away from ``s``."""
    layer, th = data.layer, data.rules.thresholds
    if data.whole[s]:
        return [s]
    parent = parent_values(layer, data.rules) if data.rules.village.enabled else None
    radius = th.max_service_radius_km if data.on("max_service_radius") else 0.0
    depth_cap = th.max_towns - 1 if th.max_towns > 0 and data.on("max_towns") else layer.n
    order = data.order(s)
    seen = {s: 0}
    queue = deque([s])
    while queue:
        i = queue.popleft()
        if seen[i] >= depth_cap:
            continue
        for j in layer.adjacency.neighbors(i).tolist():
            if j in seen or order[j] <= order[i] or data.whole[j] or data.enlarge[j]:
                continue
            if parent is not None and parent[j] != parent[s]:
                continue
            if data.keep_name[j]:
                continue  # a town that keeps its name is the seat of any unit it is in
            if radius > 0 and _radius_km(layer, s, j) > radius:
                continue
            seen[j] = seen[i] + 1
            queue.append(j)
    return sorted(seen)
