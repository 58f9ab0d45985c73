"""The CP-SAT model of a proposal: which towns are seats, and which seat each town joins.

Variables: ``x[i, s]`` (town ``i`` joins the unit seated at ``s``, only for the pairs
:mod:`.data` allows) and ``y[s] = x[s, s]`` (``s`` is a seat). Constraints: each town
in exactly one unit; contiguity by distance ordering (a member other than the seat has
a neighbour in the same unit nearer to the seat, so every member reaches the seat
through the unit); kept-whole towns alone; towns that keep their name and towns to
enlarge are seats, the latter with at least one other member; population and area
floors, the maximum member count, the unit-count target; locked units fixed.
Objective: population-weighted distance from each town to its seat (people x 100 m).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from ortools.sat.python import cp_model

from editor.core.propose.data import Inputs

STATUS = {
    cp_model.OPTIMAL: "optimal",
    cp_model.FEASIBLE: "feasible",
    cp_model.INFEASIBLE: "infeasible",
    cp_model.MODEL_INVALID: "invalid",
    cp_model.UNKNOWN: "unknown",
}


@dataclass
class Solved:
    status: str
    assignment: np.ndarray | None  # town -> seat town
    objective: float
    bound: float


def _fixed(locked: Sequence[tuple[int, Sequence[int]]], n: int) -> np.ndarray:
    """Town -> its locked unit's seat, -1 where free."""
    fixed = np.full(n, -1, dtype=np.int64)
    for seat, members in locked:
        fixed[np.asarray(members, dtype=np.int64)] = seat
    return fixed


def build(data: Inputs, locked: Sequence[tuple[int, Sequence[int]]], count: str = ""):
    """The model and its ``x`` variables (``{(i, s): var}``).

    ``count`` ``"min"``/``"max"``: fewest/most units instead of the distance objective.
    """
    n = data.layer.n
    th, tg = data.rules.thresholds, data.rules.targets
    fixed = _fixed(locked, n)
    m = cp_model.CpModel()
    pairs = {(i, s) for s in range(n) if fixed[s] < 0 for i in data.allowed[s] if fixed[i] < 0}
    pairs |= {(i, int(fixed[i])) for i in range(n) if fixed[i] >= 0}
    x = {p: m.new_bool_var(f"x{p[0]}_{p[1]}") for p in sorted(pairs)}
    by_town: dict[int, list] = {i: [] for i in range(n)}
    by_seat: dict[int, list[int]] = {}
    for i, s in x:
        by_town[i].append(x[i, s])
        by_seat.setdefault(s, []).append(i)
    for i in range(n):
        m.add_exactly_one(by_town[i])
    for (i, s), var in x.items():
        if fixed[i] >= 0:
            m.add(var == 1)
        elif i != s:
            m.add_implication(var, x[s, s])
            order = data.order(s)
            nearer = [
                x[j, s]
                for j in data.layer.adjacency.neighbors(i).tolist()
                if (j, s) in x and order[j] < order[i]
            ]
            m.add_bool_or(nearer).only_enforce_if(var)
    pop = np.round(data.population).astype(np.int64)
    area = np.round(data.area * 100).astype(np.int64)  # hundredths of km2
    for s, members in by_seat.items():
        if fixed[s] >= 0:
            continue
        y = x[s, s]
        others = [x[i, s] for i in members if i != s]
        if data.enlarge[s] and data.on("enlarge"):
            m.add(y == 1)
            m.add(sum(others) >= 1)
        if (data.whole[s] or data.keep_name[s]) and data.on("preserved"):
            m.add(y == 1)
        exempt = th.exempt_preserved and data.whole[s]
        if th.min_population > 0 and data.on("min_population") and not exempt:
            m.add(sum(int(pop[i]) * x[i, s] for i in members) >= int(th.min_population) * y)
        if th.min_area_km2 > 0 and data.on("min_area") and not exempt:
            m.add(
                sum(int(area[i]) * x[i, s] for i in members)
                >= int(round(th.min_area_km2 * 100)) * y
            )
        if th.max_towns > 0 and data.on("max_towns"):
            m.add(sum(x[i, s] for i in members) <= th.max_towns)
    seats = [x[s, s] for s in range(n) if (s, s) in x and fixed[s] < 0]
    n_locked = len(locked)
    if data.on("unit_count"):
        if tg.units_min > 0:
            m.add(sum(seats) + n_locked >= tg.units_min)
        if tg.units_max > 0:
            m.add(sum(seats) + n_locked <= tg.units_max)
    if count:
        (m.minimize if count == "min" else m.maximize)(sum(seats))
        return m, x
    m.minimize(
        sum(
            int(round(pop[i] * data.dist_km[i, s] * 10)) * var
            for (i, s), var in x.items()
            if i != s
        )
    )
    return m, x


def solve(data: Inputs, locked, *, time_limit: float, seed: int, count: str = "") -> Solved:
    model, x = build(data, locked, count)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = int(seed)
    code = solver.solve(model)
    status = STATUS.get(code, "unknown")
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solved(status, None, float("nan"), float("nan"))
    assignment = np.full(data.layer.n, -1, dtype=np.int64)
    for (i, s), var in x.items():
        if solver.boolean_value(var):
            assignment[i] = s
    return Solved(
        status, assignment, solver.objective_value / 10.0, solver.best_objective_bound / 10.0
    )
