"""Print layouts: what a reader of the PDF/SVG/PNG sees (pages, text, fonts, scale)."""

from __future__ import annotations

import itertools
import subprocess
import sys

import numpy as np
import pyproj
import pytest

from tests.support import SAMPLE, SAMPLE_PLAN, grid_layer

pypdf = pytest.importorskip("pypdf")

from editor.core.coloring import town_colors, unit_colors  # noqa: E402
from editor.core.plan import Plan  # noqa: E402
from editor.errors import WriteError  # noqa: E402
from editor.layout import (  # noqa: E402
    LayoutSettings,
    draw_before_after,
    draw_overview,
    draw_unit_page,
    map_axes,
    new_figure,
    page_functions,
    save_layout,
)

BORDER = SAMPLE.with_name("border_line.shp")


@pytest.fixture(scope="module")
def sample():
    from editor.cli.common import load_plan
    from editor.io.load import LoadOptions, open_layer

    layer = open_layer(SAMPLE, LoadOptions(border_layer=BORDER))
    plan, unmatched = load_plan(layer, SAMPLE_PLAN)
    assert not unmatched
    return plan


@pytest.fixture(scope="module")
def border(sample):
    from editor.cli.layout import reference_layer

    return [reference_layer(BORDER, sample.layer)]


def pdf_text(path) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(str(path)).pages]


def page_size_pt(path, k=0) -> tuple[float, float]:
    box = pypdf.PdfReader(str(path)).pages[k].mediabox
    return float(box.width), float(box.height)


