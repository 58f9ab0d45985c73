"""``compare LAYER --plan A --plan B``: what plan B changes against plan A (方案比选).

Prints the towns whose unit changed (with the population and area moved), where each
unit of B comes from in A, the figures of both plans side by side and the rule
violations only one of them has (``--rules FILE``, else the default rule set).
``--json`` prints one JSON object instead; ``--out changes.csv|.xlsx`` also writes the
changed towns as a table (an XLSX gets a second sheet with the figures). The
definitions are those of :mod:`editor.core.compare`.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from editor.cli.common import add_layer_options, add_rule_options, load_layer, load_plan

if TYPE_CHECKING:  # the core is imported when a command runs, not for --help
    from editor.core.compare import Comparison


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="compare two merger plans of one layer (A, then B)")
    add_layer_options(p)
    p.add_argument(
        "--plan",
        dest="plans",
        action="append",
        required=True,
        metavar="PLAN",
        help="plan file (.tbplan) or assignment table (.csv/.xlsx); give two: A, then B",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--out", help="also write the changed towns to OUT.csv or OUT.xlsx")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="--out header language")
    add_rule_options(p, data=False)
    p.set_defaults(func=run)


def protected_inputs(args: argparse.Namespace) -> list:
    """The inputs no ``--out`` may write over (see ``editor.io.guard``)."""
    return [args.layer, args.border_layer, *args.plans, args.rules]


def run(args: argparse.Namespace) -> int:
    from editor.cli.common import rules_from_args
    from editor.cli.stats import finite
    from editor.core.compare import compare_plans

    if len(args.plans) != 2:
        print(
            f"error: compare takes exactly two --plan (A, then B), not {len(args.plans)} "
            "(see python -m editor compare --help)",
            file=sys.stderr,
        )
        return 2
    if args.out:
        from editor.io.guard import check_destination

        check_destination(args.out, "table", protected_inputs(args))
    rules = rules_from_args(args)
    layer = load_layer(args)
    plans, unmatched = [], []
    for path in args.plans:
        plan, missed = load_plan(layer, path)
        plans.append(plan)
        unmatched.append(missed)
    comparison = compare_plans(plans[0], plans[1], rules)
    written = None
    if args.out:
        from editor.io.tables import export_changes

        written = export_changes(comparison, args.out, args.lang)
    if args.json:
        data = comparison.to_dict()
        data["plans"] = {"a": args.plans[0], "b": args.plans[1]}
        data["rule_set"] = rules.name
        for key, missed in zip(("unmatched_a", "unmatched_b"), unmatched, strict=True):
            if missed:
                data[key] = missed
        print(json.dumps(finite(data), ensure_ascii=False, indent=1, allow_nan=False))
    else:
        print_report(comparison, args.plans)
    if written is not None:
        print(f"wrote {len(comparison.changes)} changed town(s) to {written}", file=sys.stderr)
    for label, missed in zip("AB", unmatched, strict=True):
        if missed:
            print(
                f"warning: plan {label}: {len(missed)} row(s) matched no town: "
                f"{', '.join(missed[:10])}",
                file=sys.stderr,
            )
    return 0


def _number(value: float | None, decimals: int = 0, sign: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:{'+' if sign else ''},.{decimals}f}"


def print_report(comparison: Comparison, paths: list[str]) -> None:
    """The comparison as plain text (the report ``--json`` gives as data)."""
    a, b = comparison.plan_a, comparison.plan_b
    print(f"A: {paths[0]} ({len(a)} units)")
    print(f"B: {paths[1]} ({len(b)} units)")
    changes = comparison.changes
    print(
        f"changed towns: {len(changes)} (population {_number(comparison.moved_population)}, "
        f"area {comparison.moved_area_km2:.1f} km2)"
    )
    if changes:
        print(f"  {'town':<14}{'unit in A':<14}{'unit in B':<14}{'population':>11}{'km2':>8}")
    for c in changes:
        print(
            f"  {c.town_name:<14}{c.unit_a:<14}{c.unit_b:<14}"
            f"{_number(c.population):>11}{c.area_km2:>8.1f}"
        )
    identical = [c for c in comparison.correspondence if c.identical]
    print(f"units of B ({len(identical)} identical in both plans):")
    for c in comparison.correspondence:
        if not c.identical:
            print(f"  {c.text()}")
    print(f"{'figure':<22}{'A':>12}{'B':>12}{'change':>12}")
    decimals = {"units": 0, "mean_population": 0, "mean_area_km2": 1}
    labels = {"mean_area_km2": "mean area km2", "mean_population": "mean population"}
    for f in comparison.figures:
        d = decimals.get(f.key, 1)
        print(
            f"{labels.get(f.key, f.key):<22}{_number(f.a, d):>12}{_number(f.b, d):>12}"
            f"{_number(f.delta, d, sign=True):>12}"
        )
    for rule, (na, nb) in comparison.violations_by_rule.items():
        print(f"{'violations ' + rule:<22}{na:>12}{nb:>12}{nb - na:>+12}")
    for label, plan, only in (("A", a, comparison.only_in_a), ("B", b, comparison.only_in_b)):
        for v in only:
            unit = "county" if v.unit is None else plan.units[v.unit].name
            print(f"only in {label}: violation [{v.rule}] {unit}: {v.message}")
