"""``stats LAYER --plan PLAN``: per-unit figures, before/after summary and violations.

With ``--rules FILE`` the plan is checked against that rule set (else the default,
``resources/rules/default.toml``); ``--facilities LAYER`` (repeatable) counts facility
points per unit; ``--carry FIELD`` (repeatable, or the rule set's ``carried_fields``)
sums numeric columns per unit.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from editor.cli.common import (
    add_layer_options,
    add_rule_options,
    carry_from_args,
    facilities_from_args,
    load_layer,
    load_plan,
    rules_from_args,
)

if TYPE_CHECKING:  # the core is imported when a command runs, not for --help
    from editor.core.facilities import CarriedFields, FacilityLayer
    from editor.core.plan import Plan
    from editor.core.quota import QuotaCalculator
    from editor.core.rules import RuleChecker, RuleSet
    from editor.core.towns import TownLayer


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="figures of a merger plan")
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="plan file (.tbplan) or assignment table (.csv/.xlsx)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    add_rule_options(p)
    p.set_defaults(func=run)


@dataclass
class Extras:
    """What ``stats`` adds to each unit beyond the plan's own figures."""

    quota: QuotaCalculator | None = None
    facilities: FacilityLayer | None = None
    carried: CarriedFields | None = None
    notes: list[str] = field(default_factory=list)
    # unit id -> category -> count, filled once per report (per unit it would rescan)
    facility_counts: dict[int, dict[str, int]] | None = None

    @classmethod
    def from_args(cls, layer: TownLayer, rules: RuleSet, args: argparse.Namespace) -> Extras:
        from editor.core.parents import quota_applies
        from editor.core.unit_figures import resolve_sources

        facilities = facilities_from_args(layer, rules, args)
        sources = resolve_sources(layer, rules, facilities, carry_from_args(args))
        # the staffing quota is a township figure: at village level only when asked for
        quota = sources.quota if quota_applies(layer, rules.quota) else None
        notes = ([] if quota is None else list(quota.notes)) + (
            [] if sources.facilities is None else list(sources.facilities.notes)
        )
        return cls(quota, sources.facilities, sources.carried, notes)


def unit_record(plan: Plan, uid: int, extras: Extras | None = None) -> dict:
    from editor.core.seats import unit_seat_figures

    s = plan.stats(uid)
    layer = plan.layer
    seat = unit_seat_figures(plan, uid)
    record = {
        "id": uid,
        "name": plan.units[uid].name,
        "towns": [str(layer.ids[t]) for t in plan.members(uid)],
        "population": s.known_population,  # None (null) when no member has a figure
        "missing_population": s.missing_population,
        "area_km2": round(s.area_km2, 6),
        "border": s.border,
        "historic": s.historic_towns > 0,
        "contiguous": s.contiguous,
        "seat": str(layer.ids[s.seat]),
        "seat_name": str(layer.names[s.seat]),
        "service_radius_km": round(seat.service_radius_km, 3),
        "mean_distance_km": round(seat.mean_distance_km, 3),
    }
    if extras is not None:
        if extras.quota is not None:
            q = extras.quota.unit(plan, uid).to_dict()
            q["old_total"] = extras.quota.old_total_of(plan, uid)
            record["quota"] = q
        if extras.facilities is None:
            record["facilities"] = {}
        elif extras.facility_counts is not None:
            record["facilities"] = dict(extras.facility_counts.get(uid, {}))
        else:
            record["facilities"] = extras.facilities.unit_counts(plan, uid)
        record["carried"] = {} if extras.carried is None else extras.carried.unit_sums(plan, uid)
    return record


def plan_stats(
    plan: Plan, checker: RuleChecker | None = None, extras: Extras | None = None
) -> dict:
    from editor.core.parents import quota_applies
    from editor.core.quota import QuotaCalculator
    from editor.core.rules import RuleChecker, enlarge_summary
    from editor.core.seats import seat_geometry
    from editor.core.session import take_benchmark

    checker = checker or RuleChecker(plan)
    rules = checker.rules
    if extras is None:
        applies = quota_applies(plan.layer, rules.quota)
        extras = Extras(quota=QuotaCalculator(plan.layer, rules.quota) if applies else None)
    take_benchmark(plan, rules)
    if extras.facilities is not None:
        extras.facility_counts = extras.facilities.all_unit_counts(plan)
    if len(plan) > 1000:
        seat_geometry(plan.layer).warm()  # one vectorised pass instead of one per unit
    data = {
        "units": [unit_record(plan, uid, extras) for uid in plan.unit_ids()],
        "summary": plan.summary().to_dict(),
        "violations": [v.to_dict(plan) for v in checker.violations()],
        "county_progress": checker.progress(),
        "enlarged": enlarge_summary(plan, rules),
        "rule_set": rules.name,
        "rule_problems": checker.problems,
    }
    if extras.quota is not None:
        data["quota_totals"] = extras.quota.totals(plan)
    if extras.facilities is not None:
        data["facilities_outside"] = extras.facilities.outside
    if extras.notes:
        data["notes"] = list(extras.notes)
    return data


def finite(value):
    """``value`` with every NaN or infinite float (also numpy's) replaced by ``None``."""
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and hasattr(value, "dtype") and getattr(value, "ndim", 1) == 0:
        return finite(value.item())
    return value


def run(args: argparse.Namespace) -> int:
    from editor.core.rules import RuleChecker

    rules = rules_from_args(args)
    layer = load_layer(args)
    plan, unmatched = load_plan(layer, args.plan)
    extras = Extras.from_args(layer, rules, args)
    data = plan_stats(plan, RuleChecker(plan, rules), extras)
    if unmatched:
        data["unmatched"] = unmatched
    if args.json:
        # standard JSON: a NaN or infinite figure (a benchmark's) is null, never NaN
        print(json.dumps(finite(data), ensure_ascii=False, indent=1, allow_nan=False))
        return 0
    quota_header = "quota" if any("quota" in u for u in data["units"]) else ""
    print(
        f"{'unit':<16}{'towns':>6}{'population':>12}{'area km2':>10}{'radius km':>10}"
        f"{quota_header:>7}  border contiguous seat"
    )
    for u in data["units"]:
        quota = u.get("quota", {}).get("total", "")
        pop = "—" if u["population"] is None else f"{u['population']:,.0f}"
        print(
            f"{u['name']:<16}{len(u['towns']):>6}{pop:>12}{u['area_km2']:>10.1f}"
            f"{u['service_radius_km']:>10.1f}{quota:>7}  "
            f"{'yes' if u['border'] else 'no':<6} {'yes' if u['contiguous'] else 'NO':<10} {u['seat_name']}"
        )
    s = data["summary"]
    for key in ("before", "after"):
        f = s[key]
        pop = "unknown" if f["mean_population"] is None else f"{f['mean_population']:,.0f}"
        if f["missing_population"] and f["mean_population"] is not None:
            pop += f" ({f['missing_population']} town(s) without population)"
        print(
            f"{key}: {f['units']} units, mean population {pop}, mean area {f['mean_area_km2']:.1f} km2"
        )
    for item in data["county_progress"]:
        print(item["text"])
    for item in data["enlarged"]:
        print(item["text"])
    if "quota_totals" in data:
        q = data["quota_totals"]
        print(
            f"staffing quota: old total {q['old']:,.0f} -> new {q['new']:,.0f} ({q['change']:+,.0f})"
        )
    for note in data.get("notes", []):
        print(f"note: {note}")
    for v in data["violations"]:
        print(f"violation [{v['rule']}] {v['unit']}: {v['message']}")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
