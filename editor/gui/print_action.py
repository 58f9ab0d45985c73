"""File > Print Layout…: the menu action, importing the dialog (and matplotlib) on first use.

Importing matplotlib and the layout package costs about 0.8 s, which the window should
not pay at start-up for a dialog most sessions open late or never.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction


class PrintFeature:
    """The File > Print Layout… action."""

    def __init__(self, window):
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName("action_print_layout")
        self.action.triggered.connect(lambda: self.open_dialog())
        self._add_to_file_menu(window.menus["file"])
        self.dialog = None
        window.project_changed.connect(self.on_project)
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        self.retranslate()
        self.on_project(window.project)

    def _add_to_file_menu(self, menu) -> None:
        """Above Quit (the last entry of a File menu by convention), else at the end."""
        quit_action = next((a for a in menu.actions() if a.objectName() == "action_quit"), None)
        if quit_action is None:
            menu.addSeparator()
            menu.addAction(self.action)
            return
        actions = menu.actions()
        k = actions.index(quit_action)
        before = actions[k - 1] if k and actions[k - 1].isSeparator() else quit_action
        menu.insertAction(before, self.action)  # …, Print Layout…, ―, Quit
        menu.insertSeparator(self.action)
        if before is quit_action:
            menu.insertSeparator(quit_action)

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("PrintDialog", "Print &Layout…"))
        self.action.setStatusTip(
            QCoreApplication.translate(
                "PrintDialog", "Overview, before/after and meeting packet layouts"
            )
        )

    def on_project(self, project) -> None:
        self.action.setEnabled(project is not None)

    def canvas_colors(self) -> dict[int, int] | None:
        """The map canvas's current unit colours as palette indices (None without one)."""
        colors = getattr(getattr(self.window, "canvas", None), "colors", None)
        return None if colors is None else colors.palette_indices()

    def open_dialog(self):
        if self.window.project is None:
            return None
        from editor.gui.print_dialog import PrintDialog

        self.dialog = PrintDialog(self.window.project, self.window, colors=self.canvas_colors)
        self.dialog.show()
        return self.dialog


def install(window) -> PrintFeature:
    """Add File > Print Layout… to the window."""
    feature = PrintFeature(window)
    window.print_feature = feature
    return feature
