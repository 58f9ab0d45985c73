"""Choosing the layout font by the glyphs it covers, and embedding it in PDFs.

Layout text mixes Chinese names with digits, Latin letters and punctuation (populations,
codes, "km²", "1:50,000"), so the text font must cover both. A font is chosen by its
character map, not by its name: Droid Sans Fallback, which ghostscript and imagemagick
pull in on many Linux machines, has CJK ideographs but no ASCII at all, and choosing it
turned every digit into an empty box. The first family of :data:`CJK_FAMILIES` whose
regular face covers :data:`LATIN_SAMPLE` and :data:`CJK_SAMPLE` is the text font; only
when no such family is installed is a Latin font used first with a CJK-only font behind
it (matplotlib falls back glyph by glyph through the family list). DejaVu Sans, shipped
with matplotlib, always ends the list, for the odd symbol a CJK font lacks.

matplotlib embeds TrueType-outline fonts (``glyf``) as Type 42 (CIDFontType2 with
``/FontFile2``): real fonts, selectable and searchable text. CFF-outline OpenType fonts
(Noto Sans CJK / Source Han Sans, ``.otf`` or ``.ttc``) are a different matter: with
Type 42 matplotlib writes their CFF data into ``/FontFile2`` as if it were TrueType
(matplotlib issue #20870), which poppler tolerates and Acrobat may refuse. When any font
of the list has CFF outlines we ask for Type 3 instead: matplotlib then draws the glyphs
as embedded procedures and adds a ``/ToUnicode`` map, so the PDF is valid everywhere and
its text is still selectable and searchable. TrueType CJK fonts are therefore preferred
when installed (Microsoft YaHei, SimHei, WenQuanYi Zen Hei ...), Noto CJK comes next.
"""

from __future__ import annotations

import contextlib
import functools
import string
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib
from matplotlib import font_manager, ft2font
from matplotlib.font_manager import FontProperties

from editor.errors import EditorError

# Preferred first: TrueType-outline fonts embed as true Type 42 fonts. A family is used
# only if its glyphs cover LATIN_SAMPLE and CJK_SAMPLE (see find_cjk_font).
CJK_FAMILIES = (
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "SimHei",
    "DengXian",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans SC",
    "PingFang SC",
    "Hiragino Sans GB",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
    "NSimSun",
    "AR PL UMing CN",
    "AR PL UKai CN",
    "Droid Sans Fallback",  # CJK only, no ASCII: never the text font, a fallback at most
)

#: Characters the text font must have: digits, Latin letters, common punctuation.
LATIN_SAMPLE = string.digits + string.ascii_letters + ".,:;%()+-/"
#: Common characters of township names and layout labels.
CJK_SAMPLE = "乡镇街道县区村社居委会合并调整驻地人口面积图例比例尺北"
#: Ships with matplotlib, so it is always there; covers Latin and most symbols.
LATIN_FAMILY = "DejaVu Sans"

INSTALL_HINT = (
    "no Chinese (CJK) font found for print layouts; install one of: Noto Sans CJK SC "
    "(Debian/Ubuntu: apt install fonts-noto-cjk), WenQuanYi Zen Hei (fonts-wqy-zenhei), "
    "Microsoft YaHei or SimHei (Windows), PingFang SC (macOS); then delete matplotlib's "
    "font cache (~/.cache/matplotlib) if it still is not found"
)


class FontMissingError(EditorError):
    """No CJK font is installed; the message says which to install."""

    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


@dataclass(frozen=True)
class LayoutFonts:
    """The text font (``family`` at ``path``) and the families behind it, in order."""

    family: str
    path: str
    cff: bool  # some font of the list has CFF outlines: embed as Type 3 (module docstring)
    fallbacks: tuple[str, ...] = ()

    @property
    def families(self) -> list[str]:
        out = [self.family]
        for f in (*self.fallbacks, LATIN_FAMILY):
            if f not in out:
                out.append(f)
        return out

    def prop(self, size: float, bold: bool = False) -> FontProperties:
        return FontProperties(family=self.families, size=size, weight="bold" if bold else "normal")

    @property
    def pdf_fonttype(self) -> int:
        return 3 if self.cff else 42


def _is_cff(path: str, index: int = 0) -> bool:
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        try:
            return "CFF " in font or "CFF2" in font
        finally:
            font.close()
    except Exception:  # unreadable: assume the worst, Type 3 always works
        return True


@functools.cache
def charmap(path: str, index: int = 0) -> frozenset[int]:
    """The code points the font face at ``path`` (face ``index`` of a collection) maps."""
    try:
        return frozenset(ft2font.FT2Font(path, face_index=index).get_charmap())
    except Exception:  # unreadable or not a font: covers nothing
        return frozenset()


def covers(path: str, text: str, index: int = 0) -> bool:
    """Whether the font face has a glyph for every character of ``text``."""
    cmap = charmap(path, index)
    return all(ord(c) in cmap for c in text)


def _regular_faces() -> dict[str, font_manager.FontEntry]:
    """One face per family name, the regular upright one when there is one."""

    def rank(e) -> tuple:
        weight = e.weight if isinstance(e.weight, int) else 400
        return (e.style != "normal", abs(weight - 400))

    faces: dict[str, font_manager.FontEntry] = {}
    for e in font_manager.fontManager.ttflist:
        best = faces.get(e.name)
        if best is None or rank(e) < rank(best):
            faces[e.name] = e
    return faces


@functools.cache
def find_cjk_font() -> LayoutFonts:
    """The layout fonts: the first family of :data:`CJK_FAMILIES` covering Latin and CJK.

    Without one, :data:`LATIN_FAMILY` comes first and the first CJK-only family behind
    it. ``FontMissingError`` when no installed family covers CJK at all.
    """
    faces = _regular_faces()
    cjk_only = []
    for family in CJK_FAMILIES:
        e = faces.get(family)
        if e is None or not covers(e.fname, CJK_SAMPLE, e.index):
            continue
        if covers(e.fname, LATIN_SAMPLE, e.index):
            return LayoutFonts(family, e.fname, _is_cff(e.fname, e.index))
        cjk_only.append(e)
    if cjk_only:
        e = cjk_only[0]
        latin = font_manager.findfont(FontProperties(family=LATIN_FAMILY), fallback_to_default=True)
        return LayoutFonts(
            LATIN_FAMILY, str(latin), _is_cff(str(latin)) or _is_cff(e.fname, e.index), (e.name,)
        )
    raise FontMissingError()


def render_rc(fonts: LayoutFonts) -> dict:
    """rcParams to apply (through ``rc_context``) while drawing or saving a layout."""
    return {
        "pdf.fonttype": fonts.pdf_fonttype,
        "svg.fonttype": "path",  # SVG text as outlines: looks the same without the font
        "font.family": fonts.families,
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


@contextlib.contextmanager
def layout_rc(fonts: LayoutFonts | None = None) -> Iterator[LayoutFonts]:
    fonts = fonts or find_cjk_font()
    with matplotlib.rc_context(render_rc(fonts)):
        yield fonts
