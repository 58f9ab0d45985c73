"""The layout font is chosen by the glyphs it covers: never a CJK font without ASCII.

Droid Sans Fallback (Debian: fonts-droid-fallback, pulled in by ghostscript and
imagemagick) has CJK ideographs and no ASCII at all; when it was listed ahead of Noto
Sans CJK every digit and Latin letter of a layout was an empty box. These tests run
with it installed (scripts/setup.sh installs it).
"""

from __future__ import annotations

import shutil
import string
import subprocess
import warnings
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from editor.layout import fonts
from tests.support import SAMPLE, SAMPLE_PLAN

DROID = "Droid Sans Fallback"
ASCII = string.digits + string.ascii_uppercase + string.ascii_lowercase
CJK = "乡镇街道县村"


def _droid_path() -> Path | None:
    if shutil.which("fc-list"):
        out = subprocess.run(
            ["fc-list", f"{DROID}:style=Regular", "file"], capture_output=True, text=True
        ).stdout
        for line in out.splitlines():
            p = Path(line.strip().rstrip(":"))
            if p.is_file():
                return p
    p = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
    return p if p.is_file() else None


@pytest.fixture
def droid():
    """Droid Sans Fallback known to matplotlib (its font cache may predate the install)."""
    path = _droid_path()
    if path is None:
        pytest.skip("Droid Sans Fallback is not installed (apt-get install fonts-droid-fallback)")
    if not any(e.name == DROID for e in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    fonts.find_cjk_font.cache_clear()
    yield path
    fonts.find_cjk_font.cache_clear()


@pytest.fixture(scope="module")
def plan():
    from editor.cli.common import load_plan
    from editor.io.load import open_layer

    plan, _ = load_plan(open_layer(SAMPLE), SAMPLE_PLAN)
    return plan


def text_font_path(f: fonts.LayoutFonts, bold: bool = False) -> str:
    """The file matplotlib draws the first glyphs of layout text from."""
    return str(font_manager.findfont(f.prop(10, bold), fallback_to_default=False))


def _render(plan, tmp_path) -> list[str]:
    """Save the overview as PDF and PNG; the "Glyph … missing" warnings it gave."""
    from editor.layout import LayoutSettings, save_layout

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        save_layout(plan, LayoutSettings(), tmp_path / "overview.pdf")
        save_layout(plan, LayoutSettings(dpi=60), tmp_path / "overview.png")
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_droid_sans_fallback_has_no_ascii(droid):
    # the premise: the font is CJK-only, so it must never be chosen for text
    assert fonts.covers(str(droid), CJK)
    assert not fonts.covers(str(droid), "0")


def test_chosen_font_covers_ascii_and_cjk_with_droid_installed(droid, monkeypatch):
    # even listed first, the CJK-only font is passed over for one with Latin and CJK
    monkeypatch.setattr(fonts, "CJK_FAMILIES", (DROID, *fonts.CJK_FAMILIES))
    f = fonts.find_cjk_font()
    assert f.family != DROID
    for bold in (False, True):
        path = text_font_path(f, bold)
        assert fonts.covers(path, ASCII), path
        assert fonts.covers(path, CJK), path


def test_layout_renders_without_missing_glyphs(droid, plan, tmp_path, monkeypatch):
    import pypdf

    monkeypatch.setattr(fonts, "CJK_FAMILIES", (DROID, *fonts.CJK_FAMILIES))
    assert _render(plan, tmp_path) == []
    text = pypdf.PdfReader(str(tmp_path / "overview.pdf")).pages[0].extract_text()
    assert "km" in text and any(c.isdigit() for c in text)


def test_cjk_only_font_goes_behind_a_latin_font(droid, plan, tmp_path, monkeypatch):
    # a machine whose only CJK font is Droid Sans Fallback: Latin text from DejaVu Sans
    # (shipped with matplotlib), Chinese from Droid, glyph by glyph
    monkeypatch.setattr(fonts, "CJK_FAMILIES", (DROID,))
    f = fonts.find_cjk_font()
    assert f.family == fonts.LATIN_FAMILY
    assert f.families[:2] == [fonts.LATIN_FAMILY, DROID]
    assert fonts.covers(text_font_path(f), ASCII)
    assert _render(plan, tmp_path) == []
    import pypdf

    text = pypdf.PdfReader(str(tmp_path / "overview.pdf")).pages[0].extract_text()
    assert "乡镇" in text and any(c.isdigit() for c in text)


def test_families_without_cjk_do_not_count(monkeypatch):
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("DejaVu Sans",))
    fonts.find_cjk_font.cache_clear()
    try:
        with pytest.raises(fonts.FontMissingError, match="fonts-noto-cjk"):
            fonts.find_cjk_font()
    finally:
        fonts.find_cjk_font.cache_clear()


def test_prop_lists_the_fallbacks():
    f = fonts.LayoutFonts("Noto Sans CJK SC", "x.ttc", True)
    prop = f.prop(9, bold=True)
    assert prop.get_family() == ["Noto Sans CJK SC", "DejaVu Sans"]
    assert prop.get_weight() == "bold"
    assert isinstance(prop, FontProperties)
    assert fonts.render_rc(f)["font.family"] == f.families
