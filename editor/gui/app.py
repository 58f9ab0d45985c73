"""QApplication set-up: names, a CJK font for Chinese names, translators."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import editor.gui  # noqa: F401  (applies the PySide6 work-around before any widget)

#: Preferred Chinese UI fonts, best first (Linux, Windows, macOS names).
CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "Microsoft YaHei UI",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans SC",
    "SimHei",
    "DengXian",
    "SimSun",
)

NO_CJK_FONT_MESSAGE = (
    "No font with Chinese characters was found, so Chinese town names will show as boxes. "
    "Install one, for example Noto Sans CJK SC (Debian/Ubuntu: fonts-noto-cjk) or "
    "WenQuanYi Micro Hei, and restart the editor."
)


def find_cjk_font() -> str | None:
    """A font family that covers Simplified Chinese, preferring well-known UI fonts."""
    families = QFontDatabase.families()
    present = set(families)
    for name in CJK_FAMILIES:
        if name in present:
            return name
    for family in families:
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
            return family
    return None


def apply_cjk_font(app: QApplication) -> str | None:
    """Make a CJK font the application font (keeping the size); None when there is none."""
    family = find_cjk_font()
    if family is None:
        return None
    font = QFont(app.font())
    font.setFamilies([family, *app.font().families()])
    app.setFont(font)
    return family


def create_app(argv: Sequence[str] | None = None, lang: str | None = None) -> QApplication:
    """The QApplication (created once), with a CJK font and the start-up language.

    ``app.property("cjk_font")`` holds the chosen family, or is empty when none was
    found; the window then tells the user (see ``NO_CJK_FONT_MESSAGE``).
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
    app.setOrganizationName("TownshipBoundaryEditor")
    app.setApplicationName("Township Boundary Editor")
    family = apply_cjk_font(app)
    app.setProperty("cjk_font", family or "")
    try:
        from editor.gui.i18n import choose_language
    except ImportError:
        pass
    else:
        choose_language(app, lang)
    return app
