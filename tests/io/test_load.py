"""Opening a layer end to end: multipart towns, repairs, text populations, generated ids."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from editor.errors import LayerError
from editor.io.load import LoadOptions, open_layer


def box(i: int, j: int = 0) -> shapely.Polygon:
    return shapely.box(100 + 0.05 * i, 24 + 0.05 * j, 100 + 0.05 * (i + 1), 24 + 0.05 * (j + 1))


def write_gbk(tmp_path, rows, name="towns.shp"):
    """A GBK shapefile without .cpg, as county layers arrive."""
    path = tmp_path / name
    gdf = gpd.GeoDataFrame(
        {
            "乡镇代码": [r[0] for r in rows],
            "乡镇名称": [r[1] for r in rows],
            "人口": [r[2] for r in rows],
        },
        geometry=[r[3] for r in rows],
        crs="EPSG:4490",
    )
    gdf.to_file(path, engine="pyogrio", encoding="GBK")
    path.with_suffix(".cpg").unlink(missing_ok=True)
    return path


def test_multipart_towns_repairs_and_text_populations(tmp_path):
    bowtie = shapely.Polygon([(100.2, 24.0), (100.25, 24.05), (100.25, 24.0), (100.2, 24.05)])
    path = write_gbk(
        tmp_path,
        [
            ("001", "甲镇", "1,000", box(0)),
            ("001", "甲镇", "1,000", box(0, 2)),  # island part repeating the town's population
            ("002", "乙乡", "500", box(1)),
            ("002", "乙乡", "700", box(1, 1)),  # a part with its own figure: summed
            ("003", "丙镇", "2.3万", box(2)),
            ("004", "丁镇", "", box(3)),
            ("005", "戊镇", "12345", bowtie),
        ],
    )
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    layer = open_layer(path)
    assert layer.ids.tolist() == ["001", "002", "003", "004", "005"]
    assert layer.names.tolist() == ["甲镇", "乙乡", "丙镇", "丁镇", "戊镇"]
    assert layer.population[:3].tolist() == [1000, 1200, 23000]
    assert np.isnan(layer.population[3])
    r = layer.report
    assert r.feature_count == 7 and r.town_count == 5
    assert r.multipart_towns == 2 and r.repeated_population_towns == 1
    assert r.missing_population == ["004"]
    assert r.repaired == 1
    assert any("counted once" in n for n in r.notes)
    assert any("missing, not 0" in w for w in r.warnings)
    assert shapely.is_valid(layer.geometry).all()
    assert layer.geometry[0].geom_type == "MultiPolygon"
    # a multipart town's area is the sum of its parts
    assert layer.area_km2[0] == pytest.approx(2 * layer.area_km2[2], rel=1e-3)
    assert layer.total_population == 1000 + 1200 + 23000 + 12345
    # the source is never written to
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_no_id_field_gives_stable_generated_ids(tmp_path):
    path = tmp_path / "noid.geojson"
    gpd.GeoDataFrame(
        {"名称": ["东镇", "西镇"]}, geometry=[box(0), box(1)], crs="EPSG:4490"
    ).to_file(path)
    a, b = open_layer(path), open_layer(path)
    assert a.ids.tolist() == b.ids.tolist() == ["F00001", "F00002"]
    assert a.report.generated_ids
    assert a.adjacency.pairs().tolist() == [[0, 1]]


def test_official_area_field_is_used_when_asked(tmp_path):
    path = tmp_path / "area.geojson"
    gpd.GeoDataFrame(
        {"code": ["1", "2"], "name": ["a", "b"], "面积_km2": [29.0, 28.9]},
        geometry=[box(0), box(1)],
        crs="EPSG:4490",
    ).to_file(path)
    computed = open_layer(path)
    official = open_layer(path, LoadOptions(fields={"area": "面积_km2"}, use_area_field=True))
    assert official.area_km2.tolist() == [29.0, 28.9]
    assert np.allclose(official.computed_area_km2, computed.area_km2)
    assert official.report.area_source == "field 面积_km2"


def test_field_override_to_a_missing_column_names_the_file(tmp_path):
    path = write_gbk(tmp_path, [("001", "甲镇", "1", box(0))])
    with pytest.raises(LayerError) as err:
        open_layer(path, LoadOptions(fields={"population": "总人口"}))
    assert "towns.shp" in str(err.value) and "总人口" in str(err.value)
