"""Rule checks on a plan, kept up to date for the units each change touches.

``RuleChecker`` listens to ``plan.events.changed`` and re-evaluates only the touched
units; county-wide rules are re-evaluated on every change (they read the O(1) summary).
Every breach is a :class:`Violation`: the plan may break a rule, but never silently.

Rule ids (``Violation.rule``):

``contiguity``
    the unit is in several pieces;
``<key>_whole`` (``border_whole``, ``historic_whole``, ...)
    a preserved town was merged (mode ``whole``) or lost its name (mode ``name``);
``<key>_enlarged`` (``county_seat_enlarged``, ``centre_enlarged``)
    a town expected to absorb neighbours did not grow, or was absorbed itself;
``min_population``, ``min_area``, ``max_towns``, ``max_service_radius``
    per-unit thresholds;
``village_parent``
    a village-level unit crosses township lines;
``unit_count``, ``mean_population``, ``mean_area``
    county targets;
``rule_set``
    the rule set names a field the layer lacks (severity ``error``).

Each violation's ``message`` is an :class:`~editor.core.messages.Message`: its English
text (what the CLI prints and JSON holds) with a key, the template and the params
(figures as :class:`~editor.core.messages.Figure`), so the GUI words it in the user's
language (``editor.gui.i18n.message_text``) without parsing the English text. Every
template is listed in ``editor/gui/message_catalog.py``.

The module holds the unit rules and the :class:`RuleChecker`; :class:`Violation` lives in
``editor.core.violation`` and the county-wide rules (``county_progress``,
``county_violations``, ``enlarge_summary``) in ``editor.core.rules_county``; all are
importable from here.
"""

from __future__ import annotations

import numpy as np

from editor.core.events import Signal
from editor.core.messages import Figure, Message
from editor.core.plan import Plan, PlanChange, UnitStats
from editor.core.rules_county import county_progress, county_violations, enlarge_summary
from editor.core.ruleset import (
    EnlargeCategory,
    PreservedCategory,
    RuleSet,
    RuleSetError,
    default_rules,
    flag_values,
    parent_values,
)
from editor.core.seats import SeatGeometry, seat_geometry
from editor.core.violation import Violation

__all__ = [
    "RuleChecker",
    "RuleContext",
    "RuleSet",
    "Violation",
    "county_progress",
    "county_violations",
    "enlarge_summary",
    "unit_violations",
]


def _builtin_rules() -> RuleSet:
    """The default file's rule set, or the built-in one if the file is unreadable."""
    try:
        return default_rules()
    except RuleSetError:  # an installed copy without resources still checks the basics
        return RuleSet()


class RuleContext:
    """What the rules read from the layer, resolved once per rule set.

    ``problems`` lists the fields the rule set names that the layer lacks (as
    Messages); each is also reported as a ``rule_set`` violation so it is never
    silently skipped.
    """

    def __init__(self, plan: Plan, rules: RuleSet):
        layer = plan.layer
        self.problems: list[Message] = []
        self.preserved: list[tuple[PreservedCategory, np.ndarray]] = []
        self.enlarge: list[tuple[EnlargeCategory, np.ndarray]] = []
        groups: tuple[tuple[list, list], ...] = (
            (rules.preserved, self.preserved),
            (rules.enlarge, self.enlarge),
        )
        for group, out in groups:
            for cat in group:
                if not cat.enabled:
                    continue
                flags = flag_values(layer, cat.field)
                if flags is None:
                    if cat.field.startswith("@") or not cat.field:
                        continue  # a role the layer does not map: no town has it
                    self.problems.append(
                        Message(
                            "rules.missing_field",
                            "{category}: field {field!r} is not in the layer",
                            category=cat.label or cat.key,
                            field=cat.field,
                        )
                    )
                    continue
                out.append((cat, flags))
        # towns kept whole by policy, exempt from the minimum thresholds when alone
        self.whole = np.zeros(layer.n, dtype=bool)
        for cat, flags in self.preserved:
            if cat.mode == "whole":
                self.whole |= flags
        self.parent: np.ndarray | None = None
        if rules.village.enabled:
            self.parent = parent_values(layer, rules)
            if self.parent is None and rules.village.parent_field:
                self.problems.append(
                    Message(
                        "rules.missing_parent_field",
                        "village level: parent field {field!r} is not in the layer",
                        field=rules.village.parent_field,
                    )
                )
        self.geo: SeatGeometry | None = None
        if rules.thresholds.max_service_radius_km > 0:
            self.geo = seat_geometry(layer)


