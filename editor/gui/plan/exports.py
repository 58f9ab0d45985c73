"""Import an assignment table; export merged units and tables (in a worker thread).

Exports run in a worker thread (:class:`editor.gui.jobs.Job`) behind a busy progress
dialog, on snapshots taken when the export starts (a frozen copy of the plan and of the
rule set), so the window stays responsive and edits made meanwhile are neither blocked
nor half-exported. The dialog's button hides it and lets the export finish in the
background (a writer cannot be stopped halfway; the atomic writer leaves the
destination whole or absent); the result or error is reported when it is done.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from editor.core.project import Project
from editor.errors import EditorError
from editor.gui.i18n import message_text
from editor.gui.jobs import Job
from editor.gui.plan.common import checked_destination, suffix_from_filter


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


class ExportActions:
    """Import and export, mixed into :class:`~editor.gui.plan.actions.PlanActions`."""

    window: object
    actions: dict
    export_job: Job | None

    project: Project | None  # provided by PlanActions

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
        lines = [message_text(m) for m in imported.ambiguous]  # a name two towns carry
        if imported.unmatched:
            lines.append(
                QCoreApplication.translate(
                    "PlanActions", "{n} row(s) matched no town: {rows}"
                ).format(n=len(imported.unmatched), rows=", ".join(imported.unmatched[:20]))
            )
        if lines:
            QMessageBox.information(
                self.window,
                QCoreApplication.translate("PlanActions", "Import assignment table"),
                "\n".join(lines),
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
            path, selected = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Export merged units"),
                str(start),
                QCoreApplication.translate(
                    "PlanActions", "Shapefile (*.shp);;GeoPackage (*.gpkg);;GeoJSON (*.geojson)"
                ),
            )
            if not path:
                return None
            path = suffix_from_filter(path, selected)
        title = QCoreApplication.translate("PlanActions", "Export merged units")
        path = checked_destination(self.window, project, path, "export", title)
        if path is None:
            return None
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
            path, selected = QFileDialog.getSaveFileName(
                self.window,
                QCoreApplication.translate("PlanActions", "Export tables"),
                str(start),
                QCoreApplication.translate("PlanActions", "Excel (*.xlsx);;CSV (*.csv)"),
            )
            if not path:
                return None
            path = suffix_from_filter(path, selected)
        title = QCoreApplication.translate("PlanActions", "Export tables")
        path = checked_destination(self.window, project, path, "table", title)
        if path is None:
            return None
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

        return self._start_export(title, path, work, finished)

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
