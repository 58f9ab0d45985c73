"""``export LAYER --plan PLAN --out OUT.shp|.gpkg|.geojson``: write the merged units.

Each unit carries its seat, service radius and mean distance, the staffing quota
(``--rules FILE``, else the default rule set), facility counts (``--facilities LAYER``,
repeatable, typed by ``--facility-field``) and carried sums (``--carry FIELD``).

``--encoding`` and ``--crs`` are the input layer's, as in every command; the output's
are ``--out-encoding`` (shapefile text encoding) and ``--out-crs``. The old spellings
(``--layer-encoding``/``--layer-crs`` for the input, then ``--encoding``/``--crs`` for
the output) still work this release, with a deprecation note. With a ``.tbplan`` and
no layer options, the options saved in the plan are used, so the towns get the same
ids as when the plan was made.

Only what the export writes is computed: the layer is opened without the tolerant
adjacency (a unit's parts are counted from its dissolved shape).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from editor.cli.common import (
    add_layer_options,
    add_output_options,
    add_rule_options,
    carry_from_args,
    facilities_from_args,
    load_plan,
    options_from_args,
    rules_from_args,
)

if TYPE_CHECKING:
    from editor.core.plan import Plan
    from editor.core.towns import TownLayer


def add_plan_layer_options(p: argparse.ArgumentParser) -> None:
    """The layer options and ``--plan``."""
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="plan file (.tbplan) or assignment table (.csv/.xlsx)"
    )


def protected_inputs(args: argparse.Namespace) -> list:
    """The command's inputs no ``--out`` may write over (see ``editor.io.guard``)."""
    return [
        args.layer,
        getattr(args, "border_layer", None),
        *(getattr(args, "facilities", None) or []),
        *(getattr(args, "reference", None) or []),
        getattr(args, "plan", None),
        getattr(args, "rules", None),
    ]


def load_layer_and_plan(args: argparse.Namespace) -> tuple[TownLayer, Plan, list[str]]:
    """Open the layer (with the plan file's saved options when none are given) and the plan."""
    from editor.io.load import LoadOptions, open_layer

    options = options_from_args(args)
    if Path(args.plan).suffix.lower() == ".tbplan" and options == LoadOptions():
        from editor.io.planfile import read_plan_header

        options = read_plan_header(args.plan).load_options
    layer = open_layer(args.layer, options)
    plan, unmatched = load_plan(layer, args.plan)
    return layer, plan, unmatched


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export merged units as a shapefile, GeoPackage or GeoJSON")
    add_plan_layer_options(p)
    p.add_argument("--out", required=True, help="OUT.shp, OUT.gpkg or OUT.geojson")
    add_output_options(p)
    add_rule_options(p)
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of field aliases")
    p.add_argument("--no-style", action="store_true", help="do not write the QGIS .qml style")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from editor.io.export import export_units
    from editor.io.guard import check_destination

    check_destination(args.out, "export", protected_inputs(args))
    layer, plan, unmatched = load_layer_and_plan(args)
    rules = rules_from_args(args)
    result = export_units(
        plan,
        args.out,
        crs=args.out_crs,
        encoding=args.out_encoding,
        carry=carry_from_args(args),
        style=not args.no_style,
        language=args.lang,
        rules=rules,
        facilities=facilities_from_args(layer, rules, args),
    )
    print(f"wrote {result.units} merged units to {result.path}")
    for f in result.files:
        if f != result.path:
            print(f"  + {f.name}")
    renamed = {s: c for s, c in result.field_map.items() if s != c}
    for short, full in renamed.items():
        print(f"  field {full} -> {short} (DBF names hold 10 bytes; see the .fieldmap.csv)")
    for w in result.warnings:
        print(f"warning: {w}")
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