def _names(plan: Plan, towns: np.ndarray) -> str:
    return "、".join(str(plan.layer.names[t]) for t in towns)


def unit_violations(
    plan: Plan, uid: int, rules: RuleSet, ctx: RuleContext | None = None
) -> list[Violation]:
    """Violations of one unit's rules (everything but the county targets)."""
    ctx = ctx or RuleContext(plan, rules)
    s = plan.stats(uid)
    name = plan.units[uid].name
    m = plan.members(uid)
    out: list[Violation] = []
    if rules.contiguity and not s.contiguous:
        out.append(
            Violation(
                uid,
                "contiguity",
                Message(
                    "rules.contiguity",
                    "{unit} is in {parts} separate pieces",
                    unit=name,
                    parts=s.parts,
                ),
                towns=tuple(m.tolist()),
            )
        )
    out.extend(_preserved_violations(plan, uid, ctx, s, name, m))
    out.extend(_enlarge_violations(plan, uid, ctx, s, name, m))
    out.extend(_threshold_violations(plan, uid, rules, ctx, m))
    out.extend(_village_violations(uid, ctx, s, name, m))
    for rule in rules.extra_unit_rules:
        out.extend(rule(plan, uid))
    return out


def _preserved_violations(
    plan: Plan, uid: int, ctx: RuleContext, s: UnitStats, name: str, m: np.ndarray
) -> list[Violation]:
    """Preserved towns (border, historic) merged although kept whole, or losing their name."""
    out: list[Violation] = []
    for cat, flags in ctx.preserved:
        hit = m[flags[m]]
        if not len(hit):
            continue
        what = cat.label or cat.key
        if cat.mode == "whole":
            if s.towns > 1:
                others = [t for t in m.tolist() if not flags[t]]
                out.append(
                    Violation(
                        uid,
                        cat.rule,
                        _merged_whole(plan, what, hit, others, name, s.towns),
                        towns=tuple(hit.tolist()),
                    )
                )
        else:
            lost = [t for t in hit.tolist() if str(plan.layer.names[t]).strip() not in name]
            if lost and s.towns > 1:
                out.append(
                    Violation(
                        uid,
                        cat.rule,
                        Message(
                            "rules.loses_name",
                            "{category} {towns} merged into {unit} and loses its name",
                            category=what,
                            towns=_names(plan, np.array(lost)),
                            unit=name,
                        ),
                        towns=tuple(lost),
                    )
                )
    return out


def _enlarge_violations(
    plan: Plan, uid: int, ctx: RuleContext, s: UnitStats, name: str, m: np.ndarray
) -> list[Violation]:
    """Towns to enlarge (county seat, centres) that did not grow or are not the seat."""
    out: list[Violation] = []
    seat = s.seat
    for ecat, flags in ctx.enlarge:
        what = ecat.label or ecat.key
        for t in m[flags[m]].tolist():
            town = str(plan.layer.names[t])
            if s.towns == 1:
                out.append(
                    Violation(
                        uid,
                        ecat.rule,
                        Message(
                            "rules.no_growth",
                            "{category} {town} did not grow: it absorbed no neighbour",
                            category=what,
                            town=town,
                        ),
                        towns=(t,),
                    )
                )
            elif t != seat:
                out.append(
                    Violation(
                        uid,
                        ecat.rule,
                        Message(
                            "rules.absorbed",
                            "{category} {town} is absorbed into {unit} (seat {seat}) "
                            "instead of absorbing its neighbours",
                            category=what,
                            town=town,
                            unit=name,
                            seat=str(plan.layer.names[seat]),
                        ),
                        towns=(t,),
                    )
                )
    return out


