"""File menu basics: Open layer, Add reference layer, Recent files, Quit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu

MAX_RECENT = 10


def _settings() -> QSettings:
    try:
        from editor.gui.i18n import settings
    except ImportError:
        return QSettings("TownshipBoundaryEditor", "Township Boundary Editor")
    return settings()


def recent_files() -> list[str]:
    value = _settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def add_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    files = [f for f in recent_files() if f != path]
    _settings().setValue("recent_files", [path, *files][:MAX_RECENT])


def layer_filter() -> str:
    return ";;".join(
        [
            QCoreApplication.translate(
                "FileActions", "Township layers (*.shp *.gpkg *.geojson *.json *.zip)"
            ),
            QCoreApplication.translate("FileActions", "All files (*)"),
        ]
    )


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
            ";;".join(
                [
                    QCoreApplication.translate(
                        "FileActions", "Vector layers (*.shp *.gpkg *.geojson *.json *.zip)"
                    ),
                    QCoreApplication.translate("FileActions", "All files (*)"),
                ]
            ),
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
