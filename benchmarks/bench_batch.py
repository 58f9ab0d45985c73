"""The batch path, whole process to whole process: ``python -m editor export`` vs QGIS.

The 40,000-town province (``benchmarks/make_large.py``) with its greedy plan (each town
not yet placed takes up to two unplaced neighbours, ~13,600 units, as in
``bench_export.py``) written as an assignment table. Then, alternately, ``--rounds``
times each:

* ``python -m editor export LAYER --plan plan.csv --out units.gpkg`` (read, areas,
  plan, dissolve, figures, style, atomic write);
* ``qgis_process run native:dissolve`` on the same towns with the plan's unit as a
  field (QGIS reads, dissolves and writes a GeoPackage; it computes no figures);
* ``python -m editor --help`` (the start-up cost of the command line alone).

Wall-clock time of each whole process; medians and the ratio are printed.

    python benchmarks/make_large.py --out /tmp/tbe_bench/towns40k.gpkg
    python benchmarks/bench_batch.py --layer /tmp/tbe_bench/towns40k.gpkg --rounds 3
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def prepare(layer_path: Path, folder: Path) -> tuple[Path, Path, int]:
    """The plan table and the towns keyed by unit for QGIS: (plan.csv, keyed.gpkg, units)."""
    import geopandas as gpd

    from benchmarks.bench_export import greedy_groups
    from editor.io.load import open_layer

    layer = open_layer(layer_path)
    groups = greedy_groups(layer)
    plan_csv = folder / "plan.csv"
    unit = [""] * layer.n
    with open(plan_csv, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["乡镇代码", "合并后乡镇"])
        for name, members in groups.items():
            for t in members:
                w.writerow([layer.ids[t], name])
                unit[t] = name
    keyed = folder / "towns_keyed.gpkg"
    frame = gpd.read_file(layer_path, engine="pyogrio")
    frame["unit"] = unit
    frame.to_file(keyed, engine="pyogrio")
    return plan_csv, keyed, len(groups)


def wall(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd
    )
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layer", default="/tmp/tbe_bench/towns40k.gpkg")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--folder", default=None, help="work folder (default: a temp dir)")
    ap.add_argument(
        "--repo", default=str(REPO), help="checkout whose editor runs (compare two versions)"
    )
    args = ap.parse_args()
    layer_path = Path(args.layer)
    if not layer_path.exists():
        sys.exit(f"{layer_path} not found: run benchmarks/make_large.py --out {layer_path}")
    folder = Path(args.folder or tempfile.mkdtemp(prefix="tbe_bench_batch_"))
    folder.mkdir(parents=True, exist_ok=True)
    plan_csv, keyed, units = prepare(layer_path, folder)
    print(f"{layer_path.name}: plan of {units} units in {plan_csv}")

    py = sys.executable
    editor_cmd = [py, "-m", "editor", "export", str(layer_path), "--plan", str(plan_csv)]
    help_cmd = [py, "-m", "editor", "--help"]
    # Debian's qgis_process wrapper passes --noversioncheck, which QGIS 3.22 refuses
    qgis = shutil.which("qgis_process.bin") or shutil.which("qgis_process")
    repo = Path(args.repo)
    qenv = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times: dict[str, list[float]] = {"editor export": [], "editor --help": [], "qgis": []}
    for k in range(args.rounds):
        out = folder / f"units{k}.gpkg"
        times["editor export"].append(wall([*editor_cmd, "--out", str(out)], cwd=repo))
        times["editor --help"].append(wall(help_cmd, cwd=repo))
        if qgis:
            dst = folder / f"qgis_units{k}.gpkg"
            cmd = [qgis, "run", "native:dissolve", "--"]
            cmd += [f"INPUT={keyed}", "FIELD=unit", f"OUTPUT={dst}"]
            times["qgis"].append(wall(cmd, qenv))
        row = ", ".join(f"{name} {v[-1]:.2f} s" for name, v in times.items() if v)
        print(f"round {k + 1}: {row}", flush=True)
    for name, v in times.items():
        if v:
            print(
                f"{name:<16} median {statistics.median(v):6.2f} s  (all: {[round(x, 2) for x in v]})"
            )
    if qgis:
        ratio = statistics.median(times["qgis"]) / statistics.median(times["editor export"])
        print(f"native:dissolve / editor export = {ratio:.2f}x (>1: the editor is faster)")
    else:
        print("qgis_process: not installed; native:dissolve not measured")


if __name__ == "__main__":
    main()