def fonts_embedded(path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font used on every page."""
    out = []
    for page in pypdf.PdfReader(str(path)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if font["/Subtype"] == "/Type3":  # glyphs drawn by the PDF itself
                out.append((str(font.get("/BaseFont", font.get("/Name"))), "/ToUnicode" in font))
                continue
            descs = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for d in descs:
                fd = d["/FontDescriptor"].get_object()
                out.append((str(d["/BaseFont"]), "/FontFile2" in fd or "/FontFile3" in fd))
    return out


def test_overview_a4_pdf_has_names_figures_and_embedded_fonts(sample, border, tmp_path):
    out = tmp_path / "overview.pdf"
    settings = LayoutSettings(paper="A4", county="示例县", note="注：本图为示意图。")
    written = save_layout(sample, settings, out, references=border)
    assert written == [out]
    w, h = page_size_pt(out)
    assert (round(w), round(h)) == (595, 842)
    text = "".join(pdf_text(out))
    compact = text.replace(" ", "").replace("\n", "")
    for uid in sample.unit_ids():
        st = sample.stats(uid)
        assert sample.units[uid].name in compact
        assert f"{st.population / 1e4:,.2f}" in compact  # population in 万 in the table
        assert f"{st.area_km2:,.1f}" in compact
    for needle in ("示例县", "注：本图为示意图。", "调整前后对比", "合并后乡镇统计表", "城关镇"):
        assert needle in compact
    summ = sample.summary()
    assert f"{summ.after.mean_area_km2:,.1f}" in compact
    fonts = fonts_embedded(out)
    assert fonts and all(ok for _, ok in fonts), fonts
    assert any("CJK" in name or "Hei" in name or "Han" in name for name, _ in fonts)


def test_packet_a3_landscape_one_page_per_unit_in_order(sample, border, tmp_path):
    out = tmp_path / "packet.pdf"
    settings = LayoutSettings(kind="packet", paper="A3", landscape=True)
    save_layout(sample, settings, out, references=border)
    reader = pypdf.PdfReader(str(out))
    n_units = len(sample.units)
    overview_pages = len(page_functions(sample, settings.with_(kind="overview")))
    assert len(reader.pages) == overview_pages + n_units  # 17 units, none needs a 2nd page
    w, h = page_size_pt(out)
    assert (round(w), round(h)) == (1191, 842)
    texts = pdf_text(out)[overview_pages:]
    layer = sample.layer
    for text, uid in zip(texts, sample.unit_ids(), strict=True):
        flat = text.replace(" ", "").replace("\n", "")
        assert sample.units[uid].name in flat
        for town in sample.members(uid):
            assert str(layer.names[town]) in flat
            assert str(layer.ids[town]) in flat
        assert f"{len(sample.units)}" in flat  # "第 k/17 个合并后乡镇"


def test_before_after_maps_share_one_scale(sample):
    fig = new_figure(LayoutSettings(kind="before-after"))
    try:
        draw_before_after(fig, sample, LayoutSettings(kind="before-after"))
        maps = map_axes(fig)
        assert len(maps) == 2
        assert maps[0].metres_per_mm == pytest.approx(maps[1].metres_per_mm)
    finally:
        fig.clear()


@pytest.mark.parametrize("paper,landscape", [("A4", False), ("A3", True)])
def test_scale_bar_is_true_on_the_ground(sample, paper, landscape):
    settings = LayoutSettings(paper=paper, landscape=landscape)
    fig = new_figure(settings)
    try:
        draw_overview(fig, sample, settings)
        (ax,) = map_axes(fig)
        bar = ax.scalebar
        crs = sample.layer.metric_crs
        to_geo = pyproj.Transformer.from_crs(crs, crs.geodetic_crs, always_xy=True)
        geod = pyproj.Geod(ellps="GRS80")
        # the bar as drawn, and the same length centred on the map's centre
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        for (ax_, ay_), (bx_, by_) in (
            ((bar.x0, bar.y0), (bar.x0 + bar.length_m, bar.y0)),
            ((cx - bar.length_m / 2, cy), (cx + bar.length_m / 2, cy)),
        ):
            lon1, lat1 = to_geo.transform(ax_, ay_)
            lon2, lat2 = to_geo.transform(bx_, by_)
            _, _, dist = geod.inv(lon1, lat1, lon2, lat2)
            assert dist == pytest.approx(bar.length_m, rel=0.01)
        # the label says what the bar measures
        km = bar.length_m / 1000
        assert bar.label == (f"{km:g} km" if km >= 1 else f"{bar.length_m:g} m")
        # and the page scale: metres on the ground per mm of paper matches the axes
        pos = ax.get_position()
        width_mm = pos.width * settings.page_mm[0]
        assert (x1 - x0) / width_mm == pytest.approx(ax.metres_per_mm, rel=1e-6)
        rects = [p for p in ax.patches if p.get_gid() == "scalebar"]
        assert sum(r.get_width() for r in rects) == pytest.approx(bar.length_m)
    finally:
        fig.clear()


def test_labels_do_not_overlap(sample):
    settings = LayoutSettings(paper="A4")
    fig = new_figure(settings)
    try:
        draw_overview(fig, sample, settings)
        (ax,) = map_axes(fig)
        renderer = fig.canvas.get_renderer()
        labels = [
            t for t in ax.texts if t.get_gid() != "halo" and t.get_text() and "\n" in t.get_text()
        ]
        # every unit is labelled on this small county
        assert len(labels) == len(sample.units)
        boxes = [t.get_window_extent(renderer) for t in labels]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b)
    finally:
        fig.clear()


def test_adjacent_units_never_share_a_colour(sample):
    colors = unit_colors(sample)
    pairs = sample.layer.adjacency.pairs()
    for a, b in pairs:
        ua, ub = int(sample.unit_of[a]), int(sample.unit_of[b])
        if ua != ub:
            assert colors[ua] != colors[ub]
    tc = town_colors(sample.layer)
    assert np.all(tc[pairs[:, 0]] != tc[pairs[:, 1]])


def test_png_and_svg_sizes_and_numbered_pages(sample, tmp_path):
    png = tmp_path / "ov.png"
    settings = LayoutSettings(paper="A4", dpi=100)
    (written,) = save_layout(sample, settings, png)
    from PIL import Image

    with Image.open(written) as im:
        assert im.size == settings.pixel_size == (826, 1169)
    land = LayoutSettings(paper="A3", landscape=True, dpi=50, kind="packet")
    files = save_layout(sample, land, tmp_path / "packet.png")
    assert len(files) == len(page_functions(sample, land)) > 1
    assert files[0].name == "packet-01.png" and all(f.exists() for f in files)
    with Image.open(files[-1]) as im:
        assert im.size == land.pixel_size == (826, 584)
    svg = tmp_path / "ba.svg"
    save_layout(sample, LayoutSettings(kind="before-after"), svg)
    head = svg.read_text(encoding="utf-8")[:2000]
    assert "<svg" in head and 'width="595.' in head


def test_long_table_flows_onto_further_pages(tmp_path):
    layer = grid_layer(12, 12, size=0.05)
    plan = Plan(layer)  # 144 single-town units: too many rows for one page
    out = tmp_path / "grid.pdf"
    save_layout(plan, LayoutSettings(paper="A4"), out)
    texts = pdf_text(out)
    assert len(texts) > 1
    flat = "".join(texts).replace(" ", "")
    for name in layer.names:
        assert name in flat
    assert "合计" in texts[-1].replace(" ", "")
    assert "续" in texts[1]


def test_table_rows_are_capped_for_huge_plans(tmp_path):
    layer = grid_layer(12, 12, size=0.05)
    plan = Plan(layer)
    out = tmp_path / "capped.pdf"
    save_layout(plan, LayoutSettings(paper="A4", max_table_rows=20), out)
    texts = pdf_text(out)
    flat = "".join(texts).replace(" ", "")
    assert "另有124个合并后乡镇未列出" in flat


def test_unit_page_marks_seat(sample):
    uid = sample.find_unit("城关镇")
    settings = LayoutSettings(paper="A4")
    fig = new_figure(settings)
    try:
        draw_unit_page(fig, sample, uid, settings)
        (ax,) = map_axes(fig)
        texts = {t.get_text() for t in fig.axes[0].texts}
        assert "★" in texts  # seat column of the member table
        seat = sample.seat_of(uid)
        star = [ln for ln in ax.lines if ln.get_marker() == "*"]
        assert star
        x, y = star[0].get_xdata()[0], star[0].get_ydata()[0]
        import shapely

        assert shapely.contains_xy(sample.layer.geometry_m[seat], x, y)
    finally:
        fig.clear()


def test_failed_write_leaves_old_file_and_no_temp(sample, tmp_path, monkeypatch):
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"old")
    import matplotlib.backends.backend_pdf as bpdf

    def boom(self, *a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bpdf.PdfPages, "savefig", boom)
    with pytest.raises(WriteError):
        save_layout(sample, LayoutSettings(), out)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.pdf"]


def test_missing_folder_and_bad_extension(sample, tmp_path):
    with pytest.raises(WriteError, match="folder does not exist"):
        save_layout(sample, LayoutSettings(), tmp_path / "nope" / "x.pdf")
    with pytest.raises(WriteError, match="unknown layout format"):
        save_layout(sample, LayoutSettings(), tmp_path / "x.docx")


def test_no_cjk_font_says_what_to_install(monkeypatch):
    from editor.layout import fonts

    fonts.find_cjk_font.cache_clear()
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such Font",))
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-noto-cjk"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_layout_imports_no_qt():
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "import editor.layout, editor.cli.layout, editor.core.coloring\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(SAMPLE.parents[1]))


# -- the reform's figures in the tables ---------------------------------------------------
def _facilities(layer):
    import shapely

    from editor.core.facilities import FacilityLayer

    surface = shapely.point_on_surface(layer.geometry_m)
    cats = ["卫生院" if t % 3 else "养老院" for t in range(layer.n)]
    return FacilityLayer.from_points(layer, surface, cats)


def test_packet_pdf_shows_quota_facilities_and_carried_sums(sample, tmp_path):
    from editor.core.quota import QuotaCalculator
    from editor.io.rules_file import load_rules

    rules = load_rules(SAMPLE.with_name("sample_rules.toml"))
    fac = _facilities(sample.layer)
    out = tmp_path / "packet.pdf"
    settings = LayoutSettings(kind="packet", rules=rules, facilities=[fac], carry=["村委会数"])
    save_layout(sample, settings, out)
    texts = [t.replace(" ", "").replace("\n", "") for t in pdf_text(out)]
    n_over = len(page_functions(sample, settings.with_(kind="overview")))
    overview = "".join(texts[:n_over])
    quota = QuotaCalculator(sample.layer, rules.quota)
    totals = quota.totals(sample)
    for header in ("编制", "卫生院", "养老院", "村委会数", "编制总数(名)"):
        assert header in overview
    assert f"{totals['old']:,.0f}" in overview and f"{totals['new']:,.0f}" in overview
    villages = sample.layer.attributes["村委会数"].astype(int)
    for uid, text in zip(sample.unit_ids(), texts[n_over:], strict=True):
        q = quota.unit(sample, uid).total
        old = quota.old_total_of(sample, uid)
        assert f"测算编制{q:,.0f}名（原乡镇合计{old:,.0f}名）" in text
        # the member table: each town's own quota and its villages, summed below
        for t in sample.members(uid).tolist():
            assert f"{quota.town(t).total:,.0f}" in text
        assert str(villages[sample.members(uid)].sum()) in text


def test_overview_table_quota_column_equals_the_calculator(sample):
    from editor.core.quota import QuotaCalculator
    from editor.core.ruleset import default_rules
    from editor.layout.mapdraw import PlanGeometry
    from editor.layout.pages import unit_table

    geo = PlanGeometry(sample)
    settings = LayoutSettings(language="en")
    table, _ = unit_table(sample, geo, settings, 180, 7)
    titles = [c.title for c in table.columns]
    assert "Member towns" in titles  # room enough on 180 mm: names, not counts
    col = titles.index("Quota")
    quota = QuotaCalculator(sample.layer, default_rules().quota)
    got = [int("".join(r.cells[col]).replace(",", "")) for r in table.rows[:-1]]
    assert got == [quota.unit(sample, u).total for u in sample.unit_ids()]
    assert int("".join(table.rows[-1].cells[col]).replace(",", "")) == sum(got)
    # without facilities or carried fields there are no such columns
    assert len(titles) == 8


def test_crowded_table_keeps_to_its_width(sample):
    from editor.layout.mapdraw import PlanGeometry
    from editor.layout.pages import unit_table

    geo = PlanGeometry(sample)
    fac = _facilities(sample.layer)
    settings = LayoutSettings(facilities=[fac], carry=["户籍人口", "村委会数", "面积"])
    for width in (190, 110, 95):  # full page, portrait and landscape side panels
        table, _ = unit_table(sample, geo, settings, width, 7)
        assert table.width <= width * 1.001
        titles = [c.title for c in table.columns]
        assert {"卫生院", "养老院", "户籍人口", "村委会数", "面积"} <= set(titles)


def test_layout_uses_given_colours(sample):
    from editor.core.coloring import palette_color

    uids = sample.unit_ids()
    colors = {u: (k * 7) % 10 for k, u in enumerate(uids)}
    fig = draw_overview(new_figure(LayoutSettings()), sample, LayoutSettings(), colors=colors)
    (ax,) = map_axes(fig)
    from matplotlib.colors import to_hex

    faces = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()}
    assert {palette_color(c) for c in colors.values()} <= faces
    fig.clear()
