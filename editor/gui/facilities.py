"""File > Add facility layer…: facility points counted per merged unit.

The user picks a point layer (health centres, schools, offices…) and, in a small
dialog listing its columns, the field holding each point's category (or none: the
file's name is the category). ``editor.io.facilities.load_facilities`` places the
points in the towns; the result goes on ``project.facilities`` (the canvas draws the
dots, the units dock adds a column per category).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from editor.errors import EditorError
from editor.gui.i18n import message_text

log = logging.getLogger(__name__)


class FacilityFieldDialog(QDialog):
    """Choose the category (and name) field of a facility layer from its columns."""

    def __init__(
        self,
        path: str | Path,
        columns: list[str],
        samples: dict[str, str] | None = None,
        preferred: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("facility_field_dialog")
        self.path = Path(path)
        self.columns = [str(c) for c in columns]
        samples = samples or {}
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.category = QComboBox(self)
        self.category.setObjectName("category_field")
        self.name = QComboBox(self)
        self.name.setObjectName("name_field")
        for combo in (self.category, self.name):
            combo.addItem("", "")
            for col in self.columns:
                sample = samples.get(col, "")
                combo.addItem(f"{col}   ({sample})" if sample else col, col)
        if preferred in self.columns:
            self.category.setCurrentIndex(self.columns.index(preferred) + 1)
        for guess in ("name", "名称", "NAME", "mc", "MC"):
            if guess in self.columns:
                self.name.setCurrentIndex(self.columns.index(guess) + 1)
                break
        self.form = QFormLayout()
        self.category_label = QLabel(self)
        self.name_label = QLabel(self)
        self.form.addRow(self.category_label, self.category)
        self.form.addRow(self.name_label, self.name)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self.retranslate()

    def category_field(self) -> str | None:
        return self.category.currentData() or None

    def name_field(self) -> str | None:
        return self.name.currentData() or None

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Facility layer"))
        self.intro.setText(
            self.tr(
                "{file}: which field says what kind of facility each point is? "
                "With none, every point counts as {stem}."
            ).format(file=self.path.name, stem=self.path.stem)
        )
        self.category_label.setText(self.tr("Category field:"))
        self.name_label.setText(self.tr("Name field:"))
        self.category.setItemText(0, self.tr("(none: the file name)"))
        self.name.setItemText(0, self.tr("(none)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def read_columns(path: str | Path) -> tuple[list[str], dict[str, str]]:
    """The attribute columns of a layer and a sample value of each (first non-empty)."""
    from editor.io.reference import read_reference

    frame, _ = read_reference(path)
    columns = [str(c) for c in frame.columns if c != frame.geometry.name]
    samples = {}
    for col in columns:
        values = frame[col].dropna()
        values = values[values.astype(str).str.strip() != ""]
        if len(values):
            samples[col] = str(values.iloc[0])[:30]
    return columns, samples


def add_facility_layer(
    window: object,
    path: str | Path,
    category_field: str | None = None,
    name_field: str | None = None,
) -> object | None:
    """Read a facility layer into ``window.project`` (errors shown in one line)."""
    from editor.io.facilities import load_facilities

    project = window.project
    if project is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        fac = load_facilities(path, project.layer, category_field, name_field)
    except EditorError as exc:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(
            window,
            QCoreApplication.translate("FacilityActions", "Add facility layer"),
            message_text(exc),
        )
        return None
    QApplication.restoreOverrideCursor()
    project.add_facilities(fac)
    status = getattr(window, "status", None)
    if status is not None:
        text = QCoreApplication.translate(
            "FacilityActions", "{name}: {n} facilities, {inside} inside the towns"
        ).format(name=Path(path).name, n=len(fac), inside=len(fac) - fac.outside)
        status.message(text, 10000)
    return fac


class FacilityActions:
    """File > Add facility layer… on a window."""

    def __init__(self, window: object):
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName("action_add_facilities")
        self.action.triggered.connect(lambda _=False: self.ask())
        menu = window.menus["file"]
        after = next((a for a in menu.actions() if a.objectName() == "action_add_reference"), None)
        actions = menu.actions()
        if after is not None and actions.index(after) + 1 < len(actions):
            menu.insertAction(actions[actions.index(after) + 1], self.action)
        else:
            menu.addAction(self.action)
        retranslators = getattr(window, "retranslators", None)
        if isinstance(retranslators, list):
            retranslators.append(self.retranslate)
        window.project_changed.connect(self._on_project)
        self._on_project(window.project)
        self.retranslate()

    def _on_project(self, project: object) -> None:
        self.action.setEnabled(project is not None)

    def ask(self, path: str | Path | None = None) -> object | None:
        """Ask for the file (unless given) and its category field, then add it."""
        window = self.window
        if window.project is None:
            return None
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                window,
                QCoreApplication.translate("FacilityActions", "Add facility layer"),
                str(Path(window.project.source_path or "").parent),
                QCoreApplication.translate(
                    "FacilityActions",
                    "Point layers (*.shp *.gpkg *.geojson *.json *.zip);;All files (*)",
                ),
            )
            if not path:
                return None
        try:
            columns, samples = read_columns(path)
        except EditorError as exc:
            QMessageBox.warning(
                window,
                QCoreApplication.translate("FacilityActions", "Add facility layer"),
                message_text(exc),
            )
            return None
        rules = getattr(window.project.checker, "rules", None)
        preferred = getattr(getattr(rules, "data", None), "facility_category_field", "") or ""
        dialog = FacilityFieldDialog(path, columns, samples, preferred, window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return add_facility_layer(window, path, dialog.category_field(), dialog.name_field())

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("FacilityActions", "Add &facility layer…"))
        self.action.setStatusTip(
            QCoreApplication.translate(
                "FacilityActions",
                "Point layer of health centres, schools, offices…: counted per merged unit",
            )
        )


def install(window: object) -> FacilityActions:
    window.facility_actions = FacilityActions(window)
    return window.facility_actions
