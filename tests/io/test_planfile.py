"""Plan files: round trips, a changed source layer, malformed files, read-only folders."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyogrio
import pytest

from editor.core.commands import ApplyAssignment, RenameUnit, SetNote, SetSeat
from editor.core.plan import Benchmark, Plan
from editor.core.session import plan_from_assignment
from editor.errors import PlanError, WriteError
from editor.io import atomic
from editor.io.load import LoadOptions, open_layer
from editor.io.planfile import (
    FORMAT,
    load_plan_file,
    read_plan_header,
    save_plan_file,
    source_checksum,
)
from editor.io.plantable import read_assignment_table

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"


@pytest.fixture(scope="module")
def layer():
    return open_layer(SAMPLE)


@pytest.fixture
def plan(layer):
    plan, unmatched = plan_from_assignment(layer, read_assignment_table(SAMPLE_PLAN))
    assert not unmatched
    uid = plan.find_unit("城关镇")
    members = plan.members(uid)
    SetSeat(uid, int(members[-1])).redo(plan)
    SetNote(uid, "县政府驻地，扩容提质").redo(plan)
    other = plan.unit_ids()[-1]
    RenameUnit(other, "新名字镇").redo(plan)
    plan.set_benchmark(Benchmark("全国平均", 33000.0, 110.5))
    return plan


def _state(plan: Plan) -> dict:
    return {uid: (u.name, u.seat, u.note, frozenset(u.members)) for uid, u in plan.units.items()}


def test_round_trip_keeps_every_unit_seat_note_and_benchmark(tmp_path, layer, plan):
    path = tmp_path / "方案.tbplan"
    opts = LoadOptions(encoding="gbk", tolerance_m=2.0, fields={"name": "乡镇名称"})
    rules = {"max_population": 80000, "contiguity": True, "anything": [1, "二"]}
    save_plan_file(
        path, plan, source_path=SAMPLE, load_options=opts, rules=rules, notes="第三次会议稿"
    )
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT and doc["version"] == 1
    assert set(doc["source"]["checksum"]["files"]) >= {
        "sample_county.shp",
        "sample_county.dbf",
        "sample_county.shx",
        "sample_county.prj",
        "sample_county.cpg",
    }

    loaded = load_plan_file(path, layer)
    assert _state(loaded.plan) == _state(plan)
    assert loaded.plan.benchmark == plan.benchmark
    assert loaded.rules == rules and loaded.notes == "第三次会议稿"
    assert not loaded.source_changed and not loaded.gone and not loaded.new
    assert loaded.messages() == []
    # statistics are those of the same plan
    for uid in plan.units:
        assert loaded.plan.stats(uid) == plan.stats(uid)

    header = read_plan_header(path)
    assert header.source_path == SAMPLE
    assert header.load_options.encoding == "gbk" and header.load_options.tolerance_m == 2.0
    assert header.load_options.fields == {"name": "乡镇名称"}


def test_source_path_is_relative_and_survives_moving_both(tmp_path, plan):
    src_dir = tmp_path / "data"
    src_dir.mkdir()
    for f in SAMPLE.parent.glob("sample_county.*"):
        shutil.copy(f, src_dir / f.name)
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "p.tbplan"
    save_plan_file(path, plan, source_path=src_dir / "sample_county.shp")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["source"]["path"] == "../data/sample_county.shp"
    moved = tmp_path / "moved"
    shutil.move(tmp_path / "plans", moved / "plans")
    shutil.move(src_dir, moved / "data")
    header = read_plan_header(moved / "plans" / "p.tbplan")
    assert header.source_path == moved / "data" / "sample_county.shp"
    assert header.source_exists


def test_changed_source_says_so_and_lists_gone_and_new_towns(tmp_path, plan):
    path = tmp_path / "p.tbplan"
    save_plan_file(path, plan, source_path=SAMPLE)
    frame = pyogrio.read_dataframe(SAMPLE, encoding="gbk")
    dropped = str(frame["乡镇代码"].iloc[5])
    frame = frame.drop(index=5)
    frame.loc[frame.index[0], "乡镇代码"] = "530830999000"  # a renumbered town: gone + new
    old_first = str(pyogrio.read_dataframe(SAMPLE, encoding="gbk")["乡镇代码"].iloc[0])
    changed = tmp_path / "changed.shp"
    pyogrio.write_dataframe(frame, changed, encoding="GBK")

    layer2 = open_layer(changed)
    # the plan refers to the original; check it against the modified copy
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["source"]["path"] = "changed.shp"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    loaded = load_plan_file(path, layer2)
    assert loaded.source_changed
    assert sorted(loaded.gone) == sorted([dropped, old_first])
    assert loaded.new == ["530830999000"]
    assert loaded.unmatched == loaded.gone
    msgs = loaded.messages()
    assert any("changed" in m for m in msgs) and any(dropped in m for m in msgs)
    # the rest opens: the new town stands alone, the other towns keep their units
    new_i = layer2.index_of("530830999000")
    assert loaded.plan.units[int(loaded.plan.unit_of[new_i])].members == {new_i}
    uid = loaded.plan.find_unit("凤岗镇")
    want = {str(plan.layer.ids[t]) for t in plan.members(plan.find_unit("凤岗镇"))} - {
        dropped,
        old_first,
    }
    assert {str(layer2.ids[t]) for t in loaded.plan.members(uid)} == want


def test_checksum_covers_every_shapefile_part(tmp_path):
    for f in SAMPLE.parent.glob("sample_county.*"):
        shutil.copy(f, tmp_path / f.name)
    shp = tmp_path / "sample_county.shp"
    before = source_checksum(shp)
    (tmp_path / "sample_county.cpg").write_text("UTF-8")
    assert source_checksum(shp)["digest"] != before["digest"]


@pytest.mark.parametrize(
    "text, problem",
    [
        ('{"format": "township-boundary-editor-plan", "version": 1,\n "units": [1, ]}', "line 2"),
        ("[1, 2]", "not an object"),
        ('{"format": "something-else", "version": 1, "units": []}', "not a plan file"),
        ('{"format": "township-boundary-editor-plan", "version": 7, "units": []}', "newer"),
        ('{"format": "township-boundary-editor-plan", "version": "1", "units": []}', "version"),
        ('{"format": "township-boundary-editor-plan", "version": 1, "units": {}}', "units"),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [{"id": 1, "name": "a", "towns": "530830001000"}]}',
            "towns",
        ),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [{"id": "x", "name": "a", "towns": []}]}',
            "id",
        ),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [], "benchmark": {"mean_population": "many"}}',
            "benchmark",
        ),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [{"id": 1, "name": "a", "towns": ["530830001000"]}, {"id": 2, "name": "b", "towns": ["530830001000"]}]}',
            "two units",
        ),
        ("\x00\x01 pickle? no", "JSON"),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [], "layers": {"facilities": [{}]}}',
            "layers.facilities",
        ),
        (
            '{"format": "township-boundary-editor-plan", "version": 1, "units": [], "layers": {"references": ["x"]}}',
            "layers.references",
        ),
    ],
)
def test_malformed_plan_file_gives_one_line_error(tmp_path, layer, text, problem):
    path = tmp_path / "bad.tbplan"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as err:
        load_plan_file(path, layer)
    msg = str(err.value)
    assert "\n" not in msg and str(path) in msg and problem in msg


def test_missing_plan_file(tmp_path, layer):
    with pytest.raises(PlanError, match="not found"):
        load_plan_file(tmp_path / "nope.tbplan", layer)


def test_save_is_atomic_and_failure_keeps_old_file(tmp_path, plan, monkeypatch):
    path = tmp_path / "p.tbplan"
    save_plan_file(path, plan, source_path=SAMPLE)
    old = path.read_bytes()
    ApplyAssignment({"大镇": [0, 1, 2]}).redo(plan)

    real_replace = os.replace

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(WriteError, match="disk is full"):
        save_plan_file(path, plan, source_path=SAMPLE)
    monkeypatch.setattr(atomic.os, "replace", real_replace)
    assert path.read_bytes() == old
    assert [p.name for p in tmp_path.iterdir()] == ["p.tbplan"]  # no temp file left


def test_read_only_folder_gives_write_error(tmp_path, plan):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: chmod does not stop writing")
        with pytest.raises(WriteError, match="read-only"):
            save_plan_file(folder / "p.tbplan", plan, source_path=SAMPLE)
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_read_only_error_is_simulated_for_root(tmp_path, plan, monkeypatch):
    def denied(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(WriteError) as err:
        save_plan_file(tmp_path / "p.tbplan", plan, source_path=SAMPLE)
    assert "read-only" in str(err.value) and "p.tbplan" in str(err.value)
