"""The File menu's plan actions of one window: :class:`PlanActions` and ``install``.

``install(window)`` adds to ``window.menus["file"]``: Open plan…, Save plan (Ctrl+S),
Save plan as…, Import assignment table…, Export merged units…, Export tables…. It
keeps a crash journal attached to the plan of every project the window shows, offers
recovery when a journal of unsaved changes exists (at start-up and whenever a layer or
plan is opened), marks the title with ``*`` while there are unsaved changes, and asks
Save / Discard / Cancel when the window is closed with unsaved changes.

The work is done by ``editor.io`` (planfile, journal, export, tables); the mixins
(:mod:`.files`, :mod:`.recovery`, :mod:`.exports`) ask for file names, show one-line
errors, and push the import as one undo step. A failed save or export leaves the plan
in memory as it was.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence

from editor.core.project import Project
from editor.gui.jobs import Job
from editor.gui.plan.common import _headless, ask_unsaved
from editor.gui.plan.exports import ExportActions
from editor.gui.plan.files import FileActions
from editor.gui.plan.recovery import RecoveryActions
from editor.io import journal as journal_io


class PlanActions(FileActions, RecoveryActions, ExportActions, QObject):
    """The plan-file actions of one window, and the journal of its current plan."""

    def __init__(self, window: object):
        super().__init__(window)
        self.window = window
        self.journal: journal_io.Journal | None = None
        self.recovered_unsaved = False  # a recovery put changes in that are not saved yet
        self.layers_changed = False  # facility/reference layers added or removed since saving
        self._suppress_recovery = False  # while a plan is being opened on a new layer
        self._journal_warned = False
        self.copy_of: Path | None = None  # this window shows a copy of that plan (locked)
        self._copy_next: Path | None = None  # ... for the project being opened
        self._answer: bool | None = None  # the recovery question, answered already
        self._recover_next = False  # the plan being opened is to be recovered
        self.actions: dict[str, QAction] = {}
        self.export_job: Job | None = None  # the export running in a worker, if any
        if _headless() and journal_io.ENV_RECOVERY_DIR not in os.environ:
            # tests and CI: keep journals of unsaved plans out of the user's data folder
            if journal_io._recovery_override is None:
                journal_io.set_recovery_dir(
                    Path(tempfile.gettempdir()) / f"tbe-recovery-{os.getpid()}"
                )
        self._make_actions()
        window.project_changed.connect(self._on_project_changed)
        window.undo_stack.cleanChanged.connect(self.update_title)
        window.installEventFilter(self)
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        if getattr(window, "project", None) is not None:
            self._attach(window.project)
            window.project.facilities_changed.connect(self._on_layers_changed)
            window.project.references_changed.connect(self._on_layers_changed)
        self.update_title()
        # after the window is shown: offer what a killed session left behind
        QTimer.singleShot(0, self.offer_startup_recovery)

    # -- actions ------------------------------------------------------------------------
    def _make_actions(self) -> None:
        menu = self.window.menus["file"]
        specs = [
            ("open_plan", self.open_plan, None),
            ("save_plan", self.save, QKeySequence.StandardKey.Save),
            ("save_plan_as", self.save_as, QKeySequence.StandardKey.SaveAs),
            (None, None, None),
            ("import_table", self.import_table, None),
            ("export_units", self.export_units, None),
            ("export_tables", self.export_tables, None),
        ]
        # before Quit (and its separator) when the menu has one, else at the end
        before = getattr(self.window, "file_quit_separator", None)
        if before is None:
            before = next((a for a in menu.actions() if a.objectName() == "action_quit"), None)

        def add(action: QAction) -> None:
            if before is None:
                menu.addAction(action)
            else:
                menu.insertAction(before, action)

        def separator() -> None:
            sep = QAction(self.window)
            sep.setSeparator(True)
            add(sep)

        if before is None:
            separator()
        for key, slot, shortcut in specs:
            if key is None:
                separator()
                continue
            action = QAction(self.window)
            action.setObjectName(f"action_{key}")
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda checked=False, s=slot: s())
            add(action)
            self.actions[key] = action
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "open_plan": QCoreApplication.translate("PlanActions", "Open plan…"),
            "save_plan": QCoreApplication.translate("PlanActions", "&Save plan"),
            "save_plan_as": QCoreApplication.translate("PlanActions", "Save plan &as…"),
            "import_table": QCoreApplication.translate("PlanActions", "Import assignment table…"),
            "export_units": QCoreApplication.translate("PlanActions", "Export merged units…"),
            "export_tables": QCoreApplication.translate("PlanActions", "Export tables…"),
        }
        for key, text in texts.items():
            if key in self.actions:
                self.actions[key].setText(text)
        self.update_title()

    # -- state --------------------------------------------------------------------------
    @property
    def project(self) -> Project | None:
        return getattr(self.window, "project", None)

    def is_modified(self) -> bool:
        return (
            (not self.window.undo_stack.isClean()) or self.recovered_unsaved or self.layers_changed
        )

    def _on_layers_changed(self, *_: object) -> None:
        # the plan file keeps the layers: adding or removing one is a change worth saving
        self.layers_changed = True
        self.update_title()

    def update_title(self, *_: object) -> None:
        # the undo stack announces "clean" while the window is being destroyed
        if not shiboken6.isValid(self.window):
            return
        project = self.project
        app = QCoreApplication.translate("PlanActions", "Township Boundary Editor")
        if project is None:
            self.window.setWindowTitle(app)
            self.window.setWindowModified(False)
            return
        if project.plan_path is None and self.copy_of is not None:
            name = QCoreApplication.translate("PlanActions", "{plan} (copy, not saved)").format(
                plan=self.copy_of.name
            )
        elif project.plan_path is not None:
            name = Path(project.plan_path).name
        else:
            src = Path(project.source_path).name if project.source_path else ""
            name = QCoreApplication.translate("PlanActions", "{layer} (plan not saved)").format(
                layer=src
            )
        # "[*]" is where Qt shows "*" while the window is marked modified
        self.window.setWindowTitle(f"{name}[*] — {app}")
        self.window.setWindowModified(self.is_modified())

    def _on_project_changed(self, *_: object) -> None:
        project = self.project
        self.recovered_unsaved = False
        self.layers_changed = False
        self._journal_warned = False
        self.copy_of, self._copy_next = self._copy_next, None
        if project is not None:
            project.facilities_changed.connect(self._on_layers_changed)
            project.references_changed.connect(self._on_layers_changed)
        if project is None:
            self._detach()
            self.update_title()
            return
        self._attach(project)
        self.update_title()
        if not self._suppress_recovery:
            self._schedule_recovery()

    # -- unsaved changes ----------------------------------------------------------------
    def ask_unsaved(self) -> str:
        """ "save", "discard" or "cancel"; "keep" (go on, journal kept) when headless."""
        return ask_unsaved(self.window)

    def maybe_save(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; False means stop.

        Asked before the window closes and before another layer or plan replaces the
        current one (see :func:`maybe_save`).
        """
        if self.project is None or not self.is_modified():
            return True
        answer = self.ask_unsaved()
        if answer == "keep":
            return True
        if answer == "save":
            return self.save()
        if answer == "discard":
            self._detach(remove=True)
            self.recovered_unsaved = False
            self.layers_changed = False
            self.window.undo_stack.setClean()
            if self.project is not None:
                self._attach(self.project)
            return True
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            if not self.maybe_save():
                event.ignore()
                return True
            # unsaved changes still here (headless "keep"): the journal stays for recovery
            self._detach(remove=not self.is_modified())
        return False


def install(window: object) -> PlanActions:
    """Add the plan-file actions to ``window`` (see the module docstring)."""
    window.plan_file_actions = PlanActions(window)
    return window.plan_file_actions
