"""``info LAYER``: what the editor makes of a layer."""

from __future__ import annotations

import argparse
import json
import math
from typing import TYPE_CHECKING

from editor.cli.common import add_layer_options, load_layer

if TYPE_CHECKING:
    from editor.core.towns import TownLayer


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("info", help="describe a township layer: fields, CRS, areas, neighbours")
    add_layer_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _num(x: float) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def layer_info(layer: TownLayer) -> dict:
    r = layer.report
    m = layer.mapping
    towns = []
    for i in range(layer.n):
        towns.append(
            {
                "id": str(layer.ids[i]),
                "name": str(layer.names[i]),
                "population": _num(layer.population[i]),
                "area_km2": round(float(layer.area_km2[i]), 6),
                "border": bool(layer.border[i]),
                "neighbors": [str(layer.ids[j]) for j in layer.neighbors(i)],
            }
        )
    return {
        "count": layer.n,
        "crs": layer.crs.to_string() if layer.crs.to_epsg() else layer.crs.name,
        "crs_assumed": bool(r.crs_assumed),
        "encoding": r.encoding,
        "fields": {"id": m.id, "name": m.name, "population": m.population, "border": m.border},
        "total_population": layer.total_population,
        "missing_population": layer.missing_population,
        "total_area_km2": round(layer.total_area_km2, 6),
        "overlaps": {
            "pairs": len(layer.overlaps),
            "area_km2": round(layer.overlaps.total_km2, 6),
            "largest": layer.overlap_pairs(5),
        },
        "repaired": r.repaired,
        "warnings": list(r.warnings),
        "towns": towns,
    }


def run(args: argparse.Namespace) -> int:
    layer = load_layer(args)
    info = layer_info(layer)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=1))
        return 0
    r = layer.report
    print(f"{r.path}: {info['count']} towns ({r.feature_count} features), driver {r.driver}")
    print(f"CRS: {info['crs']}{' (assumed)' if info['crs_assumed'] else ''}")
    print(f"encoding: {r.encoding} ({r.encoding_source})")
    print("fields: " + ", ".join(f"{k}={v}" for k, v in layer.mapping.to_dict().items() if v))
    if info["missing_population"] >= info["count"]:  # no figure at all: missing, not 0
        print(f"population: — (no figure for any of the {info['count']} town(s))")
    else:
        print(
            f"population: {info['total_population']:,.0f} total, "
            f"{info['missing_population']} town(s) missing"
        )
    print(f"area: {info['total_area_km2']:,.2f} km2 ({r.area_source})")
    overlaps = info["overlaps"]
    if overlaps["pairs"]:
        worst = "; ".join(
            f"{p['names'][0]} / {p['names'][1]} {p['area_km2']:,.2f} km2"
            for p in overlaps["largest"]
        )
        print(
            f"overlaps: {overlaps['pairs']} pair(s) of towns, {overlaps['area_km2']:,.2f} km2 "
            f"in all (counted once in the area above); largest: {worst}"
        )
    else:
        print("overlaps: none")
    print(
        f"adjacent pairs: {len(layer.adjacency.pairs())}; border towns: {int(layer.border.sum())}"
    )
    for note in r.notes:
        print(f"note: {note}")
    for w in r.warnings:
        print(f"warning: {w}")
    return 0
