"""Open survey-grade (dense) township layers, beside geopandas/pyogrio and libpysal, in one run.

    python benchmarks/bench_dense.py                       # 4,032 x 5,000 and 2,000 x 20,000
    python benchmarks/bench_dense.py --cases 20M 2000x20k 200M

Each case is a regular grid of square towns in CGCS2000 / 3-degree Gauss-Kruger
(EPSG:4545), every edge densified so each town has the given number of vertices
(``tests/dense_grid.py``), written once as a shapefile under ``--dir`` (default
/tmp/tbe_dense, never the repository) and reused. Every step runs in its own process,
timed whole (interpreter start and imports included: wall clock, and CPU time, which a
busy machine disturbs less) with its peak resident memory, both from ``/usr/bin/time -v``:

- ``pyogrio read``: ``geopandas.read_file(engine="pyogrio")``;
- ``read + areas + Rook``: the same read, ``to_crs`` an equal-area CRS and ``.area``,
  then ``libpysal.weights.Rook.from_dataframe`` (exact shared edges only, no tolerance);
- ``editor info``: ``python -m editor info`` (read, field mapping, repair check,
  ellipsoidal areas, tolerant edge adjacency), checked against the grid's rook pairs.

libpysal is in the ``bench`` extra (``pip install -e .[bench]``); skipped if missing.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# name: (rows, cols, segments per edge); towns x vertices per town
CASES = {
    "20M": (63, 64, 1250),  # 4,032 towns x 5,000 vertices
    "2000x20k": (40, 50, 5000),  # 2,000 towns x 20,000 vertices
    "200M": (200, 200, 1250),  # 40,000 towns x 5,000 vertices
}

READ = """
import sys, time, warnings
warnings.filterwarnings("ignore")
t = time.perf_counter()
import geopandas as gpd
df = gpd.read_file(sys.argv[1], engine="pyogrio")
print(len(df), time.perf_counter() - t)
"""

ROOK = """
import sys, time, warnings
warnings.filterwarnings("ignore")
t = time.perf_counter()
import geopandas as gpd
from libpysal.weights import Rook
df = gpd.read_file(sys.argv[1], engine="pyogrio")
import pyproj
x0, y0, x1, y1 = df.total_bounds
lon, lat = pyproj.Transformer.from_crs(df.crs, df.crs.geodetic_crs, always_xy=True).transform(
    (x0 + x1) / 2, (y0 + y1) / 2
)
area = df.geometry.to_crs(
    f"+proj=laea +lat_0={lat} +lon_0={lon} +ellps=GRS80 +units=m +type=crs"
).area
w = Rook.from_dataframe(df, use_index=False, silence_warnings=True)
print(w.s0 / 2, time.perf_counter() - t)
"""


def make_case(name: str, folder: Path) -> Path:
    """Write the case's grid shapefile (once) and return its path."""
    rows, cols, k = CASES[name]
    path = folder / f"grid_{rows}x{cols}_{4 * k}.shp"
    if path.exists():
        return path
    sys.path.insert(0, str(REPO))
    import numpy as np
    import pyogrio
    import shapely

    from tests.dense_grid import GK_EPSG, grid_coords

    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"tmp_{path.name}"
    t = time.perf_counter()
    chunk = max(1, 2_000_000 // (4 * k * cols))  # rows per chunk: ~2 M vertices
    for r in range(0, rows, chunk):
        rs = slice(r, min(rows, r + chunk))
        coords = grid_coords(rows, cols, k, size=2000.0, x0=480000.0, y0=3300000.0, row_slice=rs)
        ids = np.arange(rs.start * cols, rs.stop * cols)
        import geopandas as gpd

        frame = gpd.GeoDataFrame(
            {
                "XZQDM": [f"5001{i:08d}" for i in ids],
                "XZQMC": [f"第{i}镇" for i in ids],
                "POP": (10000 + ids % 7919).astype(np.int64),
            },
            geometry=shapely.polygons(coords),
            crs=f"EPSG:{GK_EPSG}",
        )
        pyogrio.write_dataframe(frame, tmp, encoding="UTF-8", append=r > 0)
    for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
        src = tmp.with_suffix(ext)
        if src.exists():
            os.replace(src, path.with_suffix(ext))
    print(f"wrote {path} ({path.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s")
    return path


def run(argv: list[str], timeout: float, cwd: Path = REPO) -> tuple[float, float, float, str, int]:
    """Wall time and CPU time (s), peak RSS (GB), stdout and exit status of one process."""
    t = time.perf_counter()
    # a session of its own, so a timeout ends /usr/bin/time and the step it times
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=os.name == "posix",
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.communicate()
        return float("inf"), float("nan"), float("nan"), "timeout", -1
    wall = time.perf_counter() - t
    # peak memory of each step from /usr/bin/time -v (RUSAGE_CHILDREN would give only
    # the maximum over all the children so far)
    rss = float("nan")
    cpu = 0.0
    for line in err.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1]) / 1e6  # kB -> GB
        elif "User time (seconds)" in line or "System time (seconds)" in line:
            cpu += float(line.split(":")[1])
    if proc.returncode != 0:
        sys.stderr.write(err[-2000:])
    return wall, cpu or float("nan"), rss, out.strip(), proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="+", default=["20M", "2000x20k"], choices=list(CASES))
    ap.add_argument("--dir", default="/tmp/tbe_dense")
    ap.add_argument("--skip", nargs="*", default=[], choices=["read", "rook", "editor"])
    ap.add_argument("--timeout", type=float, default=900.0)
    ap.add_argument(
        "--repo", default=str(REPO), help="checkout whose editor runs (e.g. main, for 'before')"
    )
    args = ap.parse_args()
    timer = ["/usr/bin/time", "-v"] if Path("/usr/bin/time").exists() else []
    py = [sys.executable]
    try:
        import libpysal  # noqa: F401

        have_pysal = True
    except ImportError:
        have_pysal = False
    sys.path.insert(0, str(REPO))
    from tests.dense_grid import rook_pairs

    rows_out = []
    for name in args.cases:
        rows, cols, k = CASES[name]
        path = make_case(name, Path(args.dir))
        truth = len(rook_pairs(rows, cols))
        label = f"{rows * cols:,} towns x {4 * k:,} vertices"
        steps = []
        if "read" not in args.skip:
            steps.append(("geopandas/pyogrio read", timer + py + ["-c", READ, str(path)]))
        if "rook" not in args.skip and have_pysal:
            steps.append(
                ("read + equal-area areas + libpysal Rook", timer + py + ["-c", ROOK, str(path)])
            )
        if "editor" not in args.skip:
            steps.append(
                (
                    "editor info (read, areas, tolerant adjacency)",
                    timer + py + ["-m", "editor", "info", str(path)],
                )
            )
        for step, argv in steps:
            wall, cpu, rss, out, rc = run(argv, args.timeout, Path(args.repo))
            note = ""
            if rc == 0 and step.startswith("editor"):
                line = next(x for x in out.splitlines() if x.startswith("adjacent pairs:"))
                pairs = int(line.split(":")[1].split(";")[0])
                note = f"{pairs} pairs (truth {truth})"
            elif rc == 0 and "Rook" in step:
                note = f"{float(out.split()[0]):.0f} pairs (truth {truth})"
            elif rc != 0:
                note = f"failed ({out or rc})"
            rows_out.append((label, step, wall, cpu, rss, note))
            print(
                f"{label} | {step} | {wall:.1f} s | {cpu:.1f} s | {rss:.2f} GB | {note}", flush=True
            )
    print()
    print("| layer | step | wall (whole process) | CPU (user+sys) | peak memory | adjacency |")
    print("|---|---|---|---|---|---|")
    for label, step, wall, cpu, rss, note in rows_out:
        print(f"| {label} | {step} | {wall:.1f} s | {cpu:.1f} s | {rss:.2f} GB | {note} |")


if __name__ == "__main__":
    main()
