"""Finding a CJK font and embedding it so Chinese text in a PDF stays searchable.

matplotlib embeds TrueType-outline fonts (``glyf``) as Type 42 (CIDFontType2 with
``/FontFile2``): real fonts, selectable and searchable text. CFF-outline OpenType fonts
(Noto Sans CJK / Source Han Sans, ``.otf`` or ``.ttc``) are a different matter: with
Type 42 matplotlib writes their CFF data into ``/FontFile2`` as if it were TrueType
(matplotlib issue #20870), which poppler tolerates and Acrobat may refuse. For those
fonts we ask for Type 3 instead: matplotlib then draws the glyphs as embedded
procedures and adds a ``/ToUnicode`` map, so the PDF is valid everywhere and its text
is still selectable and searchable. TrueType CJK fonts are preferred when installed
(Microsoft YaHei, SimHei, WenQuanYi Zen Hei ...), Noto CJK is the fallback.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib
from matplotlib import font_manager
from matplotlib.font_manager import FontProperties

from editor.errors import EditorError

# Preferred first: TrueType-outline fonts embed as true Type 42 fonts.
CJK_FAMILIES = (
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Sans SC",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
)

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
    family: str
    path: str
    cff: bool  # CFF outlines: embed as Type 3 (see module docstring)

    def prop(self, size: float, bold: bool = False) -> FontProperties:
        return FontProperties(family=self.family, size=size, weight="bold" if bold else "normal")

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
def find_cjk_font() -> LayoutFonts:
    """The first installed CJK family in :data:`CJK_FAMILIES`; ``FontMissingError`` if none."""
    entries = {}
    for e in font_manager.fontManager.ttflist:
        entries.setdefault(e.name, e)
    for family in CJK_FAMILIES:
        e = entries.get(family)
        if e is not None:
            return LayoutFonts(family, e.fname, _is_cff(e.fname, getattr(e, "index", 0)))
    raise FontMissingError()


def render_rc(fonts: LayoutFonts) -> dict:
    """rcParams to apply (through ``rc_context``) while drawing or saving a layout."""
    return {
        "pdf.fonttype": fonts.pdf_fonttype,
        "svg.fonttype": "path",  # SVG text as outlines: looks the same without the font
        "font.family": [fonts.family, "DejaVu Sans"],
        "axes.unicode_minus": False,
        "path.simplify": True,
    }


@contextlib.contextmanager
def layout_rc(fonts: LayoutFonts | None = None) -> Iterator[LayoutFonts]:
    fonts = fonts or find_cjk_font()
    with matplotlib.rc_context(render_rc(fonts)):
        yield fonts
