"""A plan remembers its layers: facility layers, reference layers and the border line
are saved in the ``.tbplan`` (paths relative to the plan) and reopened with it; a missing
one is reported by name and the plan still opens."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import shapely

from editor.core.project import Project
from editor.errors import PlanError
from editor.io.load import open_layer
from editor.io.planfile import (
    load_plan_file,
    open_plan_layers,
    read_plan_header,
    save_project,
)
from tests.support import make_project

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_shapes"


def reopen(plan_path: Path) -> tuple[Project, list]:
    header = read_plan_header(plan_path)
    layer = open_layer(header.source_path, header.load_options)
    loaded = load_plan_file(plan_path, layer)
    project = Project(layer, loaded.plan, source_path=header.source_path)
    return project, open_plan_layers(project, header), loaded


def test_layers_are_saved_relative_and_reopened(work):
    project = make_project(work)
    plan_path = work["towns"].parent.parent / "plans" / "方案.tbplan"
    plan_path.parent.mkdir()
    save_project(project, plan_path)
    doc = json.loads(plan_path.read_text(encoding="utf-8"))
    assert doc["version"] == 1
    layers = doc["layers"]
    assert layers["facilities"] == [
        {
            "path": "../data/设施.gpkg",
            "absolute": str(work["facilities"]),
            "category_field": "类型",
            "name_field": "名称",
        }
    ]
    assert layers["references"][0]["path"] == "../data/道路.geojson"
    assert layers["references"][0]["above"] is False and layers["references"][0]["name"] == "道路"
    assert layers["border"]["path"] == "../data/border_line.shp"

    again, problems, loaded = reopen(plan_path)
    assert problems == [] and loaded.messages() == []
    (fac,) = again.facilities
    assert fac.source["category_field"] == "类型" and fac.source["name_field"] == "名称"
    assert fac.all_unit_counts(again.plan) == project.facilities[0].all_unit_counts(project.plan)
    (ref,) = again.references
    assert ref.name == "道路" and ref.above is False and ref.kind == "line"
    assert shapely.equals_exact(ref.geometry, project.references[0].geometry, 1e-6).all()
    # the border line reopened with the layer: the same border towns
    assert again.layer.border.tolist() == work["layer"].border.tolist()
    assert work["layer"].border.any()


def test_moved_folder_reopens_through_relative_paths(work, tmp_path):
    project = make_project(work)
    plan_path = work["towns"].parent / "p.tbplan"
    save_project(project, plan_path)
    moved = tmp_path / "copy"
    shutil.move(work["towns"].parent.parent, moved)  # the absolute paths are gone now
    again, problems, loaded = reopen(moved / "data" / "p.tbplan")
    assert problems == [] and loaded.messages() == []
    assert again.facilities[0].source["path"] == str(moved / "data" / "设施.gpkg")
    assert again.references[0].path == moved / "data" / "道路.geojson"
    assert again.layer.border.tolist() == work["layer"].border.tolist()


def test_missing_layers_are_named_and_the_plan_still_opens(work):
    project = make_project(work)
    plan_path = work["towns"].parent / "p.tbplan"
    save_project(project, plan_path)
    work["facilities"].unlink()
    for f in work["border"].parent.glob("border_line.*"):
        f.unlink()
    again, problems, loaded = reopen(plan_path)
    assert len(again.plan) == work["layer"].n  # the plan opened
    assert [p.layer.path.name for p in problems] == ["设施.gpkg"]
    assert problems[0].missing and "设施.gpkg" in problems[0].message()
    assert again.facilities == [] and len(again.references) == 1  # the roads still open
    assert any("border_line.shp" in m for m in loaded.messages())
    assert read_plan_header(plan_path).load_options.border_layer is None


def test_plan_without_layers_reads_as_before(work):
    project = Project(work["layer"], source_path=work["towns"])
    plan_path = work["towns"].parent / "p.tbplan"
    save_project(project, plan_path)
    assert "layers" not in json.loads(plan_path.read_text(encoding="utf-8"))
    header = read_plan_header(plan_path)
    assert header.facilities == [] and header.references == [] and header.border is None


@pytest.mark.parametrize(
    "layers, problem",
    [
        ([], '"layers" must be an object'),
        ({"facilities": {}}, '"layers.facilities" must be a list'),
        ({"references": [{"path": ""}]}, '"layers.references[1].path"'),
        ({"references": [{"path": "a.shp", "above": "yes"}]}, "above"),
        ({"facilities": [{"path": "a.shp", "category_field": 3}]}, "category_field"),
    ],
)
def test_malformed_layers_get_one_line(work, layers, problem):
    project = Project(work["layer"], source_path=work["towns"])
    plan_path = work["towns"].parent / "p.tbplan"
    save_project(project, plan_path)
    doc = json.loads(plan_path.read_text(encoding="utf-8"))
    doc["layers"] = layers
    plan_path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PlanError) as err:
        read_plan_header(plan_path)
    assert problem in str(err.value) and "p.tbplan" in str(err.value)


def test_cli_uses_the_rules_and_facilities_saved_with_the_plan(work, tmp_path):
    """``stats LAYER --plan X.tbplan`` counts with the plan's rule set and facility layers."""
    import subprocess
    import sys

    from editor.core.commands import AssignTowns
    from editor.core.ruleset import default_rules

    project = make_project(work)
    first, second = project.layer.adjacency.pairs()[0]
    AssignTowns([second], int(project.plan.unit_of[first])).redo(project.plan)
    rules = default_rules()
    rules.thresholds.max_towns = 1  # the merged pair breaks this; the default rules do not
    plan_path = save_project(project, tmp_path / "方案.tbplan", rules=rules.to_dict())
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "editor",
            "stats",
            str(work["towns"]),
            "--plan",
            str(plan_path),
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    counted = sum(sum(u["facilities"].values()) for u in data["units"])
    assert counted == 9
    assert [v["rule"] for v in data["violations"] if v["rule"] == "max_towns"] == ["max_towns"]
