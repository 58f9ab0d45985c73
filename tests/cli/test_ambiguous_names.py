"""A plan table naming a name two towns carry (issue 11, item 6): said, with the ids.

Truth: the duplicate_names generator (tests/quirks.py) draws two different towns named
龙溪乡; the table's row cannot tell them apart, so it must say so and name both ids.
"""

from __future__ import annotations

from editor.core.plan import Plan
from editor.io.load import open_layer
from editor.io.tables import import_assignment_table
from tests.quirks import duplicate_names, write
from tests.support import run


def _layer_and_table(tmp_path):
    path = write(duplicate_names(), tmp_path / "dup.shp")
    table = tmp_path / "plan.csv"
    table.write_text(
        "乡镇,合并后乡镇\n龙溪乡,龙溪镇\n青山镇,龙溪镇\n不存在乡,龙溪镇\n", encoding="utf-8"
    )
    return path, table


def test_cli_says_the_name_matches_two_towns_with_their_ids(tmp_path):
    path, table = _layer_and_table(tmp_path)
    layer = open_layer(path)
    ids = [str(layer.ids[i]) for i in range(layer.n) if layer.names[i] == "龙溪乡"]
    assert len(ids) == 2
    out = run("stats", path, "--plan", table)
    assert out.returncode == 0, out.stderr
    line = next(x for x in out.stderr.splitlines() if "龙溪乡" in x)
    assert "matches 2 towns" in line and all(i in line for i in ids) and "id" in line
    # the row that names no town is still reported as such, the ambiguous one is not
    assert "1 row(s) matched no town: 不存在乡" in out.stdout + out.stderr


def test_info_warns_that_names_repeat(tmp_path):
    path, _ = _layer_and_table(tmp_path)
    out = run("info", path)
    assert out.returncode == 0, out.stderr
    assert "龙溪乡 ×2" in out.stdout and "ids" in out.stdout


def test_window_import_reports_the_ambiguous_name(tmp_path):
    path, table = _layer_and_table(tmp_path)
    layer = open_layer(path)
    imported = import_assignment_table(Plan(layer), table)
    assert imported.unmatched == ["不存在乡"]
    assert len(imported.ambiguous) == 1 and "matches 2 towns" in imported.ambiguous[0]
    assert "matches 2 towns" in imported.report()
