"""Open and save plan files.

Saving writes the plan file atomically, then folds the journal into it (the journal
is removed only after the plan file is safely written). Opening a plan of another
layer opens that layer first, with the threaded loader. A plan another instance has
open (its journal is locked) is opened as a copy, and is never saved over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from editor.core.project import Project
from editor.errors import EditorError
from editor.gui.i18n import message_text
from editor.gui.loader import open_layer_async
from editor.gui.plan.common import add_recent_plan, checked_destination, same_file
from editor.gui.plan.recovery import journal_owner
from editor.io import journal as journal_io
from editor.io import lock as lock_io
from editor.io.planfile import (
    SUFFIX,
    load_plan_file,
    open_plan_layers,
    project_rules,
    read_plan_header,
    save_project,
)


class FileActions:
    """Open and save, mixed into :class:`~editor.gui.plan.actions.PlanActions`."""

    window: object
    journal: journal_io.Journal | None
    copy_of: Path | None
    _recover_next: bool
    _copy_next: Path | None
    _answer: bool | None

    # -- saving -------------------------------------------------------------------------
    def save(self) -> bool:
        project = self.project
        if project is None:
            return False
        if project.plan_path is None:
            return self.save_as()
        return self._save_to(Path(project.plan_path))

    def save_as(self, path: str | Path | None = None) -> bool:
        project = self.project
        if project is None:
            return False
        if path is None:
            start = project.plan_path or (
                Path(project.source_path).with_suffix(SUFFIX) if project.source_path else ""
            )
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Save plan as"),
                str(start),
                QCoreApplication.translate("PlanActions", "Plan files (*.tbplan)"),
            )
            if not path:
                return False
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        project = self.project
        # never over the layer, its sidecars or the project's other layers; only .tbplan
        checked = checked_destination(
            self.window,
            project,
            path,
            "plan",
            QCoreApplication.translate("PlanActions", "Save plan"),
            include_plan=False,
        )
        if checked is None:
            return False
        path = checked
        owner = journal_owner(journal_io.journal_path(path))
        mine = self.journal is not None and self.journal.path == journal_io.journal_path(path)
        if owner is not None and not mine:
            QMessageBox.critical(
                self.window,
                QCoreApplication.translate("PlanActions", "Save plan"),
                QCoreApplication.translate(
                    "PlanActions",
                    "{name} is open in another instance of the editor ({owner}); "
                    "save under another name.",
                ).format(name=path.name, owner=owner.describe()),
            )
            return False
        try:
            save_project(project, path, rules=project_rules(project))
        except EditorError as exc:
            QMessageBox.critical(
                self.window,
                QCoreApplication.translate("PlanActions", "Save plan"),
                message_text(exc),
            )
            return False
        project.plan_path = path
        self.copy_of = None
        if self.journal is not None:
            try:
                self.journal.saved(path)
            except lock_io.LockedError:  # taken meanwhile: journal apart, as a copy
                self.copy_of = path
                self._attach(project)
        else:
            self._attach(project)
        self.recovered_unsaved = False
        self.layers_changed = False
        self.window.undo_stack.setClean()
        add_recent_plan(path)
        self.update_title()
        return True

    # -- opening ------------------------------------------------------------------------
    def open_plan(self, path: str | Path | None = None, recover: bool = False) -> bool:
        """Open a plan file: its layer too when the window shows another one.

        ``recover``: the user already said to recover its unsaved changes (start-up).
        """
        if not self.maybe_save():
            return False
        if path is None:
            start = self.project.plan_path if self.project and self.project.plan_path else ""
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Open plan"),
                str(start or ""),
                QCoreApplication.translate("PlanActions", "Plan files (*.tbplan)"),
            )
            if not path:
                return False
        path = Path(path)
        try:
            header = read_plan_header(path)
        except EditorError as exc:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("PlanActions", "Open plan"),
                message_text(exc),
            )
            return False
        project = self.project
        self._recover_next = recover
        if project is not None and same_file(project.source_path, header.source_path):
            return self._apply_plan_file(path, project.layer, project.source_path)
        source = header.source_path
        if source is None or not source.exists():
            source = self._locate_source(header)
            if source is None:
                return False
        self._open_layer_then(
            source, header.load_options, lambda: self._apply_plan_file(path, None, source)
        )
        return True

    def _locate_source(self, header: object) -> Path | None:
        QMessageBox.information(
            self.window,
            QCoreApplication.translate("PlanActions", "Open plan"),
            QCoreApplication.translate(
                "PlanActions", "The layer of this plan was not found: {path}. Please locate it."
            ).format(path=header.source_absolute or header.source_relative),
        )
        found, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("PlanActions", "Locate the township layer"),
            str(header.path.parent),
            QCoreApplication.translate("PlanActions", "Layers (*.shp *.gpkg *.geojson *.json)"),
        )
        return Path(found) if found else None

    def _open_layer_then(self, source: Path, options: object, then: object) -> None:
        """Open a layer with the threaded loader and call ``then()`` once it is shown."""
        self._suppress_recovery = True
        job = open_layer_async(self.window, source, options)

        def finished(outcome: str) -> None:
            self._suppress_recovery = False
            if outcome == "opened":
                then()
            else:
                self._answer = None

        job.finished.connect(finished)
        self._job = job  # keep a reference until it ends

    def _apply_plan_file(self, path: Path, layer: object, source: object) -> bool:
        project = self.project
        layer = layer if layer is not None else project.layer
        try:
            loaded = load_plan_file(path, layer)
        except EditorError as exc:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("PlanActions", "Open plan"),
                message_text(exc),
            )
            return False
        recover, self._recover_next = self._recover_next, False
        owner = journal_owner(journal_io.journal_path(path))
        if owner is not None and not self.ask_open_locked(path, owner):
            return False
        header = loaded.header
        options = header.load_options.to_dict() if header is not None else project.load_options
        new = Project(layer, loaded.plan, source_path=source, load_options=options)
        new.plan_path = None if owner is not None else path
        self._copy_next = path if owner is not None else None
        if loaded.rules is not None:
            new.rules_settings = loaded.rules  # passed through to the next save
        if loaded.notes:
            new.notes = loaded.notes
        # the plan's facility and reference layers, before the views see the project
        layer_messages = self._open_saved_layers(new, header) if header is not None else []
        self._suppress_recovery = True
        try:
            self.window.set_project(new)
        finally:
            self._suppress_recovery = False
        if owner is None:
            add_recent_plan(path)
        skip = set(header.warnings) if header is not None else set()
        messages = layer_messages + [message_text(m) for m in loaded.messages() if m not in skip]
        if messages:
            QMessageBox.information(
                self.window,
                QCoreApplication.translate("PlanActions", "Open plan"),
                QCoreApplication.translate(
                    "PlanActions", "The plan was opened with these differences:"
                )
                + "\n"
                + "\n".join(messages),
            )
        if recover:
            self._answer = True  # asked already: "Open it to recover?"
        self.offer_recovery()
        self.update_title()
        return True

    def _open_saved_layers(self, project: Project, header: object) -> list[str]:
        """Reopen the layers saved with the plan; one translated line per missing one."""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problems = open_plan_layers(project, header)
        finally:
            QApplication.restoreOverrideCursor()
        lines = []
        border = header.border
        if border is not None and not border.exists:
            lines.append(
                QCoreApplication.translate(
                    "PlanActions",
                    "The boundary line layer {name} was not found ({path}); "
                    "border towns come from the layer's field.",
                ).format(name=border.path.name, path=border.path)
            )
        for problem in problems:
            saved = problem.layer
            if not problem.missing:
                lines.append(message_text(problem.message()))
            elif saved.kind == "facilities":
                lines.append(
                    QCoreApplication.translate(
                        "PlanActions", "The facility layer {name} was not found ({path})."
                    ).format(name=saved.path.name, path=saved.path)
                )
            else:
                lines.append(
                    QCoreApplication.translate(
                        "PlanActions", "The reference layer {name} was not found ({path})."
                    ).format(name=saved.path.name, path=saved.path)
                )
        return lines
