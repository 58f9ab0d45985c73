""":func:`propose`: solve, and when no plan meets every rule, find the rule in the way."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from editor.core.messages import Figure, Message
from editor.core.plan import Plan
from editor.core.propose.data import RELAXABLE, Inputs, build_inputs
from editor.core.propose.model import Solved, solve
from editor.core.ruleset import RuleSet
from editor.core.towns import TownLayer


@dataclass
class Proposal:
    """The plan proposed: ``plan_assignment[i]`` is the seat town of town ``i``.

    ``status``: ``"optimal"``, ``"feasible"`` (time ran out; ``bound`` is the best
    bound, the gap is ``objective - bound``), ``"infeasible"`` or ``"unknown"`` (no plan
    found in the time). ``relaxed``: the rule groups (:data:`RELAXABLE`) the plan does
    not hold; empty when every hard rule holds. ``objective``: population-weighted
    distance to the seats, person-km. ``names``: seat -> unit name for locked units.
    """

    plan_assignment: np.ndarray | None
    seats: list[int]
    status: str
    objective: float
    bound: float
    relaxed: tuple[str, ...] = ()
    messages: list[Message] = field(default_factory=list)
    names: dict[int, str] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def found(self) -> bool:
        return self.plan_assignment is not None

    def plan(self, layer: TownLayer) -> Plan:
        from editor.core.propose.check import proposal_plan

        if self.plan_assignment is None:
            raise ValueError("no plan was found")
        return proposal_plan(layer, self.plan_assignment, self.seats, self.names)


def _locked_units(current: Plan | None, locked: Sequence[int | str]):
    """``[(seat, members)]`` and seat -> name of the locked units of ``current``."""
    if not locked:
        return [], {}
    if current is None:
        raise ValueError("locked units need the current plan")
    out, names = [], {}
    for key in locked:
        uid = current.find_unit(key) if isinstance(key, str) else int(key)
        if uid is None or uid not in current.units:
            raise KeyError(key)
        seat = current.seat_of(uid)
        out.append((seat, current.members(uid).tolist()))
        names[seat] = current.units[uid].name
    return out, names


def _active(rules: RuleSet, data: Inputs) -> list[str]:
    """The relaxable rules that constrain anything here."""
    th, tg = rules.thresholds, rules.targets
    on = {
        "unit_count": tg.units_min > 0 or tg.units_max > 0,
        "min_population": th.min_population > 0,
        "min_area": th.min_area_km2 > 0,
        "max_towns": th.max_towns > 0,
        "max_service_radius": th.max_service_radius_km > 0,
        "enlarge": bool(data.enlarge.any()),
        "preserved": bool(data.whole.any() or data.keep_name.any()),
    }
    return [r for r in RELAXABLE if on[r]]


def propose(
    layer: TownLayer,
    rules: RuleSet,
    *,
    current: Plan | None = None,
    locked: Sequence[int | str] = (),
    time_limit: float = 10.0,
    seed: int = 0,
) -> Proposal:
    """A plan meeting every hard rule of ``rules``, or the best with one rule relaxed.

    ``locked``: unit ids or names of ``current`` kept exactly (members, seat, name).
    Raises ``KeyError`` for a locked unit ``current`` lacks.
    """
    start = time.monotonic()
    units, names = _locked_units(current, locked)
    data = build_inputs(layer, rules, frozenset())
    solved = solve(data, units, time_limit=time_limit, seed=seed)
    if solved.assignment is not None:
        return _proposal(solved, (), [], names, start)
    if solved.status != "infeasible":
        msg = Message(
            "propose.timeout",
            "no plan found within {seconds} s: give the solver more time",
            seconds=Figure(time_limit, 1),
        )
        return _proposal(solved, (), [msg], names, start)
    for rule in _active(rules, data):
        left = max(1.0, time_limit - (time.monotonic() - start))
        if rule == "unit_count":
            found = _nearest_count(layer, rules, data, units, left, seed)
            if found is not None:
                trial, msg = found
                return _proposal(trial, (rule,), [msg], names, start)
            continue
        relaxed = build_inputs(layer, rules, frozenset([rule]))
        trial = solve(relaxed, units, time_limit=left, seed=seed)
        if trial.assignment is not None:
            msg = Message(
                "propose.infeasible_rule",
                "no plan meets every rule: {rule} cannot be met together with the other "
                "rules; the plan offered relaxes it",
                rule=_rule_phrase(rule, rules),
            )
            return _proposal(trial, (rule,), [msg], names, start)
    msg = Message(
        "propose.infeasible_none",
        "no plan meets every rule, and relaxing any one rule does not help",
    )
    return _proposal(solved, (), [msg], names, start)


def _proposal(solved: Solved, relaxed, messages, names, start) -> Proposal:
    seats = [] if solved.assignment is None else sorted(set(solved.assignment.tolist()))
    return Proposal(
        solved.assignment,
        seats,
        solved.status,
        solved.objective,
        solved.bound,
        tuple(relaxed),
        list(messages),
        dict(names),
        time.monotonic() - start,
    )


def _rule_phrase(rule: str, rules: RuleSet) -> Message:
    th = rules.thresholds
    if rule == "min_population":
        return Message(
            "propose.rule.min_population",
            "the population floor {minimum}",
            minimum=Figure(th.min_population, 0, "population"),
        )
    if rule == "min_area":
        return Message(
            "propose.rule.min_area",
            "the area floor {minimum} km2",
            minimum=Figure(th.min_area_km2, 1),
        )
    if rule == "max_towns":
        return Message(
            "propose.rule.max_towns",
            "the maximum of {maximum} towns per unit",
            maximum=th.max_towns,
        )
    if rule == "max_service_radius":
        return Message(
            "propose.rule.max_service_radius",
            "the maximum service radius {maximum} km",
            maximum=Figure(th.max_service_radius_km, 1),
        )
    if rule == "enlarge":
        labels = "、".join(c.label or c.key for c in rules.enlarge if c.enabled)
        return Message("propose.rule.enlarge", "enlarging {categories}", categories=labels)
    labels = "、".join(c.label or c.key for c in rules.preserved if c.enabled)
    return Message("propose.rule.preserved", "keeping {categories} whole", categories=labels)


def _nearest_count(layer, rules: RuleSet, data: Inputs, units, time_limit: float, seed: int):
    """With every other rule kept, the unit count nearest the target, and the best plan
    with that count; ``None`` when the other rules alone admit no plan."""
    tg = rules.targets
    relaxed = build_inputs(layer, rules, frozenset(["unit_count"]))
    fewest = solve(relaxed, units, time_limit=time_limit / 3, seed=seed, count="min")
    if fewest.assignment is None:
        return None
    n_fewest = len(set(fewest.assignment.tolist()))
    too_many = tg.units_max > 0 and n_fewest > tg.units_max
    widened = rules.copy()
    if too_many:
        n = n_fewest
        widened.targets.units_max = n
    else:
        most = solve(relaxed, units, time_limit=time_limit / 3, seed=seed, count="max")
        n = len(
            set((most.assignment if most.assignment is not None else fewest.assignment).tolist())
        )
        widened.targets.units_min = n
    trial = solve(
        build_inputs(layer, widened, frozenset()), units, time_limit=time_limit / 3, seed=seed
    )
    if trial.assignment is None:
        trial = fewest
    common = dict(
        low=tg.units_min or "",
        high=tg.units_max or "",
        whole=int(data.whole.sum()),
        towns=layer.n,
        n=n,
    )
    if too_many:
        msg = Message(
            "propose.infeasible_units_fewest",
            "unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, "
            "and under the other rules the {towns} towns form at least {n} units",
            **common,
        )
    else:
        msg = Message(
            "propose.infeasible_units_most",
            "unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, "
            "and under the other rules the {towns} towns form at most {n} units",
            **common,
        )
    return trial, msg
