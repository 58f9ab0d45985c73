"""Options and loading shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from editor.core.plan import Plan
from editor.core.towns import TownLayer
from editor.io.load import LoadOptions, open_layer


def add_layer_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("layer", help="township layer (shapefile, GeoPackage, GeoJSON)")
    p.add_argument("--layer-name", dest="layer_name", help="GeoPackage layer to read")
    p.add_argument("--encoding", help="text encoding of the DBF (e.g. gbk, utf-8)")
    p.add_argument("--crs", help="CRS to use instead of the file's, e.g. 4490 or EPSG:4526")
    p.add_argument("--id-field")
    p.add_argument("--name-field")
    p.add_argument("--population-field")
    p.add_argument("--border-field")
    p.add_argument("--historic-field")
    p.add_argument("--seat-field", help="county-seat town flag field")
    p.add_argument(
        "--area-field", help="official area field (km2) to use instead of ellipsoidal area"
    )
    p.add_argument(
        "--border-layer", help="boundary line layer: towns within the tolerance are border towns"
    )
    p.add_argument(
        "--tolerance", type=float, default=1.0, help="snapping tolerance in metres (default 1)"
    )


def options_from_args(args: argparse.Namespace) -> LoadOptions:
    fields = {
        role: getattr(args, f"{role}_field" if role != "county_seat" else "seat_field", None)
        for role in ("id", "name", "population", "border", "historic", "county_seat", "area")
    }
    fields = {k: v for k, v in fields.items() if v is not None}
    crs = args.crs
    if crs is not None and str(crs).isdigit():
        crs = int(crs)
    return LoadOptions(
        layer=args.layer_name,
        encoding=args.encoding,
        crs=crs,
        fields=fields,
        use_area_field=args.area_field is not None,
        tolerance_m=args.tolerance,
        border_layer=args.border_layer,
    )


def load_layer(args: argparse.Namespace) -> TownLayer:
    return open_layer(args.layer, options_from_args(args))


def load_plan(layer: TownLayer, path: str | Path) -> tuple[Plan, list[str]]:
    """A plan from the editor's plan file or an assignment table; returns it and unmatched keys."""
    path = Path(path)
    if path.suffix.lower() in (".tbplan", ".json"):
        from editor.io.planfile import load_plan_file

        loaded = load_plan_file(path, layer)
        return loaded.plan, list(loaded.unmatched)
    from editor.io.plantable import read_assignment_table

    rows = read_assignment_table(path)
    return Plan.from_assignment(layer, rows)
