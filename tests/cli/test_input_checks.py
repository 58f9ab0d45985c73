"""What the CLI now says about odd but readable input: its own tables read back, towns
given twice, a plan file's warnings, NaN benchmarks, names with control characters."""

from __future__ import annotations

import json
import shutil

import pytest

from editor import cli
from editor.core.commands import ApplyAssignment, CommandError, NewUnit, RenameUnit
from editor.core.plan import Plan
from editor.io.load import open_layer
from editor.io.read.encoding import normalise_encoding
from tests.support import SAMPLE_PLAN, copy_layer


@pytest.fixture
def county(tmp_path):
    shp = copy_layer("sample_county", tmp_path / "src")
    shutil.copy(SAMPLE_PLAN, tmp_path / "plan.csv")
    return shp


def make_out(tmp_path):
    (tmp_path / "out").mkdir(exist_ok=True)


def stats_json(capsys, shp, plan, *extra) -> tuple[dict, str]:
    assert cli.main(["stats", str(shp), "--plan", str(plan), "--json", *map(str, extra)]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


@pytest.mark.parametrize("kind", ["assignment", "units"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_table_the_program_writes_reads_back_as_the_same_plan(
    county, tmp_path, capsys, kind, lang, suffix
):
    table = tmp_path / f"t{suffix}"
    argv = ["table", county, "--plan", tmp_path / "plan.csv", "--kind", kind]
    assert cli.main([*map(str, argv), "--lang", lang, "--out", str(table)]) == 0
    capsys.readouterr()
    original, _ = stats_json(capsys, county, tmp_path / "plan.csv")
    again, err = stats_json(capsys, county, table)
    assert again["summary"]["after"]["units"] == original["summary"]["after"]["units"] == 17
    assert sorted(sorted(u["towns"]) for u in again["units"]) == sorted(
        sorted(u["towns"]) for u in original["units"]
    )
    assert "unmatched" not in again and err == ""


def test_a_town_given_to_two_units_is_reported(county, tmp_path, capsys):
    table = tmp_path / "dup.csv"
    table.write_text(
        "乡镇代码,合并后乡镇\n530830001000,甲\n530830002000,甲\n530830001000,乙\n", encoding="utf-8"
    )
    make_out(tmp_path)
    data, err = stats_json(capsys, county, table)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: 1 town(s)")
    assert "530830001000" in lines[0] and "甲" in lines[0] and "乙" in lines[0]
    assert any(u["name"] == "甲" and "530830001000" in u["towns"] for u in data["units"])
    for command in ("plan", "export"):
        out = tmp_path / ("p.tbplan" if command == "plan" else "out/u.shp")
        assert cli.main([command, str(county), "--plan", str(table), "--out", str(out)]) == 0
        assert "given to more than one unit" in capsys.readouterr().err


def test_a_plan_files_warnings_are_printed(county, tmp_path, capsys):
    make_out(tmp_path)
    saved = tmp_path / "p.tbplan"
    assert (
        cli.main(["plan", str(county), "--plan", str(tmp_path / "plan.csv"), "--out", str(saved)])
        == 0
    )
    capsys.readouterr()
    doc = json.loads(saved.read_text(encoding="utf-8"))
    doc["source"]["checksum"]["digest"] = "0" * 64
    other = next(t for u in doc["units"][1:] for t in u["towns"])
    doc["units"][0]["seat"] = other
    saved.write_text(json.dumps(doc), encoding="utf-8")
    for command in ("stats", "export"):
        argv = [command, str(county), "--plan", str(saved)]
        if command == "export":
            argv += ["--out", str(tmp_path / "out" / "x.gpkg")]
        assert cli.main(argv) == 0
        err = capsys.readouterr().err.strip().splitlines()
        assert any(line.startswith("warning: the source layer has changed") for line in err)
        assert any(line.startswith("warning: the seat " + other) for line in err)


def test_stats_json_is_standard_json_with_a_nan_benchmark(county, tmp_path, capsys):
    rules = tmp_path / "rules.toml"
    rules.write_text("[benchmark]\nmean_population = nan\nmean_area_km2 = inf\n", encoding="utf-8")
    assert cli.main(
        [
            "stats",
            str(county),
            "--plan",
            str(tmp_path / "plan.csv"),
            "--json",
            "--rules",
            str(rules),
        ]
    ) in (0, 2)
    captured = capsys.readouterr()
    if captured.out:
        text = captured.out
        assert "NaN" not in text and "Infinity" not in text
        json.loads(text, parse_constant=lambda c: pytest.fail(f"non-standard {c}"))
    else:  # refused as a rule set: one clean line
        assert captured.err.startswith("error: ") and len(captured.err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", ["a\x00b", "bell\x07", "esc\x1b[31m", "two\nlines"])
def test_names_with_control_characters_are_refused(name):
    layer = open_layer(copy_layer.__globals__["SAMPLES"] / "sample_county.shp")
    plan = Plan(layer)
    uid = plan.unit_ids()[0]
    for make in (
        lambda: RenameUnit(uid, name),
        lambda: NewUnit([0, 1], name=name),
        lambda: ApplyAssignment({name: [0, 1]}),
    ):
        with pytest.raises(CommandError) as caught:
            make()
        assert caught.value.args[0].key == "command.control_characters"
    assert RenameUnit(uid, "  新名  ").name == "新名"


@pytest.mark.parametrize("name", ["utf-7", "utf-16", "UTF-32", "hex", "rot13", "base64", "cp037"])
def test_encodings_a_dbf_cannot_hold_are_unknown(name):
    assert normalise_encoding(name) is None


@pytest.mark.parametrize("cpg", [b"hex", b"rot13", b"UTF-16", b"\x00\x00\x00", b"\xff\xfe"])
def test_odd_cpg_is_ignored_with_a_printable_note(county, capsys, cpg):
    county.with_suffix(".cpg").write_bytes(cpg)
    assert cli.main(["info", str(county)]) == 0
    out = capsys.readouterr().out
    assert "GBK" in out and "\x00" not in out
