"""Edit menu: Undo/Redo (from the undo stack), selection, map tools."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from editor.core.parents import level_of


def is_village(window: Any) -> bool:
    """The open layer is a village layer (its words say 村, not 乡镇)."""
    project = getattr(window, "project", None)
    return project is not None and level_of(project.layer) == "village"


def install(window: Any) -> dict[str, QAction]:
    menu = window.menus["edit"]
    stack = window.undo_stack
    # text and enabled state follow the stack ("Undo Move 新村镇 into 城关镇")
    undo = stack.createUndoAction(window, QCoreApplication.translate("EditActions", "Undo"))
    undo.setObjectName("action_undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = stack.createRedoAction(window, QCoreApplication.translate("EditActions", "Redo"))
    redo.setObjectName("action_redo")
    redo.setShortcut(QKeySequence.StandardKey.Redo)

    select_all = QAction(window)
    select_all.setObjectName("action_select_all")
    select_all.setShortcut(QKeySequence.StandardKey.SelectAll)
    select_all.triggered.connect(
        lambda: window.project and window.project.selection.set(range(window.project.layer.n))
    )
    clear = QAction(window)
    clear.setObjectName("action_clear_selection")
    clear.setShortcut(QKeySequence(QKeySequence.StandardKey.Deselect))
    clear.triggered.connect(lambda: window.project and window.project.selection.clear())

    group = QActionGroup(window)
    group.setExclusive(True)
    select_tool = QAction(window, checkable=True)
    select_tool.setObjectName("action_tool_select")
    select_tool.setChecked(True)
    select_tool.setShortcut(QKeySequence("S"))
    paint_tool = QAction(window, checkable=True)
    paint_tool.setObjectName("action_tool_paint")
    paint_tool.setShortcut(QKeySequence("P"))
    for act, name in ((select_tool, "select"), (paint_tool, "paint")):
        group.addAction(act)
        act.toggled.connect(lambda on, name=name: on and window.canvas.set_tool(name))

    menu.addAction(undo)
    menu.addAction(redo)
    menu.addSeparator()
    menu.addAction(select_all)
    menu.addAction(clear)
    menu.addSeparator()
    menu.addAction(select_tool)
    menu.addAction(paint_tool)
    tb = window.toolbar
    tb.addAction(undo)
    tb.addAction(redo)
    tb.addSeparator()
    tb.addAction(select_tool)
    tb.addAction(paint_tool)

    def retranslate() -> None:
        # a village layer says 村 where a town layer says 乡镇 (separate strings, not
        # a word swapped in, so each language words the whole phrase); set_project
        # calls the retranslators, so the words follow the open layer
        village = is_village(window)
        undo.setText(QCoreApplication.translate("EditActions", "Undo"))
        redo.setText(QCoreApplication.translate("EditActions", "Redo"))
        select_all.setText(
            QCoreApplication.translate("EditActions", "Select &all villages")
            if village
            else QCoreApplication.translate("EditActions", "Select &all towns")
        )
        clear.setText(QCoreApplication.translate("EditActions", "&Clear selection"))
        select_tool.setText(QCoreApplication.translate("EditActions", "&Select / drag to merge"))
        select_tool.setToolTip(
            QCoreApplication.translate(
                "EditActions",
                "Click to select, drag a village onto another to merge it into that unit",
            )
            if village
            else QCoreApplication.translate(
                "EditActions",
                "Click to select, drag a town onto another to merge it into that unit",
            )
        )
        paint_tool.setText(
            QCoreApplication.translate("EditActions", "&Paint villages into a unit")
            if village
            else QCoreApplication.translate("EditActions", "&Paint towns into a unit")
        )
        paint_tool.setToolTip(
            QCoreApplication.translate(
                "EditActions",
                "Press on a unit, then sweep over villages to add them to it (one undo step)",
            )
            if village
            else QCoreApplication.translate(
                "EditActions",
                "Press on a unit, then sweep over towns to add them to it (one undo step)",
            )
        )

    window.retranslators.append(retranslate)
    window.tool_actions = {"select": select_tool, "paint": paint_tool}
    return {
        "undo": undo,
        "redo": redo,
        "select_all": select_all,
        "clear_selection": clear,
        "tool_select": select_tool,
        "tool_paint": paint_tool,
    }
