"""Hostile input through the command line: the contract for every case.

Each case builds a damaged or odd input in a copy of the sample county and runs a
subcommand. The contract: exit 2, exactly one stderr line and it starts with
``error:``, no traceback and no "unexpected" catch-all, nothing written to the
destination, the source files byte-identical (sha256 before and after). Most cases
run in-process (``editor.cli.main``); special files (FIFOs, devices) run as real
subprocesses with a generous timeout, since a regression there would hang.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor import cli
from tests.support import REPO, SAMPLE_PLAN, copy_layer

STEM = "sample_county"


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def county(tmp_path):
    """A copy of the sample county and its plan table in ``tmp_path/src``."""
    shp = copy_layer(STEM, tmp_path / "src")
    shutil.copy(SAMPLE_PLAN, tmp_path / "src" / "plan.csv")
    return shp


def assert_clean_error(rc: int, err: str, out_path: Path | None = None) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert rc == 2, err
    assert len(lines) == 1, err
    assert lines[0].startswith("error: "), err
    assert "Traceback" not in err and "unexpected" not in err, err
    if out_path is not None:
        assert not any(out_path.parent.glob(out_path.stem + ".*")), "destination written"
    return lines[0]


def run_in_process(capsys, argv: list[str]) -> tuple[int, str, str]:
    try:
        rc = cli.main([str(a) for a in argv])
    except SystemExit as exc:  # argparse exits itself
        rc = int(exc.code or 0)
    captured = capsys.readouterr()
    return rc, captured.out, captured.err


# -- the table of cases -------------------------------------------------------------------
# Each builder gets the source shapefile and returns the argv (after "python -m editor").


def _plan_doc(shp: Path, capsys) -> dict:
    out = shp.parent.parent / "saved.tbplan"
    assert (
        cli.main(["plan", str(shp), "--plan", str(shp.parent / "plan.csv"), "--out", str(out)]) == 0
    )
    capsys.readouterr()
    return json.loads(out.read_text(encoding="utf-8"))


def _write_plan(shp: Path, doc_or_text, name: str = "bad.tbplan") -> Path:
    p = shp.parent.parent / name
    text = doc_or_text if isinstance(doc_or_text, str) else json.dumps(doc_or_text)
    p.write_text(text, encoding="utf-8")
    return p


def _table(shp: Path, text: str) -> Path:
    p = shp.parent.parent / "table.csv"
    p.write_text(text, encoding="utf-8")
    return p


def _stats(shp, *extra):
    return ["stats", shp, "--plan", shp.parent / "plan.csv", *extra]


def _export(shp, plan, *extra):
    # the destination folder exists: the error must be the input's, not the folder's
    (shp.parent.parent / "out").mkdir(exist_ok=True)
    return [
        "export",
        shp,
        "--plan",
        plan,
        "--out",
        shp.parent.parent / "out" / "result.shp",
        *extra,
    ]


ENCODINGS = ["ascii", "utf-7", "utf-16", "utf-32", "UTF-16LE", "hex", "rot13", "base64", "nope"]
TOLERANCES = ["inf", "-inf", "nan", "-1", "abc"]
BAD_NAMES = ["甲\x00乙", "bell\x07", "tab\tname\x1b", "line\nbreak"]


def plan_file_cases():
    """(id, mutate(doc) -> doc or text)."""

    def set_unit(key, value):
        def f(doc):
            doc["units"][0][key] = value
            return doc

        return f

    yield "id-2^63", set_unit("id", 2**63)
    yield "id-2^64", set_unit("id", 2**64)
    yield "id-negative", set_unit("id", -1)
    yield "id-float", set_unit("id", 1.5)
    yield "name-nul", set_unit("name", "a\x00b")
    yield "name-bel", set_unit("name", "\x07")
    yield "name-empty", set_unit("name", " ")
    yield "towns-not-list", set_unit("towns", "530830001000")
    yield "units-not-list", lambda d: {**d, "units": {}}
    yield "not-object", lambda d: [d]
    yield (
        "5000-digits",
        lambda d: json.dumps(d).replace('"id": ', '"id": ' + "9" * 5000 + "0 * ", 1),
    )
    yield "nested", lambda d: "[" * 100000 + "]" * 100000
    yield (
        "not-utf8",
        lambda d: (
            json.dumps(d).encode("utf-8").decode("latin-1").encode("utf-16").decode("latin-1")
        ),
    )


def table_cases():
    header = "乡镇代码,合并后乡镇\n"
    yield "empty", ""
    yield "one-column", "530830001000\n530830002000\n"
    for k, name in enumerate(BAD_NAMES):
        yield f"name-{k}", header + f'530830001000,"{name}"\n'
    yield "header-only-blank", "\n\n , \n"


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encoding_override_is_a_clean_error(county, capsys, encoding):
    before = digest(county.parent)
    rc, _, err = run_in_process(capsys, _stats(county, "--encoding", encoding))
    line = assert_clean_error(rc, err)
    assert county.name in line and "encoding" in line
    assert digest(county.parent) == before


@pytest.mark.parametrize("tolerance", TOLERANCES)
def test_tolerance_must_be_a_finite_distance(county, capsys, tolerance):
    rc, _, err = run_in_process(capsys, _stats(county, f"--tolerance={tolerance}"))
    assert "--tolerance" in assert_clean_error(rc, err)


@pytest.mark.parametrize(
    "argv", [[], ["bogus"], ["stats"], ["stats", "x.shp"], ["info", "--nope", "x"]]
)
def test_usage_errors_are_one_line(capsys, argv):
    rc, out, err = run_in_process(capsys, argv)
    assert_clean_error(rc, err)
    assert "usage:" not in err and out == ""


@pytest.mark.parametrize("case", [c[0] for c in plan_file_cases()])
def test_bad_plan_files(county, capsys, case):
    mutate = dict(plan_file_cases())[case]
    doc = _plan_doc(county, capsys)
    plan = _write_plan(county, mutate(doc))
    before, plan_before = digest(county.parent), plan.read_bytes()
    argv = _export(county, plan)
    rc, _, err = run_in_process(capsys, argv)
    assert plan.name in assert_clean_error(rc, err, Path(argv[-1]))
    assert digest(county.parent) == before and plan.read_bytes() == plan_before


@pytest.mark.parametrize("offset", [0, 1, 7, 20, 63, 200, 1000, -300, -40, -2])
def test_truncated_plan_files(county, capsys, offset):
    text = json.dumps(_plan_doc(county, capsys), ensure_ascii=False)
    plan = _write_plan(
        county, text[: offset if offset > 0 else len(text) + offset] if offset else ""
    )
    argv = _export(county, plan)
    rc, _, err = run_in_process(capsys, argv)
    assert_clean_error(rc, err, Path(argv[-1]))


@pytest.mark.parametrize("case", [c[0] for c in table_cases()])
def test_bad_plan_tables(county, capsys, case):
    table = _table(county, dict(table_cases())[case])
    argv = _export(county, table)
    rc, _, err = run_in_process(capsys, argv)
    assert table.name in assert_clean_error(rc, err, Path(argv[-1]))


def _truncate(path: Path, at: int) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:at])


def _offsets(size: int, n: int, seed: int) -> list[int]:
    rng = random.Random(seed)
    # not size - 1: a .dbf without its final end-of-file byte (0x1A) is whole
    fixed = [0, 1, 31, 32, 99, 100, 101, size // 2, size - 2]
    return sorted(
        {o for o in fixed + [rng.randrange(0, size - 1) for _ in range(n)] if 0 <= o < size - 1}
    )


SHP_SIZE = (REPO / "sample_shapes" / f"{STEM}.shp").stat().st_size
DBF_SIZE = (REPO / "sample_shapes" / f"{STEM}.dbf").stat().st_size
SHX_SIZE = (REPO / "sample_shapes" / f"{STEM}.shx").stat().st_size


@pytest.mark.parametrize(
    "part,offset",
    [(".shp", o) for o in _offsets(SHP_SIZE, 12, 1)]
    + [(".dbf", o) for o in _offsets(DBF_SIZE, 12, 2)]
    + [(".shx", o) for o in _offsets(SHX_SIZE, 6, 3)],
)
def test_truncated_layer_parts(county, capsys, part, offset):
    _truncate(county.with_suffix(part), offset)
    before = digest(county.parent)
    argv = _export(county, county.parent / "plan.csv")
    rc, _, err = run_in_process(capsys, argv)
    assert_clean_error(rc, err, Path(argv[-1]))
    assert digest(county.parent) == before


@pytest.mark.parametrize("suffix", [".shp", ".gpkg", ".geojson", ".dbf"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_bytes_as_a_layer(tmp_path, capsys, suffix, seed):
    layer = tmp_path / f"noise{suffix}"
    rng = random.Random(seed)
    layer.write_bytes(bytes(rng.randrange(256) for _ in range(rng.choice([0, 7, 100, 5000]))))
    before = layer.read_bytes()
    rc, _, err = run_in_process(capsys, ["info", layer])
    assert layer.name in assert_clean_error(rc, err)
    assert layer.read_bytes() == before


# -- special files: real processes, since a regression would block -------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def run_process(*argv) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "editor", *map(str, argv)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,  # generous: the contract is "at once", a hang is what fails
        stdin=subprocess.DEVNULL,
    )


def _fifo(path: Path) -> Path:
    if path.exists():
        path.unlink()
    os.mkfifo(path)
    return path


@needs_fifo
@pytest.mark.parametrize(
    "where", ["layer", "dbf", "border", "rules", "table", "plan", "facilities"]
)
def test_special_files_are_refused_at_once(county, tmp_path, where):
    plan = county.parent / "plan.csv"
    argv = ["stats", county, "--plan", plan]
    if where == "layer":
        argv[1] = _fifo(tmp_path / "pipe.shp")
    elif where == "dbf":
        _fifo(county.with_suffix(".dbf"))
    elif where == "border":
        argv += ["--border-layer", _fifo(tmp_path / "border.shp")]
    elif where == "rules":
        argv += ["--rules", _fifo(tmp_path / "rules.toml")]
    elif where == "table":
        argv[3] = _fifo(tmp_path / "t.csv")
    elif where == "plan":
        argv[3] = _fifo(tmp_path / "p.tbplan")
    else:
        argv += ["--facilities", _fifo(tmp_path / "points.geojson")]
    done = run_process(*argv)
    line = assert_clean_error(done.returncode, done.stderr)
    assert "not a regular file" in line and "FIFO" in line


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_as_layer_and_plan(county):
    for argv in (["info", "/dev/zero"], ["stats", county, "--plan", "/dev/zero"]):
        done = run_process(*argv)
        assert "character device" in assert_clean_error(done.returncode, done.stderr)


def test_a_real_process_keeps_the_contract(county, tmp_path):
    out = tmp_path / "out" / "x.shp"
    done = run_process("export", county, "--plan", tmp_path / "missing.csv", "--out", out)
    assert_clean_error(done.returncode, done.stderr, out)


# -- coordinates and CRSs -----------------------------------------------------------------
def _layer(tmp_path, name, geoms, crs="EPSG:4490") -> Path:
    import geopandas as gpd

    path = tmp_path / f"{name}.gpkg"
    n = len(geoms)
    gpd.GeoDataFrame(
        {"CODE": [f"{i:03d}" for i in range(n)], "NAME": [f"t{i}" for i in range(n)]},
        geometry=geoms,
        crs=crs,
    ).to_file(path, engine="pyogrio")
    return path


def _odd_layers():
    import shapely

    yield (
        "latitude-95",
        [shapely.box(100, 95, 100.1, 95.1), shapely.box(100.1, 95, 100.2, 95.1)],
        "EPSG:4490",
    )
    yield "1e308", [shapely.box(0, 0, 1e308, 1e308), shapely.box(1e308, 0, 1.5e308, 1e308)], None
    yield "degenerate", [shapely.Polygon([(100, 30), (100.1, 30), (100.2, 30)])] * 2, "EPSG:4490"


@pytest.mark.parametrize("case", [c[0] for c in _odd_layers()])
def test_odd_coordinates_are_a_clean_error(tmp_path, capsys, case):
    _, geoms, crs = next(c for c in _odd_layers() if c[0] == case)
    layer = _layer(tmp_path, case, geoms, crs)
    before = layer.read_bytes()
    rc, _, err = run_in_process(capsys, ["info", layer])
    assert layer.name in assert_clean_error(rc, err)
    assert layer.read_bytes() == before


@pytest.mark.parametrize("crs", ["EPSG:5773", "EPSG:4978"])
def test_a_crs_that_is_not_a_map_is_refused(county, capsys, crs):
    rc, _, err = run_in_process(capsys, _stats(county, "--crs", crs))
    assert crs in assert_clean_error(rc, err)


def test_longitude_beyond_180_loads_with_a_warning(tmp_path, capsys):
    import shapely

    layer = _layer(
        tmp_path, "east", [shapely.box(200, 30, 200.1, 30.1), shapely.box(200.1, 30, 200.2, 30.1)]
    )
    rc, out, err = run_in_process(capsys, ["info", layer])
    assert rc == 0 and "beyond -180..180" in out + err


def test_some_degenerate_polygons_are_dropped_with_a_note(tmp_path, capsys):
    import shapely

    flat = shapely.Polygon([(100, 30), (100.1, 30), (100.2, 30)])
    layer = _layer(
        tmp_path,
        "some",
        [flat, shapely.box(101, 30, 101.1, 30.1), shapely.box(101.1, 30, 101.2, 30.1)],
    )
    table = tmp_path / "t.csv"
    table.write_text("id,unit\n001,a\n002,a\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    rc, out, err = run_in_process(
        capsys, ["export", layer, "--plan", table, "--out", tmp_path / "out" / "u.gpkg"]
    )
    assert rc == 0 and (tmp_path / "out" / "u.gpkg").exists()  # no "shape mismatch"
    rc, out, err = run_in_process(capsys, ["info", layer])
    assert rc == 0 and "1 features whose polygons have no area" in out + err


# -- damaged DBF headers: an error, never attributes silently dropped ----------------------
def _damage_dbf(dbf: Path, case: str) -> None:
    import struct

    b = bytearray(dbf.read_bytes())
    if case == "short-header":  # header length cut to two field descriptors
        b[8:10] = struct.pack("<H", 32 + 32 * 2 + 1)
    elif case == "no-fields":  # the terminator where the first descriptor should be
        b[32] = 0x0D
    else:  # record length that the fields do not add up to
        b[10:12] = struct.pack("<H", struct.unpack("<H", b[10:12])[0] + 5)
    dbf.write_bytes(bytes(b))


@pytest.mark.parametrize("case", ["short-header", "no-fields", "record-length"])
def test_damaged_dbf_headers_are_an_error(county, capsys, case):
    _damage_dbf(county.with_suffix(".dbf"), case)
    before = digest(county.parent)
    argv = _export(county, county.parent / "plan.csv")
    rc, _, err = run_in_process(capsys, argv)
    assert "sample_county.dbf" in assert_clean_error(rc, err, Path(argv[-1]))
    assert digest(county.parent) == before
