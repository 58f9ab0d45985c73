"""Generate a large synthetic township layer for benchmarks (deterministic).

Voronoi cells of random seeds over a province-sized area in CGCS2000 degrees, edges
densified so each town has ~35 vertices, with Chinese field names like a real layer.

    python benchmarks/make_large.py --towns 40000 --out /tmp/tbe_bench/towns40k.gpkg
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely


def make_layer(n: int, seed: int = 1) -> gpd.GeoDataFrame:
    rng = np.random.default_rng(seed)
    # ~40,000 towns of ~40 km² cover about a province: 8 x 7 degrees in Yunnan
    side = np.sqrt(n / 40000.0)
    x0, y0, w, h = 97.0, 21.0, 8.0 * side, 7.0 * side
    pts = np.column_stack([rng.uniform(x0, x0 + w, n), rng.uniform(y0, y0 + h, n)])
    frame = shapely.box(x0, y0, x0 + w, y0 + h)
    cells = shapely.get_parts(
        shapely.voronoi_polygons(shapely.multipoints(pts), extend_to=frame.buffer(1))
    )
    cells = shapely.intersection(cells, frame)
    # order cells like the seeds (voronoi output order is not the input order)
    tree = shapely.STRtree(cells)
    seed_idx, cell_idx = tree.query(shapely.points(pts), predicate="within")
    order = np.empty(n, dtype=np.int64)
    order[seed_idx] = cell_idx
    cells = shapely.segmentize(cells[order], 0.005 * side if side < 1 else 0.005)
    pop = np.round(rng.lognormal(np.log(20000), 0.5, n)).astype(np.int64)
    codes = np.array([f"53{i:010d}" for i in range(n)])
    names = np.array([f"第{i}镇" for i in range(n)])
    border = pts[:, 0] < x0 + 0.05 * w
    return gpd.GeoDataFrame(
        {"乡镇代码": codes, "乡镇名称": names, "户籍人口": pop, "沿边": border.astype(np.int32)},
        geometry=cells,
        crs="EPSG:4490",
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--towns", type=int, default=40000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/tbe_bench/towns40k.gpkg")
    args = ap.parse_args()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    gdf = make_layer(args.towns, args.seed)
    if out.exists():
        out.unlink()
    gdf.to_file(out, engine="pyogrio")
    print(f"wrote {len(gdf)} towns to {out} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
