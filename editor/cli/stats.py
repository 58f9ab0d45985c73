"""``stats LAYER --plan PLAN``: per-unit figures, before/after summary and violations."""

from __future__ import annotations

import argparse
import json

from editor.cli.common import add_layer_options, load_layer, load_plan
from editor.core.plan import Plan
from editor.core.rules import RuleChecker


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help="figures of a merger plan")
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="plan file (.tbplan) or assignment table (.csv/.xlsx)"
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def unit_record(plan: Plan, uid: int) -> dict:
    s = plan.stats(uid)
    layer = plan.layer
    return {
        "id": uid,
        "name": plan.units[uid].name,
        "towns": [str(layer.ids[t]) for t in plan.members(uid)],
        "population": s.population,
        "missing_population": s.missing_population,
        "area_km2": round(s.area_km2, 6),
        "border": s.border,
        "historic": s.historic_towns > 0,
        "contiguous": s.contiguous,
        "seat": str(layer.ids[s.seat]),
        "seat_name": str(layer.names[s.seat]),
    }


def plan_stats(plan: Plan, checker: RuleChecker | None = None) -> dict:
    checker = checker or RuleChecker(plan)
    return {
        "units": [unit_record(plan, uid) for uid in plan.unit_ids()],
        "summary": plan.summary().to_dict(),
        "violations": [v.to_dict(plan) for v in checker.violations()],
    }


def run(args: argparse.Namespace) -> int:
    layer = load_layer(args)
    plan, unmatched = load_plan(layer, args.plan)
    data = plan_stats(plan)
    if unmatched:
        data["unmatched"] = unmatched
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    print(f"{'unit':<16}{'towns':>6}{'population':>12}{'area km2':>10}  border contiguous seat")
    for u in data["units"]:
        print(
            f"{u['name']:<16}{len(u['towns']):>6}{u['population']:>12,.0f}{u['area_km2']:>10.1f}  "
            f"{'yes' if u['border'] else 'no':<6} {'yes' if u['contiguous'] else 'NO':<10} {u['seat_name']}"
        )
    s = data["summary"]
    for key in ("before", "after"):
        f = s[key]
        print(
            f"{key}: {f['units']} units, mean population {f['mean_population']:,.0f}, mean area {f['mean_area_km2']:.1f} km2"
        )
    for v in data["violations"]:
        print(f"violation [{v['rule']}] {v['unit']}: {v['message']}")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
