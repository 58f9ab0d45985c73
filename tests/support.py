"""Shared test data and helpers (not a test module): paths, small layers, a CLI runner.

Imported by conftest.py and by tests (`from tests.support import ...`); Qt-free, so the
core and io tests run on a machine without PySide6.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import pytest
import shapely

from editor.core.project import Project, ReferenceLayer
from editor.core.reference import geometry_kind, to_metric
from editor.io.facilities import load_facilities
from editor.io.load import LoadOptions
from editor.io.reference import read_reference

REPO = Path(__file__).resolve().parents[1]  # tests/ -> the checkout
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"
REAL = REPO.parent / "shared" / "data" / "real"


def grid_layer(nx: int = 3, ny: int = 3, size: float = 0.1, **kwargs):
    """A grid of ``nx`` x ``ny`` square towns of ``size`` degrees at lon 100, lat 24."""
    from editor.core.towns import TownLayer

    geoms = [
        shapely.box(100 + size * i, 24 + size * j, 100 + size * (i + 1), 24 + size * (j + 1))
        for j in range(ny)
        for i in range(nx)
    ]
    n = nx * ny
    args = dict(
        ids=[f"T{k}" for k in range(n)],
        names=[f"镇{k}" for k in range(n)],
        population=np.arange(n, dtype=float) * 1000 + 1000,
        geometry=geoms,
        crs=pyproj.CRS(4490),
    )
    args.update(kwargs)
    return TownLayer(**args)


def real_path(*parts: str) -> Path:
    p = REAL.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"real layer {p} not available")
    return p


SAMPLES = REPO / "sample_shapes"
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(*args: str) -> subprocess.CompletedProcess:
    """``python -m editor ARGS`` from the checkout, text output captured."""
    return subprocess.run(
        [sys.executable, "-m", "editor", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def box(i: int) -> shapely.Polygon:
    return shapely.box(100 + 0.05 * i, 24, 100 + 0.05 * (i + 1), 24.05)


def no_prj_layer(tmp_path):
    """A shapefile without .prj, a blank population and a town of two features."""
    path = tmp_path / "towns.shp"
    gpd.GeoDataFrame(
        {
            "CODE": ["001", "001", "002", "003"],
            "NAME": ["Jia", "Jia", "Yi", "Bing"],
            "POP": ["1000", "1000", "", "300"],
        },
        geometry=[box(0), box(5), box(1), box(2)],
        crs="EPSG:4490",
    ).to_file(path, engine="pyogrio")
    path.with_suffix(".prj").unlink()
    return path


def copy_layer(stem: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for f in SAMPLES.glob(f"{stem}.*"):
        shutil.copy(f, folder / f.name)
    return folder / f"{stem}.shp"


def make_project(work) -> Project:
    layer = work["layer"]
    project = Project(
        layer,
        source_path=work["towns"],
        load_options=LoadOptions(border_layer=work["border"]).to_dict(),
    )
    project.add_facilities(load_facilities(work["facilities"], layer, "类型", "名称"))
    frame, crs = read_reference(work["roads"])
    geoms = to_metric(frame.geometry.array, crs, layer)
    project.add_reference(
        ReferenceLayer(work["roads"], geoms, geometry_kind(geoms), "道路", above=False)
    )
    return project