def _village_violations(
    uid: int, ctx: RuleContext, s: UnitStats, name: str, m: np.ndarray
) -> list[Violation]:
    """A merged village whose villages belong to more than one township."""
    out: list[Violation] = []
    if ctx.parent is not None and s.towns > 1:
        parents = {p for p in ctx.parent[m].tolist() if p}
        if len(parents) > 1:
            out.append(
                Violation(
                    uid,
                    "village_parent",
                    Message(
                        "rules.village_parent",
                        "{unit} crosses township lines: its villages belong to "
                        "{n} townships ({parents})",
                        unit=name,
                        n=len(parents),
                        parents="、".join(sorted(parents)),
                    ),
                    towns=tuple(m.tolist()),
                )
            )
    return out


def _merged_whole(
    plan: Plan, what: str, hit: np.ndarray, others: list[int], unit: str, n: int
) -> Message:
    """ "border towns X merged [with Y [and k more]] into U (n towns); ... kept whole"."""
    towns = _names(plan, hit)
    if not others:
        return Message(
            "rules.merged_whole",
            "{category} {towns} merged into {unit} ({n} towns); {category} are kept whole",
            category=what,
            towns=towns,
            unit=unit,
            n=n,
        )
    shown = _names(plan, np.array(others[:5], dtype=np.int64))
    if len(others) > 5:
        return Message(
            "rules.merged_whole_with_more",
            "{category} {towns} merged with {others} and {more} more into {unit} "
            "({n} towns); {category} are kept whole",
            category=what,
            towns=towns,
            others=shown,
            more=len(others) - 5,
            unit=unit,
            n=n,
        )
    return Message(
        "rules.merged_whole_with",
        "{category} {towns} merged with {others} into {unit} ({n} towns); "
        "{category} are kept whole",
        category=what,
        towns=towns,
        others=shown,
        unit=unit,
        n=n,
    )


def _threshold_violations(
    plan: Plan, uid: int, rules: RuleSet, ctx: RuleContext, m: np.ndarray
) -> list[Violation]:
    th = rules.thresholds
    s = plan.stats(uid)
    name = plan.units[uid].name
    out: list[Violation] = []
    members = tuple(m.tolist())
    exempt = th.exempt_preserved and s.towns == 1 and bool(ctx.whole[m[0]])
    if th.min_population > 0 and not exempt and s.population < th.min_population:
        missing: Message | str = ""
        if s.missing_population:
            missing = Message(
                "rules.missing_population",
                " ({n} town(s) without population)",
                n=int(s.missing_population),
            )
        out.append(
            Violation(
                uid,
                "min_population",
                Message(
                    "rules.min_population",
                    "{unit} has {population} people, below the minimum {minimum}{missing}",
                    unit=name,
                    population=Figure(s.population),
                    minimum=Figure(th.min_population),
                    missing=missing,
                ),
                towns=members,
            )
        )
    if th.min_area_km2 > 0 and not exempt and s.area_km2 < th.min_area_km2:
        out.append(
            Violation(
                uid,
                "min_area",
                Message(
                    "rules.min_area",
                    "{unit} covers {area} km2, below the minimum {minimum} km2",
                    unit=name,
                    area=Figure(s.area_km2, 1),
                    minimum=Figure(th.min_area_km2, 1),
                ),
                towns=members,
            )
        )
    if th.max_towns > 0 and s.towns > th.max_towns:
        out.append(
            Violation(
                uid,
                "max_towns",
                Message(
                    "rules.max_towns",
                    "{unit} has {n} member towns, more than the maximum {maximum}",
                    unit=name,
                    n=s.towns,
                    maximum=th.max_towns,
                ),
                towns=members,
            )
        )
    if th.max_service_radius_km > 0 and ctx.geo is not None and s.towns > 1:
        radius, _ = ctx.geo.service_radius(m, s.seat)
        if radius > th.max_service_radius_km:
            out.append(
                Violation(
                    uid,
                    "max_service_radius",
                    Message(
                        "rules.max_service_radius",
                        "{unit} reaches {radius} km from its seat {seat}, "
                        "beyond the maximum {maximum} km",
                        unit=name,
                        radius=Figure(radius, 1),
                        seat=str(plan.layer.names[s.seat]),
                        maximum=Figure(th.max_service_radius_km, 1),
                    ),
                    towns=members,
                )
            )
    return out


