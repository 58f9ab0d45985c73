"""View menu: zoom to all / selection, zoom in/out, undo history."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence


def install(window: Any) -> dict[str, QAction]:
    menu = window.menus["view"]
    canvas = window.canvas
    zoom_all = QAction(window)
    zoom_all.setObjectName("action_zoom_all")
    zoom_all.setShortcut(QKeySequence("Ctrl+0"))
    zoom_all.triggered.connect(canvas.zoom_to_all)
    zoom_sel = QAction(window)
    zoom_sel.setObjectName("action_zoom_selection")
    zoom_sel.setShortcut(QKeySequence("Ctrl+J"))

    def zoom_selection() -> None:
        if not canvas.zoom_to_selection():
            window.status.message(QCoreApplication.translate("ViewActions", "Nothing selected"))

    zoom_sel.triggered.connect(zoom_selection)
    zoom_in = QAction(window)
    zoom_in.setObjectName("action_zoom_in")
    zoom_in.setShortcut(QKeySequence.StandardKey.ZoomIn)
    zoom_in.triggered.connect(lambda: canvas.zoom_by(1.5))
    zoom_out = QAction(window)
    zoom_out.setObjectName("action_zoom_out")
    zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
    zoom_out.triggered.connect(lambda: canvas.zoom_by(1 / 1.5))
    history = window.undo_dock.toggleViewAction()
    history.setObjectName("action_undo_history")

    for act in (zoom_all, zoom_sel, zoom_in, zoom_out):
        menu.addAction(act)
    menu.addSeparator()
    menu.addAction(history)
    tb = window.toolbar
    tb.addSeparator()
    tb.addAction(zoom_all)
    tb.addAction(zoom_sel)

    def retranslate() -> None:
        zoom_all.setText(QCoreApplication.translate("ViewActions", "Zoom to &all"))
        zoom_sel.setText(QCoreApplication.translate("ViewActions", "Zoom to &selection"))
        zoom_in.setText(QCoreApplication.translate("ViewActions", "Zoom &in"))
        zoom_out.setText(QCoreApplication.translate("ViewActions", "Zoom &out"))
        history.setText(QCoreApplication.translate("ViewActions", "Undo &history"))

    window.retranslators.append(retranslate)
    return {
        "zoom_all": zoom_all,
        "zoom_selection": zoom_sel,
        "zoom_in": zoom_in,
        "zoom_out": zoom_out,
        "undo_history": history,
    }
