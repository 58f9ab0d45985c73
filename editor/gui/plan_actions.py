"""File menu actions for plans: open, save, export, tables, import; journal and recovery.

``install(window)`` adds to ``window.menus["file"]``: Open plan…, Save plan (Ctrl+S),
Save plan as…, Import assignment table…, Export merged units…, Export tables…. It
keeps a crash journal attached to the plan of every project the window shows, offers
recovery when a journal of unsaved changes exists (at start-up and whenever a layer or
plan is opened), marks the title with ``*`` while there are unsaved changes, and asks
Save / Discard / Cancel when the window is closed with unsaved changes.

The work is done by ``editor.io`` (planfile, journal, export, tables); this module only
asks for file names, shows one-line errors, and pushes the import as one undo step. A
failed save or export leaves the plan in memory as it was.

Exports run in a worker thread (:class:`editor.gui.jobs.Job`) behind a busy progress
dialog, on snapshots taken when the export starts (a frozen copy of the plan and of the
rule set), so the window stays responsive and edits made meanwhile are neither blocked
nor half-exported. The dialog's button hides it and lets the export finish in the
background (a writer cannot be stopped halfway; the atomic writer leaves the
destination whole or absent); the result or error is reported when it is done.
"""

from __future__ import annotations

import copy
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from editor.core.project import Project
from editor.errors import EditorError
from editor.gui.i18n import message_text
from editor.gui.jobs import Job
from editor.io import journal as journal_io
from editor.io.planfile import (
    SUFFIX,
    load_plan_file,
    open_plan_layers,
    project_rules,
    read_plan_header,
    save_project,
)

log = logging.getLogger(__name__)
MAX_RECENT_PLANS = 10


def _language() -> str:
    try:
        from editor.gui.i18n import current_language

        return "zh" if current_language().startswith("zh") else "en"
    except Exception:  # the language module is optional here
        return "zh"


def _figure_sources(project: Project) -> dict:
    """What the window shows, for exports: the checker's rule set, the facility layers
    added to the project and the rule set's carried fields (the units dock's columns)."""
    rules = getattr(project.checker, "rules", None)
    data = getattr(rules, "data", None)
    return {
        "rules": rules,
        "facilities": tuple(getattr(project, "facilities", ()) or ()),
        "carry": tuple(getattr(data, "carried_fields", ()) or ()),
    }


def _export_sources(window: object, project: Project) -> dict:
    """Snapshots of everything an export reads, taken on the GUI thread: the plan (a
    frozen copy) and the rule set (a deep copy; the rules dialog edits it in place).
    Facility layers are read-only once loaded and are shared."""
    sources = _figure_sources(project)
    sources["rules"] = copy.deepcopy(sources["rules"])
    sources["plan"] = project.plan.copy()
    return sources


def _canvas_colors(window: object) -> dict[int, int] | None:
    """Unit id -> palette index of the map's current colours; None without a canvas."""
    colors = getattr(getattr(window, "canvas", None), "colors", None)
    indices = getattr(colors, "palette_indices", None)
    return dict(indices()) if callable(indices) else None


def _settings():
    from editor.gui.i18n import settings

    return settings()


