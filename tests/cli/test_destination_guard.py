"""No writer writes over what the session reads (issue 10, items 1 and 2).

Table-driven: each case runs a real CLI writer with a hostile ``--out`` and checks the
contract: exit 2, exactly one stderr line, starting with ``error:``, no traceback,
and not one byte changed in the folder (sources and destination, by sha256).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from editor.cli import main
from editor.core.project import Project, ReferenceLayer
from editor.errors import WriteError
from editor.io.guard import SHAPEFILE_WRITES, check_destination, protected_paths
from tests.support import REPO, SAMPLE, SAMPLE_PLAN, grid_layer


def _snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every entry under ``folder`` (links by their own target, not followed)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


@pytest.fixture
def work(tmp_path):
    """A folder with copies of the sample layer, border, plan table and a plan file."""
    for src in (*SAMPLE.parent.glob("sample_county.*"), *SAMPLE.parent.glob("border_line.*")):
        shutil.copy(src, tmp_path / src.name)
    shutil.copy(SAMPLE_PLAN, tmp_path / "plan.csv")
    (tmp_path / "facilities.gpkg").write_bytes(b"not read: the guard refuses first")
    (tmp_path / "rules.toml").write_text("# rules\n", encoding="utf-8")
    (tmp_path / "plan.tbplan").write_text("{}", encoding="utf-8")  # refused before it is read
    (tmp_path / "folder.shp").mkdir()
    try:  # Windows needs a privilege for symbolic links
        os.symlink(tmp_path / "sample_county.shp", tmp_path / "link.shp")
        os.symlink(tmp_path / "sample_county.dbf", tmp_path / "link.tbplan")
        os.link(tmp_path / "sample_county.shp", tmp_path / "hard.shp")
    except OSError:
        pass
    return tmp_path


LAYER = "sample_county.shp"
TABLE = ("--plan", "plan.csv")
# (command, --out, extra arguments, words the one error line must hold)
CASES = [
    # 1. the source layer itself, in any case, and its sidecars through another extension
    ("export", "sample_county.shp", TABLE, "open in this session"),
    ("export", "sample_county.SHP", TABLE, "open in this session"),
    ("export", "SAMPLE_COUNTY.shp", TABLE, "open in this session"),
    ("export", "sample_county.gpkg", TABLE, "sample_county.qml"),
    ("export", "sample_county.geojson", TABLE, "sample_county.qml"),
    ("export", "link.shp", TABLE, "open in this session"),  # a symlink to the layer
    ("export", "hard.shp", TABLE, "open in this session"),  # a hard link to the layer
    ("export", "border_line.shp", (*TABLE, "--border-layer", "border_line.shp"), "border_line"),
    ("export", "facilities.gpkg", (*TABLE, "--facilities", "facilities.gpkg"), "facilities"),
    ("export", "folder.shp", TABLE, "it is a folder"),
    # 2. the extension each writer writes
    ("export", "units.json", TABLE, "use .shp, .gpkg or .geojson"),
    ("export", "units.dbf", TABLE, "use .shp, .gpkg or .geojson"),
    ("export", "units", TABLE, "without an extension"),
    ("plan", "sample_county.dbf", TABLE, "use .tbplan"),
    ("plan", "new.json", TABLE, "use .tbplan"),
    ("plan", "plan.tbplan", ("--plan", "plan.tbplan"), "open in this session"),
    ("plan", "PLAN.TBPLAN", ("--plan", "plan.tbplan"), "open in this session"),
    ("plan", "link.tbplan", TABLE, "sample_county.dbf"),  # a link into the layer
    ("table", "plan.csv", TABLE, "open in this session"),
    ("table", "Plan.CSV", TABLE, "open in this session"),
    ("table", "t.tbplan", TABLE, "use .csv or .xlsx"),
    ("table", "sample_county.dbf", TABLE, "use .csv or .xlsx"),
    ("table", "rules.toml", (*TABLE, "--rules", "rules.toml"), "use .csv or .xlsx"),
    ("layout", "sample_county.prj", TABLE, "use .pdf, .svg or .png"),
    ("layout", "l.tbplan", TABLE, "use .pdf, .svg or .png"),
]


@pytest.mark.parametrize(
    ("command", "out", "extra", "words"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES]
)
def test_writer_refuses_hostile_destination(work, capsys, monkeypatch, command, out, extra, words):
    monkeypatch.chdir(work)
    if out.startswith(("link.", "hard.")) and not os.path.lexists(work / out):
        pytest.skip("links cannot be made here")
    before = _snapshot(work)
    code = main([command, LAYER, *extra, "--out", out])
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert code == 2
    assert len(lines) == 1 and lines[0].startswith("error:"), captured.err
    assert "Traceback" not in captured.err and "unexpected" not in captured.err
    assert words in lines[0] and out in lines[0]
    assert captured.out == ""
    assert _snapshot(work) == before  # nothing written: not the source, not the destination


def test_the_reported_command_is_refused_in_a_real_process(work):
    """The command of the report: ``export X.shp --out X.shp`` (exit 0 before the fix)."""
    before = _snapshot(work)
    for out in ("sample_county.shp", "sample_county.SHP"):
        r = subprocess.run(
            [sys.executable, "-m", "editor", "export", str(work / LAYER)]
            + ["--plan", str(SAMPLE_PLAN), "--out", str(work / out)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert r.returncode == 2
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("error:"), r.stderr
        assert "Traceback" not in r.stderr
    assert _snapshot(work) == before


def test_a_writer_may_write_beside_the_layer(work, capsys, monkeypatch):
    """Refusals are precise: other names in the same folder are written as before."""
    monkeypatch.chdir(work)
    assert main(["export", LAYER, *TABLE, "--out", "units.shp"]) == 0
    assert main(["table", LAYER, *TABLE, "--out", "sample_county.xlsx"]) == 0
    assert main(["plan", LAYER, *TABLE, "--out", "sample_county.tbplan"]) == 0
    assert main(["plan", LAYER, "--plan", "sample_county.tbplan", "--out", "again.tbplan"]) == 0
    capsys.readouterr()
    assert (work / "units.dbf").exists() and (work / "sample_county.xlsx").exists()


def test_guard_on_its_own(tmp_path):
    layer = tmp_path / "x.shp"
    layer.write_bytes(b"")
    # a layer protects its sidecars, including ones that do not exist yet
    for out in ("x.gpkg", "X.geojson", "X.SHP"):  # they write x.qml / x.shx ...
        with pytest.raises(WriteError, match="open in this session"):
            check_destination(tmp_path / out, "export", [layer])
    for sidecar in ("x.shx", "X.DBF", "x.shp.xml", "x.cpg", "x.qix"):
        with pytest.raises(WriteError, match="y.dbf"):
            check_destination(tmp_path / "y.shp", "export", [tmp_path / "y.dbf"])
        with pytest.raises(WriteError):
            check_destination(tmp_path / "x.shp", "export", [tmp_path / sidecar])
    check_destination(tmp_path / "x.pdf", "layout", [layer])  # not a sidecar
    check_destination(tmp_path / "x.csv", "table", [layer])
    check_destination(tmp_path / "y.shp", "export", [layer, None, ""])
    # the numbered pages of a layout
    plan_page = tmp_path / "p-02.png"
    with pytest.raises(WriteError, match="p-02.png"):
        check_destination(tmp_path / "p.png", "layout", [plan_page])
    # a plan file protects its journal, not its stem's other files
    plan = tmp_path / "p.tbplan"
    check_destination(tmp_path / "p.shp", "export", [plan])
    with pytest.raises(WriteError, match="open in this session"):
        check_destination(tmp_path / "P.tbplan", "plan", [plan])


def test_guard_knows_every_file_an_export_writes():
    from editor.io.export import SHAPEFILE_SIDECARS

    assert set(SHAPEFILE_SIDECARS) <= set(SHAPEFILE_WRITES)


def test_protected_paths_of_a_project(tmp_path):
    layer = grid_layer()
    project = Project(
        layer,
        source_path=tmp_path / "towns.shp",
        load_options={"border_layer": str(tmp_path / "border.shp")},
    )
    project.facilities = [
        SimpleNamespace(source={"path": str(tmp_path / "schools.gpkg")}),
        SimpleNamespace(source=None),
    ]
    project.references = [ReferenceLayer(path=tmp_path / "roads.shp", geometry=np.array([]))]
    project.plan_path = tmp_path / "plan.tbplan"
    got = protected_paths(project)
    assert got == [
        tmp_path / "towns.shp",
        tmp_path / "border.shp",
        tmp_path / "schools.gpkg",
        tmp_path / "roads.shp",
        tmp_path / "plan.tbplan",
    ]
    assert tmp_path / "plan.tbplan" not in protected_paths(project, include_plan=False)
    for out, kind in (
        ("towns.geojson", "export"),
        ("TOWNS.gpkg", "export"),
        ("border.shp", "export"),
        ("schools.gpkg", "export"),
        ("roads.shp", "export"),
        ("plan.tbplan", "plan"),
    ):
        with pytest.raises(WriteError):
            check_destination(tmp_path / out, kind, got)
