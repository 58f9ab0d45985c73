"""``propose LAYER --rules R --out PLAN.tbplan``: a merger plan made from the rule set.

``--plan CURRENT --lock UNIT`` (repeatable) keeps units of the current plan exactly.
Exit 0 with a plan meeting every hard rule; 1 when none does (the explanation on
stdout, and the best plan with that rule relaxed written to ``--out``, marked in its
notes) or when no plan was found in the time; 2 on errors.
"""

from __future__ import annotations

import argparse
import json
import math

from editor.cli.common import (
    add_layer_options,
    load_layer,
    load_plan,
    options_from_args,
    rules_from_args,
)
from editor.errors import EditorError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("propose", help="propose a merger plan that meets the rule set")
    add_layer_options(p)
    p.add_argument(
        "--rules", help="rule set file (.toml or .json); default resources/rules/default.toml"
    )
    p.add_argument("--plan", help="the current plan (.tbplan or .csv/.xlsx), for --lock")
    p.add_argument(
        "--lock", action="append", default=[], metavar="UNIT", help="unit of --plan to keep"
    )
    p.add_argument("--out", required=True, help="the plan file to write (.tbplan)")
    p.add_argument("--time-limit", dest="time_limit", type=_seconds, default=10.0)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time: give seconds, more than 0")
    return value


def run(args: argparse.Namespace) -> int:
    from editor.cli.export import protected_inputs
    from editor.core.propose import propose
    from editor.io.guard import check_destination
    from editor.io.planfile import save_plan_file

    check_destination(args.out, "plan", protected_inputs(args))
    if args.lock and not args.plan:
        raise EditorError("--lock needs --plan (the plan whose units are kept)")
    rules = rules_from_args(args)
    layer = load_layer(args)
    current = None
    if args.plan:
        current, _unmatched = load_plan(layer, args.plan)
        missing = [u for u in args.lock if current.find_unit(u) is None]
        if missing:
            raise EditorError(f"{args.plan}: no unit named {', '.join(missing)}")
    proposal = propose(
        layer,
        rules,
        current=current,
        locked=args.lock,
        time_limit=args.time_limit,
        seed=args.seed,
    )
    written = None
    if proposal.found:
        plan = proposal.plan(layer)
        note = "proposed by the editor (方案生成)"
        if proposal.relaxed:
            note += "; RELAXED, breaks: " + ", ".join(proposal.relaxed)
        written = save_plan_file(
            args.out,
            plan,
            source_path=args.layer,
            load_options=options_from_args(args),
            rules=rules.to_dict(),
            notes=note,
        )
    ok = proposal.found and not proposal.relaxed
    report = {
        "status": proposal.status,
        "meets_rules": ok,
        "relaxed": list(proposal.relaxed),
        "units": len(proposal.seats),
        "objective_person_km": _num(proposal.objective),
        "bound_person_km": _num(proposal.bound),
        "seconds": round(proposal.seconds, 3),
        "seed": args.seed,
        "messages": [str(m) for m in proposal.messages],
        "out": None if written is None else str(written),
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for m in proposal.messages:
            print(m)
        if written is not None:
            gap = ""
            if proposal.status == "feasible":
                gap = f", bound {report['bound_person_km']:,.0f}"
            print(
                f"wrote {written}: {layer.n} towns in {len(proposal.seats)} units, "
                f"{proposal.status}{' (RELAXED)' if proposal.relaxed else ''}, "
                f"{report['objective_person_km']:,.0f} person-km{gap}, "
                f"{proposal.seconds:.1f} s"
            )
    return 0 if ok else 1


def _num(value: float) -> float | None:
    return round(float(value), 1) if math.isfinite(value) else None