def _same_file(a: object, b: object) -> bool:
    if not a or not b:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class PlanActions(QObject):
    """The plan-file actions of one window, and the journal of its current plan."""

    def __init__(self, window: object):
        super().__init__(window)
        self.window = window
        self.journal: journal_io.Journal | None = None
        self.recovered_unsaved = False  # a recovery put changes in that are not saved yet
        self.layers_changed = False  # facility/reference layers added or removed since saving
        self._suppress_recovery = False  # while a plan is being opened on a new layer
        self._journal_warned = False
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
        if project.plan_path is not None:
            name = Path(project.plan_path).name
        else:
            src = Path(project.source_path).name if project.source_path else ""
            name = QCoreApplication.translate("PlanActions", "{layer} (plan not saved)").format(
                layer=src
            )
        # "[*]" is where Qt shows "*" while the window is marked modified
        self.window.setWindowTitle(f"{name}[*] — {app}")
        self.window.setWindowModified(self.is_modified())

    # -- journal ------------------------------------------------------------------------
    def _attach(self, project: Project) -> None:
        self._detach()
        if project.plan_path is None and project.source_path is None:
            return  # a layer made in memory: there is no file to reopen it from
        try:
            self.journal = journal_io.Journal(project)
        except Exception:  # never let the safety net stop the editor
            log.exception("cannot start the journal")
            self.journal = None
            return
        self.journal.failed.connect(self._on_journal_failed)

    def _detach(self, remove: bool = False) -> None:
        if self.journal is None:
            return
        if remove:
            self.journal.discard()
        else:
            self.journal.close()
        self.journal = None

    def _on_journal_failed(self, message: str) -> None:
        if self._journal_warned:
            return
        self._journal_warned = True
        QMessageBox.warning(
            self.window,
            QCoreApplication.translate("PlanActions", "Recovery journal"),
            QCoreApplication.translate(
                "PlanActions", "Edits are no longer being saved for recovery: {error}"
            ).format(error=message_text(message)),
        )

    def _on_project_changed(self, *_: object) -> None:
        project = self.project
        self.recovered_unsaved = False
        self.layers_changed = False
        self._journal_warned = False
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
            self.offer_recovery()

    # -- recovery -----------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """Offer the journal of unsaved changes of the current plan/layer; True if recovered."""
        project = self.project
        if project is None:
            return False
        if project.plan_path is not None:
            rec = journal_io.find_recovery(plan_path=project.plan_path)
        else:
            rec = journal_io.find_recovery(source_path=project.source_path)
        if rec is None or (self.journal is not None and rec.path != self.journal.path):
            return False
        if self.journal is not None and self.journal.entries:
            return False  # that journal is this session's own
        return self._ask_and_recover(rec)

    def _ask_and_recover(self, rec: journal_io.Recovery) -> bool:
        project = self.project
        answer = self.ask_recover(rec)
        if answer is None:  # not now: keep the journal aside, untouched by this session
            _set_aside(rec.path)
            return False
        if not answer:
            self._detach()
            rec.discard()
            self._attach(project)
            return False
        return self.recover(rec)

    # -- questions (methods so tests and headless sessions can answer them) -------------
    def ask_recover(self, rec: journal_io.Recovery) -> bool | None:
        """True: recover; False: discard; None: not now (headless sessions)."""
        if _headless():
            return None
        when = rec.header.get("created", "")
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(QCoreApplication.translate("PlanActions", "Recover unsaved changes"))
        box.setText(
            QCoreApplication.translate(
                "PlanActions",
                "Unsaved changes from an earlier session were found ({n} edits, started {when}).",
            ).format(n=rec.edits, when=when)
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "PlanActions", "Recover them? Discarding deletes them for good."
            )
        )
        recover_btn = box.addButton(
            QCoreApplication.translate("PlanActions", "Recover"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(
            QCoreApplication.translate("PlanActions", "Discard"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.setDefaultButton(recover_btn)
        box.exec()
        return box.clickedButton() is recover_btn

    def recover(self, rec: journal_io.Recovery) -> bool:
        """Replay a journal onto the current plan (which is its base) and journal the result."""
        project = self.project
        self._detach()  # the old journal stays on disk until the checkpoint replaces it
        try:
            got = journal_io.recover(rec, project.layer, base_plan=project.plan)
        except EditorError as exc:
            self._attach(project)
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("PlanActions", "Recover unsaved changes"),
                message_text(exc),
            )
            return False
        self._attach(project)
        if self.journal is not None:
            self.journal.checkpoint()
        self.recovered_unsaved = True
        self.update_title()
        status = getattr(self.window, "status", None)
        if status is not None and hasattr(status, "message"):
            # the journal's own notes (a damaged line, a change cut off) follow the count
            status.message(
                "; ".join(
                    [
                        QCoreApplication.translate("PlanActions", "Recovered {n} edits").format(
                            n=got.edits
                        )
                    ]
                    + [message_text(w) for w in got.warnings]
                )
            )
        for w in got.warnings:
            log.info("recovery: %s", w)
        return True

    def offer_startup_recovery(self) -> None:
        """At start-up: the current project's journal, else a recent plan's, else an unsaved one's."""
        if self.project is not None and self.offer_recovery():
            return
        for plan_path in recent_plans():
            rec = journal_io.find_recovery(plan_path=plan_path)
            if rec is not None and Path(plan_path).exists():
                if self.ask_open_for_recovery(Path(plan_path).name):
                    self.open_plan(plan_path)
                return
        recs = journal_io.list_recoveries()
        if recs and recs[0].source is not None and recs[0].source.exists():
            rec = recs[0]
            if self.ask_open_for_recovery(rec.source.name):
                self._open_layer_then(rec.source, rec.load_options, lambda: self.offer_recovery())

    def ask_open_for_recovery(self, name: str) -> bool:
        if _headless():
            return False
        answer = QMessageBox.question(
            self.window,
            QCoreApplication.translate("PlanActions", "Recover unsaved changes"),
            QCoreApplication.translate(
                "PlanActions",
                "The last session of {name} ended without saving. Open it to recover?",
            ).format(name=name),
        )
        return answer == QMessageBox.StandardButton.Yes

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
        path = Path(path)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        project = self.project
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
        if self.journal is not None:
            self.journal.saved(path)
        else:
            self._attach(project)
        self.recovered_unsaved = False
        self.layers_changed = False
        self.window.undo_stack.setClean()
        add_recent_plan(path)
        self.update_title()
        return True

    # -- opening ------------------------------------------------------------------------
    def open_plan(self, path: str | Path | None = None) -> bool:
        """Open a plan file: its layer too when the window shows another one."""
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
        if project is not None and _same_file(project.source_path, header.source_path):
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
        """Open a layer (threaded loader when present) and call ``then()`` once it is shown."""
        try:
            from editor.gui.loader import open_layer_async
        except ImportError:
            open_layer_async = None
        self._suppress_recovery = True
        if open_layer_async is None:
            from editor.io.load import open_layer

            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                layer = open_layer(source, options)
            except EditorError as exc:
                QApplication.restoreOverrideCursor()
                self._suppress_recovery = False
                QMessageBox.warning(
                    self.window,
                    QCoreApplication.translate("PlanActions", "Open plan"),
                    message_text(exc),
                )
                return
            QApplication.restoreOverrideCursor()
            self.window.set_project(
                Project(layer, source_path=source, load_options=options.to_dict())
            )
            self._suppress_recovery = False
            then()
            return
        job = open_layer_async(self.window, source, options)

        def finished(outcome: str) -> None:
            self._suppress_recovery = False
            if outcome == "opened":
                then()

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
        header = loaded.header
        options = header.load_options.to_dict() if header is not None else project.load_options
        new = Project(layer, loaded.plan, source_path=source, load_options=options)
        new.plan_path = path
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

    # -- import and export --------------------------------------------------------------
    def import_table(self, path: str | Path | None = None) -> bool:
        """Apply an assignment table (CSV/XLSX) to the plan as one undo step."""
        from editor.io.tables import import_assignment_table

        project = self.project
        if project is None:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Import assignment table"),
                "",
                QCoreApplication.translate("PlanActions", "Tables (*.csv *.xlsx)"),
            )
            if not path:
                return False
        try:
            imported = import_assignment_table(project.plan, path)
        except EditorError as exc:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("PlanActions", "Import assignment table"),
                message_text(exc),
            )
            return False
        if imported.command is None:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("PlanActions", "Import assignment table"),
                QCoreApplication.translate(
                    "PlanActions", "No row of {name} matched a town of this layer."
                ).format(name=Path(path).name),
            )
            return False
        if self.window.push(imported.command) is False:
            return False
        if imported.unmatched:
            QMessageBox.information(
                self.window,
                QCoreApplication.translate("PlanActions", "Import assignment table"),
                QCoreApplication.translate(
                    "PlanActions", "{n} row(s) matched no town: {rows}"
                ).format(n=len(imported.unmatched), rows=", ".join(imported.unmatched[:20])),
            )
        return True

    def export_units(
        self, path: str | Path | None = None, encoding: str | None = None, crs: object = None
    ) -> Job | None:
        """Export the merged units in a worker; the started job, ``None`` if not started.

        The result (or the error) is shown when the job ends: status bar and a summary box.
        """
        from editor.io.export import export_units

        project = self.project
        if project is None:
            return None
        if path is None:
            start = Path(project.plan_path or project.source_path or "units").with_name(
                QCoreApplication.translate("PlanActions", "merged_units") + ".shp"
            )
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Export merged units"),
                str(start),
                QCoreApplication.translate(
                    "PlanActions", "Shapefile (*.shp);;GeoPackage (*.gpkg);;GeoJSON (*.geojson)"
                ),
            )
            if not path:
                return None
        path = Path(path)
        if encoding is None:
            encoding = "utf-8"
            if path.suffix.lower() == ".shp":
                choice, ok = QInputDialog.getItem(
                    self.window,
                    QCoreApplication.translate("PlanActions", "Export merged units"),
                    QCoreApplication.translate("PlanActions", "Text encoding of the shapefile:"),
                    ["UTF-8", "GBK"],
                    0,
                    False,
                )
                if not ok:
                    return None
                encoding = choice.lower()
        title = QCoreApplication.translate("PlanActions", "Export merged units")
        sources = _export_sources(self.window, project)
        colors = _canvas_colors(self.window)
        language = _language()

        def work() -> object:
            return export_units(
                out=path, crs=crs, encoding=encoding, language=language, colors=colors, **sources
            )

        def finished(result: object, error: object) -> None:
            if error is not None:
                self._export_failed(title, error)
                return
            lines = [
                QCoreApplication.translate(
                    "PlanActions", "Wrote {n} merged units to {path}."
                ).format(n=result.units, path=result.path)
            ]
            renamed = {s: c for s, c in result.field_map.items() if s != c}
            if renamed:
                lines.append(
                    QCoreApplication.translate(
                        "PlanActions", "Long field names were shortened; see {name}."
                    ).format(name=path.stem + ".fieldmap.csv")
                )
            lines += [message_text(w) for w in result.warnings]
            self._status(lines[0])
            QMessageBox.information(self.window, title, "\n".join(lines))

        return self._start_export(title, path, work, finished)

    def export_tables(self, path: str | Path | None = None, kind: str | None = None) -> Job | None:
        """Export a table in a worker; the started job, ``None`` if not started."""
        from editor.io.tables import export_table

        project = self.project
        if project is None:
            return None
        kinds = {
            "assignment": QCoreApplication.translate("PlanActions", "Old-to-new assignment table"),
            "units": QCoreApplication.translate("PlanActions", "Unit statistics"),
        }
        if kind is None:
            choice, ok = QInputDialog.getItem(
                self.window,
                QCoreApplication.translate("PlanActions", "Export tables"),
                QCoreApplication.translate("PlanActions", "Table:"),
                list(kinds.values()),
                0,
                False,
            )
            if not ok:
                return None
            kind = next(k for k, v in kinds.items() if v == choice)
        if path is None:
            start = Path(project.plan_path or project.source_path or "table").with_name(
                (
                    QCoreApplication.translate("PlanActions", "assignment")
                    if kind == "assignment"
                    else QCoreApplication.translate("PlanActions", "unit_statistics")
                )
                + ".xlsx"
            )
            path, _ = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Export tables"),
                str(start),
                QCoreApplication.translate("PlanActions", "Excel (*.xlsx);;CSV (*.csv)"),
            )
            if not path:
                return None
        title = QCoreApplication.translate("PlanActions", "Export tables")
        sources = _export_sources(self.window, project)
        language = _language()

        def work() -> object:
            return export_table(path=path, kind=kind, language=language, **sources)

        def finished(_result: object, error: object) -> None:
            if error is not None:
                self._export_failed(title, error)
                return
            self._status(
                QCoreApplication.translate("PlanActions", "Wrote {path}").format(path=path)
            )

        return self._start_export(title, Path(path), work, finished)

    def _start_export(
        self,
        title: str,
        path: Path,
        work: Callable[[], object],
        finished: Callable[[object, object], None],
    ) -> Job:
        """Run ``work`` (an export of snapshots) in a worker; ``finished`` on the GUI thread.

        The export actions are disabled until it ends, so one export runs at a time.
        """
        for key in ("export_units", "export_tables"):
            self.actions[key].setEnabled(False)
        job = Job(
            self.window,
            work,
            title=title,
            label=QCoreApplication.translate("PlanActions", "Writing {name}…").format(
                name=path.name
            ),
        )

        def ended(result: object, error: object) -> None:
            self.export_job = None
            for key in ("export_units", "export_tables"):
                self.actions[key].setEnabled(True)
            finished(result, error)

        job.finished.connect(ended)
        self.export_job = job
        return job.start()

    def _export_failed(self, title: str, error: object) -> None:
        if not isinstance(error, EditorError):
            raise error  # a bug: the application's error handler reports it, as before
        QMessageBox.critical(self.window, title, message_text(error))

    def _status(self, text: str) -> None:
        status = getattr(self.window, "status", None)
        if status is not None and hasattr(status, "message"):
            status.message(text)


