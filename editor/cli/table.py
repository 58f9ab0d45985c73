"""``table LAYER --plan PLAN --out OUT.csv|.xlsx``: the old-to-new or unit statistics table.

``--encoding``/``--crs`` are the input layer's, as in every command (the table itself
is UTF-8 CSV or XLSX and has no CRS); ``--layer-encoding``/``--layer-crs`` are
deprecated spellings of them.

With ``--kind units``, ``--rules``, ``--facilities``, ``--facility-field`` and ``--carry``
add the staffing quota, facility counts and carried sums (as ``export`` does).
"""

from __future__ import annotations

import argparse

from editor.cli.common import (
    add_rule_options,
    carry_from_args,
    facilities_from_args,
    rules_from_args,
)
from editor.cli.export import add_plan_layer_options, load_layer_and_plan, protected_inputs


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("table", help="write the assignment or unit statistics table (CSV/XLSX)")
    add_plan_layer_options(p)
    p.add_argument("--out", required=True, help="OUT.csv (UTF-8 with BOM) or OUT.xlsx")
    p.add_argument(
        "--kind",
        choices=("assignment", "units"),
        default="assignment",
        help="assignment: town -> unit (default); units: one row of figures per unit",
    )
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="header language")
    add_rule_options(p)  # used by --kind units
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editor.core.session import take_benchmark
    from editor.io.guard import check_destination
    from editor.io.tables import export_table

    check_destination(args.out, "table", protected_inputs(args))
    layer, plan, unmatched = load_layer_and_plan(args)
    extra = {}
    if args.kind == "units":
        rules = rules_from_args(args)
        take_benchmark(plan, rules)  # as stats does: the summary compares with it
        extra = {
            "rules": rules,
            "facilities": facilities_from_args(layer, rules, args),
            "carry": carry_from_args(args),
        }
    path = export_table(plan, args.out, kind=args.kind, language=args.lang, **extra)
    rows = plan.layer.n if args.kind == "assignment" else len(plan)
    print(f"wrote {rows} rows to {path}")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