# -- the checker --------------------------------------------------------------------------
class RuleChecker:
    """Violations of a plan, recomputed incrementally.

    ``RuleChecker(plan)`` checks the default rule set
    (``resources/rules/default.toml``); :meth:`set_rules` swaps in another and rechecks.
    ``changed`` fires (no arguments) after every recheck.
    """

    def __init__(self, plan: Plan, rules: RuleSet | None = None):
        self.plan = plan
        self.rules = rules if rules is not None else _builtin_rules()
        self.changed = Signal("violations_changed")
        self.context = RuleContext(plan, self.rules)
        self._by_unit: dict[int, list[Violation]] = {}
        self._county: list[Violation] = []
        self.recheck()
        plan.events.changed.connect(self._on_change)

    @property
    def problems(self) -> list[Message]:
        """Fields the rule set names that the layer lacks (the rules using them are skipped)."""
        return list(self.context.problems)

    def set_rules(self, rules: RuleSet) -> None:
        """Check against another rule set from now on; rechecks the whole plan once."""
        self.rules = rules
        self.context = RuleContext(self.plan, rules)
        self.recheck()

    def recheck(self) -> None:
        self._by_unit = {}
        plan = self.plan
        maybe = self._lone_town_suspects()
        for uid, unit in plan.units.items():
            if maybe is not None and len(unit.members) == 1:
                (t,) = unit.members
                if not maybe[t]:
                    continue
            v = unit_violations(plan, uid, self.rules, self.context)
            if v:
                self._by_unit[uid] = v
        self._county = self._county_violations()
        self.changed.emit()

    def _lone_town_suspects(self) -> np.ndarray | None:
        """Per town: could it break a rule alone in its unit? (None: cannot tell.)

        A freshly opened province is 40,000 one-town units, and a town alone can only
        break the enlarge rules (it absorbed nothing) and the minimum thresholds; the
        others need several towns. Checking just the towns that might (a superset of
        those that do) keeps opening a province from running the full rule check
        40,000 times (~0.15 s).
        """
        rules = self.rules
        th = rules.thresholds
        if rules.extra_unit_rules or 0 < th.max_towns < 1:
            return None
        layer = self.plan.layer
        maybe = np.zeros(layer.n, dtype=bool)
        for _, flags in self.context.enlarge:
            maybe |= np.asarray(flags, dtype=bool)
        if th.min_population > 0:
            maybe |= ~(np.asarray(layer.population, dtype=float) >= th.min_population)
        if th.min_area_km2 > 0:
            maybe |= ~(np.asarray(layer.area_km2, dtype=float) >= th.min_area_km2)
        return maybe

    def _county_violations(self) -> list[Violation]:
        ctx = self.context
        out = [Violation(None, "rule_set", p, "error") for p in ctx.problems]
        out.extend(county_violations(self.plan, self.rules))
        for rule in self.rules.extra_county_rules:
            out.extend(rule(self.plan))
        return out

    def _on_change(self, change: PlanChange) -> None:
        for uid in change.removed:
            self._by_unit.pop(uid, None)
        for uid in change.touched:
            v = (
                unit_violations(self.plan, uid, self.rules, self.context)
                if uid in self.plan.units
                else []
            )
            if v:
                self._by_unit[uid] = v
            else:
                self._by_unit.pop(uid, None)
        self._county = self._county_violations()
        self.changed.emit()

    def violations(self) -> list[Violation]:
        """Every violation: units in display order, then county-wide ones."""
        if not self._by_unit:
            return list(self._county)
        # the plan's display order (lowest member first), for the violating units only:
        # sorting every unit would cost tens of ms on a province
        units = self.plan.units
        unit_v = [
            v
            for uid in sorted(self._by_unit, key=lambda u: min(units[u].members))
            for v in self._by_unit[uid]
        ]
        return unit_v + list(self._county)

    def for_unit(self, uid: int) -> list[Violation]:
        return list(self._by_unit.get(uid, []))

    def county(self) -> list[Violation]:
        """The county-wide violations (targets, rule-set problems, extra county rules)."""
        return list(self._county)

    def units_in_violation(self) -> set[int]:
        """Ids of the units with at least one violation (for hatching on the map)."""
        return set(self._by_unit)

    def progress(self) -> list[dict]:
        return county_progress(self.plan, self.rules)

    def enlarge_summary(self) -> list[dict]:
        return enlarge_summary(self.plan, self.rules)

    def close(self) -> None:
        self.plan.events.changed.disconnect(self._on_change)
