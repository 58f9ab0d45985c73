"""QApplication set-up: names, a CJK font for Chinese names, translators."""

from __future__ import annotations

import gc
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


#: allocations between collections of the youngest generation (CPython's default: 700)
GC_THRESHOLD = 20_000


def tune_gc() -> None:
    """Keep the cyclic garbage collector from rescanning a province again and again.

    Opening a 40,000-town layer makes a few hundred thousand long-lived objects
    (units, statistics, Qt wrappers) in one go. With CPython's default thresholds the
    collector rescans the whole growing heap many times on the way: ~0.5 s of a 3.5 s
    start. Objects alive now (the imported modules) are frozen out of every scan and
    the youngest generation is collected less often. :func:`settle_heap` does the same
    for a project once it is shown.
    """
    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(max(GC_THRESHOLD, gc.get_threshold()[0]), second, third)


def settle_heap() -> None:
    """Move everything alive now (a freshly opened project) out of the collector's scans.

    A full collection over an open province costs 0.1-0.2 s: one in the middle of a
    drag would cost frames. Objects of the previous project were unfrozen before the
    new one was built (:func:`unsettle_heap`), so their cycles are collected normally
    from then on (any still pending now wait for the next project).
    """
    gc.freeze()


def unsettle_heap() -> None:
    """Let the collector see frozen objects again (before a project is replaced)."""
    gc.unfreeze()


def create_app(argv: Sequence[str] | None = None, lang: str | None = None) -> QApplication:
    """The QApplication (created once), with a CJK font and the start-up language.

    ``app.property("cjk_font")`` holds the chosen family, or is empty when none was
    found; the window then tells the user (see ``NO_CJK_FONT_MESSAGE``).
    """
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv[:1]))
        tune_gc()
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
