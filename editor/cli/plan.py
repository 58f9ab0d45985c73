"""``plan LAYER --plan TABLE --out PLAN.tbplan``: save a plan file from an assignment table.

Also converts a plan file to another (e.g. after the layer moved): the layer, its
options and checksum are those given now.
"""

from __future__ import annotations

import argparse

from editor.cli.common import add_layer_options, load_layer, load_plan, options_from_args


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="save a plan file (.tbplan) from an assignment table")
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="assignment table (.csv/.xlsx) or plan file (.tbplan)"
    )
    p.add_argument("--out", required=True, help="the plan file to write (.tbplan)")
    p.add_argument("--notes", default="", help="free text stored in the plan file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editor.cli.export import protected_inputs
    from editor.io.guard import check_destination
    from editor.io.planfile import save_plan_file

    check_destination(args.out, "plan", protected_inputs(args))
    layer = load_layer(args)
    plan, unmatched = load_plan(layer, args.plan)
    path = save_plan_file(
        args.out,
        plan,
        source_path=args.layer,
        load_options=options_from_args(args),
        notes=args.notes,
    )
    print(f"wrote {path}: {layer.n} towns in {len(plan)} merged units")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
