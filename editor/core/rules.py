"""Rule checks on a plan, kept up to date for the units each change touches.

``RuleChecker`` listens to ``plan.events.changed`` and re-evaluates only the touched
units; county-wide rules are re-evaluated on every change (they read the O(1) summary).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from editor.core.events import Signal
from editor.core.plan import Plan, PlanChange


@dataclass(frozen=True)
class Violation:
    """One broken rule. ``unit`` is the unit id, or ``None`` for county-wide rules."""

    unit: int | None
    rule: str
    message: str
    severity: str = "warning"

    def to_dict(self, plan: Plan | None = None) -> dict:
        name = None
        if plan is not None and self.unit is not None and self.unit in plan.units:
            name = plan.units[self.unit].name
        return {
            "unit": name if name is not None else self.unit,
            "rule": self.rule,
            "message": self.message,
        }


@dataclass
class RuleSet:
    """Which rules are on. The issue-6 rule file extends this with thresholds and targets."""

    contiguity: bool = True
    border_whole: bool = True
    historic_whole: bool = True
    extra_unit_rules: list[Callable[[Plan, int], list[Violation]]] = field(default_factory=list)
    extra_county_rules: list[Callable[[Plan], list[Violation]]] = field(default_factory=list)


def unit_violations(plan: Plan, uid: int, rules: RuleSet) -> list[Violation]:
    out: list[Violation] = []
    s = plan.stats(uid)
    name = plan.units[uid].name
    if rules.contiguity and not s.contiguous:
        out.append(Violation(uid, "contiguity", f"{name} is in {s.parts} separate pieces"))
    if rules.border_whole and s.border_towns and s.towns > 1:
        members = plan.members(uid)
        border = [str(plan.layer.names[t]) for t in members if plan.layer.border[t]]
        out.append(
            Violation(
                uid,
                "border_whole",
                f"border town {'、'.join(border)} merged in {name} ({s.towns} towns); border towns are kept whole",
            )
        )
    if rules.historic_whole and s.historic_towns and s.towns > 1:
        members = plan.members(uid)
        hist = [str(plan.layer.names[t]) for t in members if plan.layer.historic[t]]
        keeps_name = any(name == h for h in hist)
        if not keeps_name:
            out.append(
                Violation(
                    uid,
                    "historic_whole",
                    f"historic-cultural town {'、'.join(hist)} merged into {name} and loses its name",
                )
            )
    for rule in rules.extra_unit_rules:
        out.extend(rule(plan, uid))
    return out


class RuleChecker:
    """Violations of a plan, recomputed incrementally."""

    def __init__(self, plan: Plan, rules: RuleSet | None = None):
        self.plan = plan
        self.rules = rules or RuleSet()
        self.changed = Signal("violations_changed")
        self._by_unit: dict[int, list[Violation]] = {}
        self._county: list[Violation] = []
        self.recheck()
        plan.events.changed.connect(self._on_change)

    def recheck(self) -> None:
        self._by_unit = {}
        for uid in self.plan.units:
            v = unit_violations(self.plan, uid, self.rules)
            if v:
                self._by_unit[uid] = v
        self._county = self._county_violations()
        self.changed.emit()

    def _county_violations(self) -> list[Violation]:
        out: list[Violation] = []
        for rule in self.rules.extra_county_rules:
            out.extend(rule(self.plan))
        return out

    def _on_change(self, change: PlanChange) -> None:
        for uid in change.removed:
            self._by_unit.pop(uid, None)
        for uid in change.touched:
            v = unit_violations(self.plan, uid, self.rules) if uid in self.plan.units else []
            if v:
                self._by_unit[uid] = v
            else:
                self._by_unit.pop(uid, None)
        self._county = self._county_violations()
        self.changed.emit()

    def violations(self) -> list[Violation]:
        order = {uid: k for k, uid in enumerate(self.plan.unit_ids())}
        unit_v = [
            v
            for uid in sorted(self._by_unit, key=lambda u: order.get(u, 0))
            for v in self._by_unit[uid]
        ]
        return unit_v + list(self._county)

    def for_unit(self, uid: int) -> list[Violation]:
        return list(self._by_unit.get(uid, []))

    def close(self) -> None:
        self.plan.events.changed.disconnect(self._on_change)
