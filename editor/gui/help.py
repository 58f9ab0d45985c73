"""Help > User guide (F1) and Help > About.

The guide is ``docs/user-guide.md`` (Chinese) or ``docs/user-guide.en.md`` (English),
chosen by the interface language and shown as Markdown in a ``QTextBrowser``. The
shortcut table between ``<!-- shortcuts -->`` and ``<!-- /shortcuts -->`` is replaced by
one made from the window's own menus when the guide is shown, so what the user reads
is what the keys do, whatever features are installed.

``install(window)`` adds both actions to ``window.menus["help"]`` (creating the menu
when the window has none).
"""

from __future__ import annotations

import html
import platform
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from editor.gui.i18n import CHINESE, current_language

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDES = {CHINESE: "user-guide.md", "en": "user-guide.en.md"}
SHORTCUTS_BLOCK = re.compile(r"<!-- shortcuts -->.*?<!-- /shortcuts -->", re.S)
MENU_ORDER = ("file", "edit", "view", "plan", "help")


def guide_path(language: str | None = None) -> Path:
    """The guide file for ``language`` (default: the interface language)."""
    language = language or current_language()
    return DOCS / GUIDES.get(language, GUIDES["en"])


def plain(text: str) -> str:
    """A menu text without its mnemonic: "&Save plan" → "Save plan", "保存方案(&S)" → "保存方案"."""
    text = re.sub(r"\(&\w\)", "", text)
    text = re.sub(r"&(.)", r"\1", text)
    return text.replace("…", "").strip()


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(menu › command, keys) of every menu action with a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            if action.isSeparator() or id(action) in seen:
                continue
            seen.add(id(action))
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} › {plain(action.text())}")
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            keys = [k for k in keys if k]
            if keys:
                rows.append((f"{path} › {plain(action.text())}", " / ".join(keys)))

    menus = getattr(window, "menus", {})
    for key in sorted(menus, key=lambda k: MENU_ORDER.index(k) if k in MENU_ORDER else 99):
        walk(menus[key], plain(menus[key].title()))
    return rows


def shortcut_table(window) -> str:
    """The window's shortcuts as a Markdown table."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "| {c} | {k} |".format(
            c=QCoreApplication.translate("Help", "Command"),
            k=QCoreApplication.translate("Help", "Keys"),
        ),
        "|---|---|",
    ]
    lines += [f"| {cell(name)} | {cell(keys)} |" for name, keys in shortcut_rows(window)]
    return "\n".join(lines)


def guide_markdown(window, language: str | None = None) -> str:
    """The guide's Markdown with the live shortcut table; a short note when it is missing."""
    path = guide_path(language)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return QCoreApplication.translate(
            "Help", "The user guide is not installed (expected at {path})."
        ).format(path=path)
    table = shortcut_table(window)
    return SHORTCUTS_BLOCK.sub(lambda _m: table, text, count=1)


class GuideDialog(QDialog):
    """The user guide in a browser window; follows a change of interface language."""

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("help_guide_dialog")
        self.window_ = window
        self.resize(860, 760)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("help_guide_browser")
        self.browser.setOpenExternalLinks(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.buttons)
        self.reload()

    def reload(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("Help", "User guide"))
        self.browser.setMarkdown(guide_markdown(self.window_))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            # after the window has retranslated its menus, which the table is made from
            QTimer.singleShot(0, self, self.reload)
        super().changeEvent(event)


def about_html() -> str:
    """Name, version and the versions of the libraries that do the work (for support)."""
    import editor

    versions = [("Python", platform.python_version())]
    try:
        import PySide6
        from PySide6.QtCore import qVersion

        versions.append(("PySide6 / Qt", f"{PySide6.__version__} / {qVersion()}"))
    except ImportError:  # pragma: no cover - this module runs under Qt
        pass
    for name, get in (
        ("shapely / GEOS", lambda m: f"{m.__version__} / {m.geos_version_string}"),
        ("pyproj / PROJ", lambda m: f"{m.__version__} / {m.proj_version_str}"),
        ("pyogrio / GDAL", lambda m: f"{m.__version__} / {m.__gdal_version_string__}"),
        ("matplotlib", lambda m: m.__version__),
    ):
        module = name.split(" ")[0]
        try:
            versions.append((name, get(__import__(module))))
        except Exception:  # a library missing or without the attribute: leave it out
            continue
    rows = "".join(
        f"<tr><td>{html.escape(k)}</td><td>&nbsp;{html.escape(v)}</td></tr>" for k, v in versions
    )
    return "<h3>{name}</h3><p>{version}</p><p>{what}</p><table>{rows}</table>".format(
        name=html.escape(QCoreApplication.translate("MainWindow", "Township Boundary Editor")),
        version=html.escape(
            QCoreApplication.translate("Help", "Version {version}").format(
                version=editor.__version__
            )
        ),
        what=html.escape(
            QCoreApplication.translate(
                "Help",
                "Plans township and village mergers: merge on the map, check the "
                "reform's rules, print the layouts and export the results. Works offline.",
            )
        ),
        rows=rows,
    )


class HelpFeature:
    """Help > User guide (F1) and Help > About."""

    def __init__(self, window):
        self.window = window
        menu = getattr(window, "menus", {}).get("help")
        self._own_menu = menu is None
        if menu is None:
            menu = window.menuBar().addMenu("")
            menu.setObjectName("menu_help")
            window.menus["help"] = menu
        self.menu = menu
        self.guide_action = QAction(window)
        self.guide_action.setObjectName("action_user_guide")
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(lambda: self.show_guide())
        self.about_action = QAction(window)
        self.about_action.setObjectName("action_about")
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: self.show_about())
        menu.addAction(self.guide_action)
        menu.addSeparator()
        menu.addAction(self.about_action)
        self.guide: GuideDialog | None = None
        self.about: QMessageBox | None = None
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        if self._own_menu:
            self.menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self.guide_action.setText(QCoreApplication.translate("Help", "&User guide"))
        self.guide_action.setStatusTip(
            QCoreApplication.translate("Help", "The workflow, the mouse gestures and the shortcuts")
        )
        self.about_action.setText(QCoreApplication.translate("Help", "&About"))
        self.about_action.setStatusTip(
            QCoreApplication.translate("Help", "Version and libraries of the editor")
        )

    def show_guide(self) -> GuideDialog:
        """Open the guide (or bring it to the front, reloaded)."""
        if self.guide is None:
            self.guide = GuideDialog(self.window, self.window)
        else:
            self.guide.reload()
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()
        return self.guide

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self.window)
        box.setObjectName("help_about_box")
        box.setWindowTitle(QCoreApplication.translate("Help", "About"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(about_html())
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about = box
        box.open()
        return box


def install(window) -> HelpFeature:
    """Add Help > User guide (F1) and Help > About to the window."""
    feature = HelpFeature(window)
    window.help_feature = feature
    return feature