def ask_unsaved(parent: object) -> str:
    """The unsaved-changes question: "save", "discard" or "cancel".

    "keep" (go on, the journal is kept for recovery) when there is no one to ask.
    """
    if _headless():
        return "keep"
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("PlanActions", "Unsaved changes"),
        QCoreApplication.translate("PlanActions", "The plan has unsaved changes. Save them?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    return {
        QMessageBox.StandardButton.Save: "save",
        QMessageBox.StandardButton.Discard: "discard",
    }.get(answer, "cancel")


def maybe_save(window: object) -> bool:
    """Before the window's plan goes (closing, opening another layer): ask Save / Discard /
    Cancel when it has unsaved changes. ``False`` means the user cancelled: stop."""
    actions = getattr(window, "plan_file_actions", None)
    if isinstance(actions, PlanActions):
        return actions.maybe_save()
    stack = getattr(window, "undo_stack", None)
    if getattr(window, "project", None) is None or stack is None or stack.isClean():
        return True
    # no plan-file actions on this window: nothing to save with, only go on or stop
    return ask_unsaved(window) in ("discard", "keep")


def _headless() -> bool:
    """No one to ask: the offscreen/minimal platforms of tests and CI."""
    app = QApplication.instance()
    return app is not None and app.platformName() in ("offscreen", "minimal")


def _set_aside(path: Path) -> None:
    """Rename a journal so it is kept but neither offered again nor overwritten."""
    try:
        path.rename(path.with_name(f"{path.name}.{int(time.time())}.old"))
    except OSError:
        log.warning("cannot set aside the journal %s", path)


# -- recent plan files (for start-up recovery) -------------------------------------------
def recent_plans() -> list[str]:
    try:
        value = _settings().value("recent_plans", [])
    except Exception:
        return []
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def add_recent_plan(path: str | Path) -> None:
    try:
        s = _settings()
    except Exception:
        return
    p = str(Path(path).resolve())
    items = [x for x in recent_plans() if x != p]
    s.setValue("recent_plans", [p] + items[: MAX_RECENT_PLANS - 1])


def install(window: object) -> PlanActions:
    """Add the plan-file actions to ``window`` (see the module docstring)."""
    window.plan_file_actions = PlanActions(window)
    return window.plan_file_actions
