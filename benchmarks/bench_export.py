"""Time the export of merged units on a province-sized layer, beside other dissolves.

The 40,000-town layer (``benchmarks/make_large.py``) is merged into about 13,000 units
(greedy: each town not yet placed takes up to two unplaced neighbours), then:

* ``editor.io.export.export_units`` to a GeoPackage (dissolve + attributes + style +
  atomic write), with its dissolve step timed alone;
* geopandas ``dissolve(by=...)`` (``union_all`` per group, the usual way) on the same
  towns and keys, alone and followed by writing a GeoPackage;
* QGIS ``native:dissolve`` through ``qgis_process`` when it is installed.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    python benchmarks/bench_export.py --layer /tmp/tbe_bench/towns40k.gpkg
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from editor.core.commands import ApplyAssignment  # noqa: E402
from editor.core.plan import Plan  # noqa: E402
from editor.io.export import dissolve_units, export_units  # noqa: E402
from editor.io.load import open_layer  # noqa: E402


def greedy_groups(layer, size: int = 3) -> dict[str, list[int]]:
    """Each unplaced town with up to ``size - 1`` unplaced neighbours becomes a unit."""
    placed = np.zeros(layer.n, dtype=bool)
    groups: dict[str, list[int]] = {}
    for t in range(layer.n):
        if placed[t]:
            continue
        members = [t]
        placed[t] = True
        for nb in layer.neighbors(t).tolist():
            if len(members) == size:
                break
            if not placed[nb]:
                members.append(nb)
                placed[nb] = True
        groups[f"单元{len(groups) + 1}"] = members
    # a town left alone joins its smallest neighbouring unit (as planners would)
    unit_of = np.empty(layer.n, dtype=np.int64)
    names = list(groups)
    for k, name in enumerate(names):
        unit_of[groups[name]] = k
    for k, name in enumerate(names):
        if len(groups[name]) != 1:
            continue
        t = groups[name][0]
        nbs = [int(unit_of[nb]) for nb in layer.neighbors(t).tolist() if unit_of[nb] != k]
        if not nbs:
            continue
        target = min(nbs, key=lambda u: len(groups[names[u]]))
        groups[names[target]].append(t)
        unit_of[t] = target
        groups[name] = []
    return {name: m for name, m in groups.items() if m}


def timed(label: str, fn, repeat: int = 1):
    best = float("inf")
    out = None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    print(f"{label:<58}{best:8.2f} s")
    return out, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--out", default=None, help="folder for the outputs (default: a temp dir)")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    layer_path = Path(args.layer)
    if not layer_path.exists():
        sys.exit(f"{layer_path} not found: run benchmarks/make_large.py --out {layer_path}")
    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="tbe_bench_export_"))
    out_dir.mkdir(parents=True, exist_ok=True)

    layer, _ = timed("open layer", lambda: open_layer(layer_path))
    groups, _ = timed(
        "greedy grouping (3 per unit, lone towns join a neighbour)", lambda: greedy_groups(layer)
    )
    plan = Plan(layer)
    timed("apply assignment (one command)", lambda: ApplyAssignment(groups).redo(plan))
    sizes = np.bincount([len(v) for v in groups.values()])
    print(f"{layer.n} towns -> {len(plan)} units (sizes: {dict(enumerate(sizes.tolist()))})")

    (_, geoms, info), t_diss = timed(
        "editor dissolve_units (coverage union)", lambda: dissolve_units(plan), args.repeat
    )
    print(
        f"  fallback units {info['fallback']}, slivers filled {info['slivers']}, repaired {info['repaired']}"
    )
    out = out_dir / "units.gpkg"
    _, t_export = timed(
        "editor export_units -> GeoPackage (all included)",
        lambda: export_units(plan, out),
        args.repeat,
    )

    import geopandas as gpd

    key = plan.unit_of.copy()
    frame = gpd.GeoDataFrame({"unit": key}, geometry=list(layer.geometry), crs=layer.crs)
    dissolved, t_gpd = timed(
        "geopandas dissolve(by=unit) [union_all per group]",
        lambda: frame.dissolve(by="unit"),
        args.repeat,
    )
    gpd_out = out_dir / "gpd_units.gpkg"
    _, t_gpd_write = timed(
        "geopandas dissolve + to_file GeoPackage",
        lambda: frame.dissolve(by="unit").to_file(gpd_out, engine="pyogrio"),
        args.repeat,
    )
    try:
        timed(
            "geopandas dissolve(by=unit, method='coverage')",
            lambda: frame.dissolve(by="unit", method="coverage"),
            args.repeat,
        )
    except Exception as exc:  # GEOS refuses groups that are not a clean coverage
        print(f"geopandas dissolve(method='coverage') failed: {str(exc).splitlines()[0]}")
    # same result: areas per unit agree
    ours = gpd.GeoSeries(geoms, crs=layer.crs).to_crs(layer.metric_crs).area.to_numpy()
    uids = plan.unit_ids()
    theirs = dissolved.geometry.to_crs(layer.metric_crs).area.reindex(uids).to_numpy()
    print(
        f"max relative area difference vs geopandas: {np.max(np.abs(ours - theirs) / theirs):.2e}"
    )

    qgis = shutil.which("qgis_process")
    if qgis:
        src = out_dir / "towns_keyed.gpkg"
        frame.to_file(src, engine="pyogrio")
        dst = out_dir / "qgis_units.gpkg"
        cmd = [qgis, "run", "native:dissolve", "--", f"INPUT={src}", "FIELD=unit", f"OUTPUT={dst}"]
        _, t_qgis = timed("qgis_process native:dissolve", lambda: subprocess.run(cmd, check=True))
        print(f"speed-up vs native:dissolve: {t_qgis / t_export:.1f}x (export, all included)")
    else:
        print("qgis_process: not installed here; native:dissolve not measured")
    print(
        f"speed-up vs geopandas dissolve: {t_gpd / t_diss:.1f}x (dissolve only), "
        f"{t_gpd_write / t_export:.1f}x (dissolve + write)"
    )


if __name__ == "__main__":
    main()
