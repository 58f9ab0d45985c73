"""The main window: assembles the canvas, menus, toolbar, status bar and features.

Each feature (docks, language menu, threaded loader, facilities, plan files, print
layouts, rules) is a module exposing ``install(window)``. The window imports them
explicitly and calls each function listed in :data:`FEATURES`; a feature that is missing
or fails to install stops the window from opening (loudly, with its traceback).
Adding a feature is one import and one line in :data:`FEATURES`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QUndoView,
)

from editor.core.commands import Command, CommandError
from editor.core.project import Project, ReferenceLayer
from editor.errors import EditorError
from editor.gui import (
    docks,
    facilities,
    facilities_legend,
    help,
    i18n,
    loader,
    plan_actions,
    print_action,
    rules_dialog,
)
from editor.gui.actions.file import dropped_layer
from editor.gui.app import settle_heap, unsettle_heap
from editor.gui.i18n import message_text
from editor.gui.map import MapCanvas
from editor.gui.undo import PlanCommand

#: Each feature's ``install(window)``, in install order (the menus fill in this order).
#: Add a feature here: import its module above and list its ``install``.
FEATURES: tuple[Callable[[MainWindow], object], ...] = (
    docks.install,
    i18n.install,
    loader.install,
    facilities.install,
    facilities_legend.install,
    plan_actions.install,
    print_action.install,
    rules_dialog.install,
    help.install,
)


class StatusHelper:
    """Status bar: a transient message plus cursor coordinates, CRS and scale."""

    def __init__(self, window: QMainWindow):
        self.bar = window.statusBar()
        self.coords = QLabel()
        self.coords.setObjectName("status_coords")
        self.coords.setMinimumWidth(220)
        self.scale = QLabel()
        self.scale.setObjectName("status_scale")
        self.scale.setMinimumWidth(110)
        self.crs = QLabel()
        self.crs.setObjectName("status_crs")
        for w in (self.coords, self.scale, self.crs):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.bar.addPermanentWidget(w)
        self._geographic = True

    def message(self, text: str, timeout_ms: int = 6000) -> None:
        self.bar.showMessage(text, timeout_ms)

    def set_crs(self, name: str, geographic: bool) -> None:
        self._geographic = geographic
        self.crs.setText(name)

    def set_cursor(self, x: float, y: float) -> None:
        if self._geographic:
            ew = "E" if x >= 0 else "W"
            ns = "N" if y >= 0 else "S"
            self.coords.setText(f"{abs(x):.5f}°{ew}  {abs(y):.5f}°{ns}")
        else:
            self.coords.setText(f"{x:,.1f}  {y:,.1f} m")

    def set_scale(self, denominator: float) -> None:
        n = float(denominator)
        rounded = round(n, -int(max(0, len(str(int(n))) - 3))) if n >= 1000 else round(n)
        self.scale.setText(f"1:{int(rounded):,}")


class MainWindow(QMainWindow):
    """The editor window. Extension points: see docs/architecture.md (editor/gui)."""

    project_changed = Signal(object)

    def __init__(self, project: Project | None = None, install_features: bool = True):
        super().__init__()
        self.setObjectName("main_window")
        self.resize(1600, 1000)
        self.setAcceptDrops(True)
        self.project: Project | None = None
        self.undo_stack = QUndoStack(self)
        self._context_town = -1
        self.retranslators: list = []
        self.canvas = MapCanvas(None, push=self.push, parent=self)
        self.setCentralWidget(self.canvas)
        self.status = StatusHelper(self)
        self.menus: dict[str, QMenu] = {}
        for key in ("file", "edit", "view", "plan", "help"):
            menu = self.menuBar().addMenu("")
            menu.setObjectName(f"menu_{key}")
            self.menus[key] = menu
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.undo_view = QUndoView(self.undo_stack)
        self.undo_dock = QDockWidget(self)
        self.undo_dock.setObjectName("undo_history_dock")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()

        from editor.gui import actions

        self.actions_ = actions.install(self)
        self.canvas.cursor_moved.connect(self.status.set_cursor)
        self.canvas.scale_changed.connect(self.status.set_scale)
        self.canvas.context_menu_requested.connect(self.show_context_menu)
        self.features: dict[str, object] = {}
        if project is not None:
            # features read window.project when they install, and follow project_changed
            self.set_project(project)
        if install_features:
            self.install_features()
        self.retranslate()

    # -- features ---------------------------------------------------------------------
    def install_features(self, features: Sequence[Callable | str] | None = None) -> None:
        """Install ``features`` (default: all of :data:`FEATURES`); errors propagate.

        A feature may also be named by its module (``"editor.gui.rules_dialog"``), for
        tests written before the explicit list; an unknown name raises ``KeyError``.
        """
        by_module = {f.__module__: f for f in FEATURES}
        for feature in FEATURES if features is None else features:
            install = by_module[feature] if isinstance(feature, str) else feature
            self.features[install.__module__] = install(self)

    # -- project ----------------------------------------------------------------------
    def set_project(self, project: Project) -> None:
        """Show a project (a newly opened layer); clears the undo history."""
        old = self.project
        if old is not None and old is not project:
            unsettle_heap()  # the old project's cycles become collectable again
        self.project = project
        self.undo_stack.clear()
        self.context_town = -1
        self._ensure_border_reference(project)
        self.canvas.set_project(project)
        crs = project.layer.crs
        self.status.set_crs(crs.name, bool(crs.is_geographic))
        self.status.set_scale(self.canvas.scale_denominator())
        self.retranslate()
        self.project_changed.emit(project)
        if old is not None and old is not project:
            old.close()
        settle_heap()

    def _ensure_border_reference(self, project: Project) -> None:
        path = (project.load_options or {}).get("border_layer")
        if not path or any(str(r.path) == str(path) for r in project.references):
            return
        try:
            ref = self.read_reference(path, project)
        except EditorError as exc:
            self.status.message(message_text(exc))
            return
        ref.meta["style"] = {"color": "#c2255c", "width": 3.0, "dash": True}
        ref.meta["border"] = True
        project.references.append(ref)

    def read_reference(self, path: str | Path, project: Project | None = None) -> ReferenceLayer:
        """A reference layer read and reprojected into the town layer's metric CRS."""
        from editor.core.reference import geometry_kind, to_metric
        from editor.io.reference import read_reference

        project = project or self.project
        frame, crs = read_reference(path)
        geoms = to_metric(frame.geometry.array, crs, project.layer)
        return ReferenceLayer(
            path=Path(path), geometry=geoms, kind=geometry_kind(geoms), name=Path(path).stem
        )

    def add_reference_layer(self, path: str | Path, above: bool = True) -> ReferenceLayer | None:
        if self.project is None:
            return None
        try:
            ref = self.read_reference(path)
        except EditorError as exc:
            QMessageBox.warning(
                self,
                QCoreApplication.translate("MainWindow", "Add reference layer"),
                message_text(exc),
            )
            return None
        ref.above = above if ref.kind != "polygon" else False
        self.project.add_reference(ref)
        return ref

    def open_layer(self, path: str | Path, options: object | None = None) -> bool:
        """Open a township layer with ``options`` (``LoadOptions``; ``None`` = detect
        everything), replacing the project once unsaved work is settled. Reads in a worker
        thread (``loader.open_layer_async``); False when the user cancelled the question."""
        if not self.maybe_save():
            return False
        loader.open_layer_async(self, str(path), options)
        return True

    def maybe_save(self) -> bool:
        """Save / Discard / Cancel when the plan has unsaved changes; False = cancelled."""
        return plan_actions.maybe_save(self)

    # -- commands ---------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        """Apply a core command as one undo step; a command that cannot apply is reported."""
        if self.project is None:
            return False
        plan = self.project.plan
        try:
            command.redo(plan)
        except CommandError as exc:
            self.status.message(message_text(exc))
            return False
        self.undo_stack.push(PlanCommand(plan, command, applied=True))
        return True

    # -- context menu -----------------------------------------------------------------
    @property
    def context_town(self) -> int:
        """The right-clicked town (-1 when none): plan actions apply to it if unselected."""
        return self._context_town

    @context_town.setter
    def context_town(self, town: int) -> None:
        self._context_town = int(town)
        if self.project is not None and hasattr(self, "plan_actions"):
            from editor.gui.actions.plan import update_enabled

            update_enabled(self)

    def context_towns(self) -> list[int]:
        """Towns a plan action works on: the selection, else the right-clicked town."""
        if self.project is None:
            return []
        sel = self.project.selection
        if self.context_town >= 0 and self.context_town not in sel:
            return [self.context_town]
        return sorted(sel.towns)

    def show_context_menu(self, town: int, global_pos) -> None:
        if self.project is None:
            return
        if town >= 0 and town not in self.project.selection:
            self.project.selection.set([town])
        self.context_town = town
        menu = QMenu(self)
        for key in ("new_unit", "detach", "set_seat", "rename", None, "zoom_unit"):
            if key is None:
                menu.addSeparator()
            else:
                menu.addAction(self.plan_actions[key])
        menu.exec(global_pos)
        self.context_town = -1

    # -- language ---------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = {
            "file": QCoreApplication.translate("MainWindow", "&File"),
            "edit": QCoreApplication.translate("MainWindow", "&Edit"),
            "view": QCoreApplication.translate("MainWindow", "&View"),
            "plan": QCoreApplication.translate("MainWindow", "&Plan"),
            "help": QCoreApplication.translate("MainWindow", "&Help"),
        }
        for key, menu in self.menus.items():
            menu.setTitle(titles[key])
        self.toolbar.setWindowTitle(QCoreApplication.translate("MainWindow", "Tools"))
        self.undo_dock.setWindowTitle(QCoreApplication.translate("MainWindow", "Undo history"))
        self.undo_view.setEmptyLabel(QCoreApplication.translate("MainWindow", "<opened>"))
        name = ""
        if self.project is not None and self.project.source_path is not None:
            name = Path(self.project.source_path).name + " — "
        self.setWindowTitle(
            name + QCoreApplication.translate("MainWindow", "Township Boundary Editor")
        )
        for fn in self.retranslators:
            fn()
        for i in range(self.undo_stack.count()):
            cmd = self.undo_stack.command(i)
            if isinstance(cmd, PlanCommand):
                cmd.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- file drops -------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_layer(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_layer(event.mimeData())
        if path is None:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.open_layer(path)

    def closeEvent(self, event: QEvent) -> None:
        self.canvas.close()
        super().closeEvent(event)
