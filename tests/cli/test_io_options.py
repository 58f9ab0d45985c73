"""One spelling of the input options in every command (issue 11, item 11), the layer
types of the command line, ``--keep-split-towns`` and a ``--help`` without the core."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd

from tests.quirks import split_towns, write
from tests.support import REPO, SAMPLE, SAMPLE_PLAN, no_prj_layer, run


def test_export_output_options_are_out_encoding_and_out_crs(tmp_path):
    out = tmp_path / "u.shp"
    r = run("export", SAMPLE, "--plan", SAMPLE_PLAN, "--out", out, "--out-encoding", "gbk",
            "--out-crs", "4326")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "u.cpg").read_text().strip() == "GBK"
    assert gpd.read_file(out).crs.to_epsg() == 4326
    assert "deprecated" not in r.stderr


def test_export_encoding_and_crs_are_the_input_layers(tmp_path):
    layer = no_prj_layer(tmp_path)  # no .prj: the input CRS must come from --crs
    table = tmp_path / "plan.csv"
    table.write_text("CODE,unit\n001,A\n002,A\n003,B\n", encoding="utf-8")
    out = tmp_path / "u.gpkg"
    r = run("export", layer, "--plan", table, "--out", out, "--crs", "4490")
    assert r.returncode == 0, r.stderr
    assert gpd.read_file(out).crs.to_epsg() == 4490  # the output keeps the layer's CRS
    assert "--crs is the input layer's" in r.stderr
    r = run("stats", layer, "--plan", table, "--crs", "4490", "--json")
    assert r.returncode == 0 and "assumed" not in r.stdout.split('"units"')[0]


def test_old_spellings_still_work_with_a_deprecation_note(tmp_path):
    out = tmp_path / "u.geojson"
    r = run("export", SAMPLE, "--plan", SAMPLE_PLAN, "--out", out, "--layer-encoding", "gbk",
            "--layer-crs", "4490", "--crs", "4326")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert gpd.read_file(out).crs.to_epsg() == 4326  # old meaning: --crs was the output's
    notes = [x for x in r.stderr.splitlines() if "deprecated" in x]
    assert any("--layer-encoding" in x for x in notes)
    assert any("--layer-crs" in x for x in notes)
    assert any("--out-crs" in x for x in notes)
    r = run("table", SAMPLE, "--plan", SAMPLE_PLAN, "--out", tmp_path / "t.csv",
            "--layer-encoding", "gbk")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "deprecated" in r.stderr and "--encoding" in r.stderr
    r = run("info", SAMPLE, "--layer-crs", "4490")
    assert r.returncode == 0 and "deprecated" in r.stderr


def test_keep_split_towns(tmp_path):
    quirk = split_towns()
    path = write(quirk, tmp_path / "split.shp")
    grouped = run("info", path)
    assert f"{quirk.truth['towns']} towns" in grouped.stdout
    assert f"{quirk.truth['population']:,}" in grouped.stdout
    apart = run("info", path, "--keep-split-towns")
    assert f"{quirk.truth['features']} towns" in apart.stdout
    assert "kept apart" in apart.stdout


def test_help_lists_the_layer_types_and_imports_no_core():
    from editor.io.read.files import LAYER_SUFFIXES

    r = run("info", "--help")
    for suffix in LAYER_SUFFIXES:
        assert suffix in r.stdout.replace("/", " ")
    code = (
        "import sys; from editor.cli import build_parser; build_parser(); "
        "print([m for m in ('pandas', 'shapely', 'geopandas', 'pyproj') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
