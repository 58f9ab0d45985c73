"""``layout LAYER --plan PLAN --out OUT.pdf|.svg|.png``: print layouts of a merger plan."""

from __future__ import annotations

import argparse
from pathlib import Path
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
from editor.errors import LayerError

if TYPE_CHECKING:  # the core is imported when a command runs, not for --help
    from editor.core.project import ReferenceLayer
    from editor.core.towns import TownLayer


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "layout",
        help="print layout of a plan (PDF, SVG, PNG)",
        description="Draw a print layout: overview, before/after, or a meeting packet "
        "(overview then one page per merged unit). A multi-page layout saved as SVG/PNG "
        "is written to numbered files (OUT-01.png, OUT-02.png, ...).",
    )
    add_layer_options(p)
    p.add_argument(
        "--plan", required=True, help="plan file (.tbplan) or assignment table (.csv/.xlsx)"
    )
    p.add_argument("--out", required=True, help="output file: .pdf, .svg or .png")
    p.add_argument("--kind", choices=("overview", "before-after", "packet"), default="overview")
    p.add_argument("--paper", choices=("A4", "A3", "A2"), default="A4", type=str.upper)
    p.add_argument("--landscape", action="store_true", help="landscape (default portrait)")
    p.add_argument("--title", default="", help="title (default: a generic one)")
    p.add_argument("--subtitle", default="", help="subtitle (default: counts and date)")
    p.add_argument("--county", default="", help="county name for the subtitle")
    p.add_argument("--plan-name", dest="plan_name", default="", help="plan name for the subtitle")
    p.add_argument("--note", default="", help="note line at the foot of each page")
    p.add_argument("--dpi", type=int, default=200, help="PNG resolution (default 200)")
    p.add_argument("--language", choices=("zh", "en"), default="zh")
    p.add_argument(
        "--reference",
        action="append",
        default=[],
        help="reference layer to draw (border line, roads, ...); may repeat",
    )
    add_rule_options(p)
    p.set_defaults(func=run)


def reference_layer(path: str | Path, layer: TownLayer) -> ReferenceLayer:
    """Read a reference layer and bring it into the town layer's metric CRS."""
    import numpy as np
    import shapely

    from editor.core.project import ReferenceLayer
    from editor.io.reference import read_reference

    frame, crs = read_reference(path)
    try:
        frame = frame.to_crs(layer.metric_crs)
    except Exception as exc:  # pyproj errors: name the file
        raise LayerError(path, f"cannot transform to the map's projection ({exc})") from None
    geoms = np.asarray(frame.geometry.values, dtype=object)
    types = set(shapely.get_type_id(geoms[~shapely.is_missing(geoms)]).tolist())
    kind = "polygon" if types <= {3, 6} else "point" if types <= {0, 4} else "line"
    name = Path(path).stem
    for col in ("名称", "name", "NAME"):
        if col in frame.columns and len(frame) and str(frame[col].iloc[0]).strip():
            name = str(frame[col].iloc[0]).strip()
            break
    return ReferenceLayer(path=Path(path), geometry=geoms, kind=kind, name=name)


def run(args: argparse.Namespace) -> int:
    from editor.cli.export import protected_inputs
    from editor.core.session import take_benchmark
    from editor.io.guard import check_destination
    from editor.layout import LayoutSettings, save_layout

    check_destination(args.out, "layout", protected_inputs(args))
    layer = load_layer(args)
    plan, unmatched = load_plan(layer, args.plan)
    refs = [reference_layer(p, layer) for p in (args.border_layer, *args.reference) if p]
    rules = rules_from_args(args)
    facilities = facilities_from_args(layer, rules, args)
    take_benchmark(plan, rules)  # as stats does: the summary compares with it
    try:
        settings = LayoutSettings(
            kind=args.kind,
            paper=args.paper,
            landscape=args.landscape,
            title=args.title,
            subtitle=args.subtitle,
            county=args.county,
            note=args.note,
            dpi=args.dpi,
            language=args.language,
            plan_name=args.plan_name,
            rules=rules,
            facilities=facilities,
            carry=carry_from_args(args),
        )
    except ValueError as exc:
        from editor.errors import EditorError

        raise EditorError(str(exc)) from None
    written = save_layout(plan, settings, args.out, references=refs)
    for path in written:
        print(path)
    if unmatched:
        print(f"warning: {len(unmatched)} row(s) matched no town: {', '.join(unmatched[:10])}")
    return 0
