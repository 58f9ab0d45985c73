"""File menu basics: Open layer, Add reference layer, Recent files, Quit.

Also the one list of layer files the editor opens (:data:`LAYER_SUFFIXES`): the open
dialogs' filter and dropping a file on the window (``MainWindow.dropEvent``) both use it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

from editor.gui import i18n
from editor.io.read.files import LAYER_SUFFIXES  # the one list, shared with the CLI

MAX_RECENT = 10


def recent_files() -> list[str]:
    """Recently opened layer files, newest first (the user's settings)."""
    value = i18n.settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent(path: str | Path) -> None:
    """Put ``path`` first in the recent files (the loader calls it once a layer opened)."""
    path = str(Path(path).resolve())
    files = [f for f in recent_files() if f != path]
    i18n.settings().setValue("recent_files", [path, *files][:MAX_RECENT])


def _patterns() -> str:
    return " ".join(f"*{suffix}" for suffix in LAYER_SUFFIXES)


def layer_filter() -> str:
    """The Open layer dialog's file filter: :data:`LAYER_SUFFIXES`, then all files."""
    return ";;".join(
        [
            QCoreApplication.translate("FileActions", "Township layers ({patterns})").format(
                patterns=_patterns()
            ),
            QCoreApplication.translate("FileActions", "All files (*)"),
        ]
    )


def reference_filter() -> str:
    """The Add reference layer dialog's file filter."""
    return ";;".join(
        [
            QCoreApplication.translate("FileActions", "Vector layers ({patterns})").format(
                patterns=_patterns()
            ),
            QCoreApplication.translate("FileActions", "All files (*)"),
        ]
    )


def dropped_layer(mime: object) -> Path | None:
    """The first local layer file (one of :data:`LAYER_SUFFIXES`) in a drag's URLs."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in LAYER_SUFFIXES:
            return Path(url.toLocalFile())
    return None


def install(window: Any) -> dict[str, QAction]:
    menu: QMenu = window.menus["file"]
    open_action = QAction(window)
    open_action.setObjectName("action_open_layer")
    open_action.setShortcut(QKeySequence.StandardKey.Open)

    def start_dir() -> str:
        recent = recent_files()
        return str(Path(recent[0]).parent) if recent else ""

    def open_layer() -> None:
        path, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("FileActions", "Open township layer"),
            start_dir(),
            layer_filter(),
        )
        if path:
            window.open_layer(path)

    open_action.triggered.connect(open_layer)

    ref_action = QAction(window)
    ref_action.setObjectName("action_add_reference")

    def add_reference() -> None:
        if window.project is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            window,
            QCoreApplication.translate("FileActions", "Add reference layer"),
            start_dir(),
            reference_filter(),
        )
        if path:
            window.add_reference_layer(path)

    ref_action.triggered.connect(add_reference)

    recent_menu = QMenu(menu)
    recent_menu.setObjectName("menu_recent")

    def fill_recent() -> None:
        recent_menu.clear()
        files = recent_files()
        for k, f in enumerate(files):
            act = recent_menu.addAction(f"&{k + 1} {Path(f).name}")
            act.setToolTip(f)
            act.setData(f)
            act.triggered.connect(lambda _=False, f=f: window.open_layer(f))
        if not files:
            empty = recent_menu.addAction(QCoreApplication.translate("FileActions", "(none)"))
            empty.setEnabled(False)

    recent_menu.aboutToShow.connect(fill_recent)

    quit_action = QAction(window)
    quit_action.setObjectName("action_quit")
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)

    menu.addAction(open_action)
    menu.addMenu(recent_menu)
    menu.addAction(ref_action)
    menu.addSeparator()
    window.file_quit_separator = menu.addSeparator()
    menu.addAction(quit_action)
    window.toolbar.addAction(open_action)

    def retranslate() -> None:
        open_action.setText(QCoreApplication.translate("FileActions", "&Open layer…"))
        open_action.setToolTip(
            QCoreApplication.translate(
                "FileActions", "Open a township layer (shapefile, GeoPackage, GeoJSON)"
            )
        )
        ref_action.setText(QCoreApplication.translate("FileActions", "Add &reference layer…"))
        recent_menu.setTitle(QCoreApplication.translate("FileActions", "Recent &files"))
        quit_action.setText(QCoreApplication.translate("FileActions", "&Quit"))

    window.retranslators.append(retranslate)
    window.recent_menu = recent_menu
    return {"open_layer": open_action, "add_reference": ref_action, "quit": quit_action}
