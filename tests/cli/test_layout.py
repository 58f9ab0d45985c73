"""``python -m editor layout``: files written, pages, and errors as one line."""

from __future__ import annotations

import pytest

from editor.cli import main
from tests.support import SAMPLE, SAMPLE_PLAN

pypdf = pytest.importorskip("pypdf")
BORDER = SAMPLE.with_name("border_line.shp")


def test_packet_pdf_with_border_layer(tmp_path, capsys):
    out = tmp_path / "packet.pdf"
    code = main(
        [
            "layout",
            str(SAMPLE),
            "--plan",
            str(SAMPLE_PLAN),
            "--border-layer",
            str(BORDER),
            "--out",
            str(out),
            "--kind",
            "packet",
            "--paper",
            "a3",
            "--landscape",
            "--title",
            "示例县乡镇调整方案",
        ]
    )
    assert code == 0
    assert str(out) in capsys.readouterr().out
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) >= 1 + 17
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)
    first = reader.pages[0].extract_text().replace(" ", "")
    assert "示例县乡镇调整方案" in first
    assert "国界线（示意）" in first  # the border layer is in the legend


def test_png_at_dpi(tmp_path):
    out = tmp_path / "ba.png"
    code = main(
        ["layout", str(SAMPLE), "--plan", str(SAMPLE_PLAN), "--out", str(out)]
        + ["--kind", "before-after", "--dpi", "72"]
    )
    assert code == 0
    from PIL import Image

    with Image.open(out) as im:
        assert im.size == (595, 841)  # A4 portrait at 72 dpi


def test_errors_are_one_line(tmp_path, capsys):
    code = main(
        ["layout", str(SAMPLE), "--plan", str(SAMPLE_PLAN), "--out", str(tmp_path / "x.doc")]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "unknown layout format" in err
    code = main(
        ["layout", str(SAMPLE), "--plan", str(SAMPLE_PLAN), "--out", str(tmp_path / "x.png")]
        + ["--dpi", "5"]
    )
    assert code == 2
    assert "dpi 5 out of range" in capsys.readouterr().err


def test_layout_takes_rules_facilities_and_carry(tmp_path):
    import geopandas as gpd
    import numpy as np
    import shapely

    from editor.cli.common import load_plan
    from editor.core.quota import QuotaCalculator
    from editor.io.load import open_layer
    from editor.io.rules_file import load_rules

    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    pts = shapely.point_on_surface(np.asarray(layer.geometry, dtype=object))
    gpd.GeoDataFrame({"类型": ["敬老院"] * layer.n}, geometry=pts, crs=layer.crs).to_file(
        tmp_path / "设施.gpkg"
    )
    rules_path = SAMPLE.with_name("sample_rules.toml")
    out = tmp_path / "overview.pdf"
    code = main(
        ["layout", str(SAMPLE), "--plan", str(SAMPLE_PLAN), "--out", str(out)]
        + ["--rules", str(rules_path), "--facilities", str(tmp_path / "设施.gpkg")]
        + ["--facility-field", "类型", "--carry", "村委会数"]
    )
    assert code == 0
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    flat = text.replace(" ", "").replace("\n", "")
    quota = QuotaCalculator(layer, load_rules(rules_path).quota)
    totals = quota.totals(plan)
    assert "敬老院" in flat and "村委会数" in flat and "编制" in flat
    assert f"编制总数(名){totals['old']:,.0f}{totals['new']:,.0f}" in flat
    villages = layer.attributes["村委会数"].astype(int).sum()
    assert f"{villages:,}" in flat  # the carried column's total
