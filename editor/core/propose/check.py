"""A proposal as a :class:`~editor.core.plan.Plan`, and the hard rules it breaks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from editor.core.plan import Plan
from editor.core.ruleset import RuleSet
from editor.core.session import UnitRecord, place_units
from editor.core.towns import TownLayer

#: county figures that are reported, not enforced (averages follow from the unit count)
SOFT_RULES = ("mean_population", "mean_area")


def proposal_plan(
    layer: TownLayer,
    assignment: Sequence[int] | np.ndarray,
    seats: Sequence[int],
    names: Mapping[int, str] | None = None,
) -> Plan:
    """The plan of ``assignment`` (town -> seat town): one unit per seat, named after it
    unless ``names`` (seat -> name, for locked units) says otherwise."""
    assignment = np.asarray(assignment, dtype=np.int64)
    names = dict(names or {})
    records = []
    for k, s in enumerate(sorted(int(s) for s in seats)):
        members = np.flatnonzero(assignment == s)
        records.append(
            UnitRecord(
                id=k,
                name=names.get(s, str(layer.names[s])),
                towns=[str(layer.ids[t]) for t in members],
                seat=str(layer.ids[s]),
            )
        )
    return place_units(layer, records).plan


def check_proposal(
    layer: TownLayer,
    rules: RuleSet,
    assignment: Sequence[int] | np.ndarray,
    seats: Sequence[int],
    *,
    skip_units: Sequence[int] = (),
) -> list[str]:
    """The hard rules the plan breaks, one line each (``"[rule] message"``); empty = all met.

    Also a town assigned to no seat, or to a town that is not a seat, is a broken rule.
    ``skip_units``: seats whose units are not judged (locked units kept as they were).
    """
    from editor.core.rules import RuleChecker

    assignment = np.asarray(assignment, dtype=np.int64)
    seat_set = {int(s) for s in seats}
    out = [
        f"[assignment] town {layer.ids[i]} joins {a}, which is not a seat"
        for i, a in enumerate(assignment.tolist())
        if a not in seat_set
    ]
    out += [
        f"[assignment] seat {layer.ids[s]} is not in its own unit"
        for s in seat_set
        if assignment[s] != s
    ]
    if out:
        return out
    plan = proposal_plan(layer, assignment, seats)
    skipped = {int(plan.unit_of[s]) for s in skip_units}
    for v in RuleChecker(plan, rules).violations():
        if v.rule in SOFT_RULES or (v.unit is not None and v.unit in skipped):
            continue
        out.append(f"[{v.rule}] {v.message}")
    return out
