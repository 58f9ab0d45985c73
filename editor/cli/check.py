"""``check LAYER --plan PLAN [--rules FILE]``: list a plan's rule violations.

Exit status: 0 when the plan keeps every rule, 1 when it breaks at least one (each
breach is printed), 2 on errors (an unreadable file, or a rule set naming a field the
layer lacks).
"""

from __future__ import annotations

import argparse
import json
import sys

from editor.cli.common import (
    add_layer_options,
    add_rule_options,
    load_layer,
    load_plan,
    rules_from_args,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check a merger plan against a rule set (exit 1 when it breaks a rule)",
    )
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="plan file (.tbplan) or assignment table (.csv/.xlsx)"
    )
    add_rule_options(p, data=False)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.rules import RuleChecker

    rules = rules_from_args(args)
    layer = load_layer(args)
    plan, unmatched = load_plan(layer, args.plan)
    checker = RuleChecker(plan, rules)
    problems = checker.problems
    violations = [v for v in checker.violations() if v.rule != "rule_set"]
    status = 2 if problems else (1 if violations else 0)
    if args.json:
        data = {
            "ok": status == 0,
            "rule_set": rules.name,
            "violations": [v.to_dict(plan) for v in violations],
            "rule_problems": problems,
            "county_progress": checker.progress(),
            "enlarged": checker.enlarge_summary(),
        }
        if unmatched:
            data["unmatched"] = unmatched
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return status
    for p in problems:
        print(f"error: rule set: {p}", file=sys.stderr)
    for v in violations:
        where = plan.units[v.unit].name if v.unit is not None else "county"
        print(f"{where}: [{v.rule}] {v.message}")
    if unmatched:
        print(
            f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}",
            file=sys.stderr,
        )
    if problems:
        return status
    if violations:
        units = {v.unit for v in violations if v.unit is not None}
        rules_broken = sorted({v.rule for v in violations})
        print(
            f"{len(violations)} violation(s) in {len(units)} unit(s) "
            f"({', '.join(rules_broken)}): the plan breaks the rules"
        )
    else:
        print(f"ok: {len(plan)} units keep every rule of {rules.name or 'the rule set'}")
    return status
