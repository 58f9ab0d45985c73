"""Qt test helpers (not a test module).

``FakeWindow`` stands in for ``MainWindow``'s extension points. It is a leftover: tests of
features a user reaches should drive the real ``MainWindow`` instead.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu


class _Adapter(QUndoCommand):
    """Minimal stand-in for editor.gui.undo.PlanCommand."""

    def __init__(self, plan, command):
        super().__init__()
        self.plan, self.command = plan, command

    def redo(self):
        self.command.redo(self.plan)
        self.setText(self.command.label)

    def undo(self):
        self.command.undo(self.plan)


class FakeWindow(QMainWindow):
    """The MainWindow extension points the docks and the loader use."""

    project_changed = Signal()

    def __init__(self, project):
        super().__init__()
        self.project = project
        self.undo_stack = QUndoStack(self)
        self.canvas = None
        self.menus = {}
        for key in ("file", "edit", "view", "plan", "help"):
            self.menus[key] = QMenu(key.title(), self)
            self.menuBar().addMenu(self.menus[key])
        self.zoomed: list[list[int]] = []

    def push(self, command):
        self.undo_stack.push(_Adapter(self.project.plan, command))

    def set_project(self, project):
        old, self.project = self.project, project
        self.undo_stack.clear()
        self.project_changed.emit()
        if old is not None:
            old.close()
