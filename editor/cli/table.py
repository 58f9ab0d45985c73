"""``table LAYER --plan PLAN --out OUT.csv|.xlsx``: the old-to-new or unit statistics table."""

from __future__ import annotations

import argparse

from editor.cli.export import add_plan_layer_options, load_layer_and_plan


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
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editor.io.tables import export_table

    _, plan, unmatched = load_layer_and_plan(args)
    path = export_table(plan, args.out, kind=args.kind, language=args.lang)
    rows = plan.layer.n if args.kind == "assignment" else len(plan)
    print(f"wrote {rows} rows to {path}")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
