"""The open dialog: how a layer's file is read, and which column is the town code, name, ...

Shown by the loader when opening a layer needs the user: ``detect_mapping`` is unsure of
a role (no population field found, two candidate name fields, ...), the CRS was assumed
(no ``.prj``), or the text encoding was detected and looks wrong. View > Layer properties
shows it again for the open layer.

Top: the text encoding (shapefiles only; GeoPackage and GeoJSON are UTF-8 by definition)
and the coordinate system (name, EPSG code, "assumed" in red when guessed; an editable
EPSG code checked with pyproj). Changing either emits :attr:`reload_requested`; the
loader reads the layer again in its worker and calls :meth:`set_layer`, so the sample
values beside each column show the new decoding. Below: one combo box of the layer's
columns per role, each entry with sample values; the unsure roles are marked. The result
is a ``{role: column}`` dict for ``LoadOptions.fields`` (``""`` = no column), plus
:meth:`encoding_choice` / :meth:`crs_choice` for ``LoadOptions.encoding`` / ``.crs``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pyproj
from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from editor.core.fields import FieldMapping
from editor.gui.i18n import message_lines
from editor.io.encoding_doubt import replaced_count

SAMPLES = 3

# (LoadOptions.encoding, shown text); the text of the automatic entry is set in retranslate
ENCODINGS: list[tuple[str, str]] = [
    ("UTF-8", "UTF-8"),
    ("GBK", "GBK / GB18030"),
    ("Big5", "Big5"),
    ("cp1252", "cp1252"),
]
# CGCS2000 geographic, WGS 84, and the CGCS2000 3-degree Gauss-Kruger zones without zone
# number in the easting (CM 75E .. 135E), the usual CRSs of Chinese county layers
COMMON_EPSG: list[int] = [4490, 4326, *range(4534, 4555)]

_EPSG_TEXT = re.compile(r"^\s*(?:epsg\s*[:：]?\s*)?(\d{4,6})\b", re.IGNORECASE)


def sample_values(frame: pd.DataFrame, column: str, count: int = SAMPLES) -> list[str]:
    """The first ``count`` distinct non-blank values of a column, as text."""
    out: list[str] = []
    for value in frame[column].tolist():
        if value is None or (isinstance(value, float) and value != value):
            continue
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if text and text not in out:
            out.append(text[:24])
        if len(out) >= count:
            break
    return out


def crs_name(code: int) -> str | None:
    """pyproj's name of EPSG ``code`` when it is a usable horizontal CRS, else ``None``."""
    try:
        crs = pyproj.CRS.from_epsg(code)
    except (pyproj.exceptions.CRSError, ValueError, OverflowError):
        return None
    if not (crs.is_geographic or crs.is_projected):
        return None  # vertical, engineering, ...: cannot place a town layer
    return crs.name


def parse_epsg(text: str) -> int | None:
    """The EPSG code at the start of ``text`` ("4545", "EPSG:4545", "4545 — CGCS2000 ...")."""
    match = _EPSG_TEXT.match(text or "")
    return int(match.group(1)) if match else None


def epsg_of(crs: object) -> int | None:
    if crs is None:
        return None
    try:
        return pyproj.CRS.from_user_input(crs).to_epsg()
    except pyproj.exceptions.CRSError:
        return None


def is_shapefile(layer: object, path: str | None) -> bool:
    """Whether the layer's encoding can be chosen (shapefile/DBF; the others are UTF-8)."""
    report = getattr(layer, "report", None)
    driver = getattr(report, "driver", None)
    if driver:
        return driver == "ESRI Shapefile"
    return bool(path) and Path(path).suffix.lower() in (".shp", ".dbf")


class FieldMappingDialog(QDialog):
    """``FieldMappingDialog(frame, guess, path, use_area_field, parent, layer=, options=,
    reasons=)``; after ``accept``, :meth:`fields`, :meth:`use_area_field`,
    :meth:`encoding_choice` and :meth:`crs_choice` are what the user chose.

    ``layer`` (the layer as read) gives the encoding, its source and the CRS shown at the
    top; without it the dialog shows the field rows only (as before). ``options`` are the
    ``LoadOptions`` the layer was read with. ``reasons`` say why the dialog is shown:
    ``"fields"``, ``"crs"``, ``"encoding"``, ``"properties"`` (View > Layer properties).
    """

    # {"encoding": str | None, "crs": str | None}: read the layer again with these
    reload_requested = Signal(object)

    def __init__(
        self,
        frame: pd.DataFrame,
        guess: object,
        path: str | None = None,
        use_area_field: bool = False,
        parent: QWidget | None = None,
        *,
        layer: object | None = None,
        options: object | None = None,
        reasons: set[str] | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("field_mapping_dialog")
        self.setMinimumWidth(620)
        self.path = path
        self.guess = guess
        self.layer = layer
        self.reasons = set(reasons or ({"fields"} if getattr(guess, "unsure", None) else set()))
        self.busy = False
        self.problem: str | None = None  # the last reload error or invalid code, shown in red
        # what the shown layer was read with (None = automatic / from the file)
        self.read_encoding: str | None = getattr(options, "encoding", None) or None
        self.read_crs: str | None = self._crs_text(getattr(options, "crs", None))
        self._auto_encoding: tuple[str, str] | None = None  # (encoding, source) when automatic

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)

        # -- reading the file ---------------------------------------------------------
        self.file_box = QGroupBox(self)
        file_form = QFormLayout(self.file_box)
        self.encoding_label = QLabel(self)
        self.encoding_combo = QComboBox(self)
        self.encoding_combo.setObjectName("encoding")
        self.encoding_combo.addItem("", "")  # automatic; text in retranslate
        for value, text in ENCODINGS:
            self.encoding_combo.addItem(text, value)
        if self.read_encoding and self.encoding_combo.findData(self.read_encoding) < 0:
            self.encoding_combo.addItem(self.read_encoding, self.read_encoding)
        self.encoding_combo.setCurrentIndex(
            max(0, self.encoding_combo.findData(self.read_encoding or ""))
        )
        self.encoding_combo.activated.connect(self._encoding_chosen)
        self.encoding_info = QLabel(self)
        self.encoding_info.setWordWrap(True)
        self.encoding_info.setObjectName("encoding_info")
        enc_box = QVBoxLayout()
        enc_box.setContentsMargins(0, 0, 0, 0)
        enc_box.addWidget(self.encoding_combo)
        enc_box.addWidget(self.encoding_info)
        file_form.addRow(self.encoding_label, enc_box)

        self.crs_label = QLabel(self)
        self.crs_current = QLabel(self)
        self.crs_current.setObjectName("crs_current")
        self.crs_current.setWordWrap(True)
        self.crs_combo = QComboBox(self)
        self.crs_combo.setObjectName("crs_code")
        self.crs_combo.setEditable(True)
        self.crs_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.crs_combo.setMinimumContentsLength(28)
        self.crs_combo.addItem("", "")  # from the file; text in retranslate
        for code in COMMON_EPSG:
            name = crs_name(code)
            if name:
                self.crs_combo.addItem(f"{code} — {name}", f"EPSG:{code}")
        self.crs_combo.activated.connect(self._crs_chosen)
        self.crs_combo.lineEdit().textEdited.connect(self._crs_typed)
        self.crs_combo.lineEdit().editingFinished.connect(self._crs_edited)
        self.crs_status = QLabel(self)
        self.crs_status.setObjectName("crs_status")
        self.crs_status.setWordWrap(True)
        crs_box = QVBoxLayout()
        crs_box.setContentsMargins(0, 0, 0, 0)
        crs_box.addWidget(self.crs_current)
        code_row = QHBoxLayout()
        self.crs_code_label = QLabel(self)
        code_row.addWidget(self.crs_code_label)
        code_row.addWidget(self.crs_combo, 1)
        crs_box.addLayout(code_row)
        crs_box.addWidget(self.crs_status)
        file_form.addRow(self.crs_label, crs_box)
        self.reading = QLabel(self)
        self.reading.setObjectName("reading")
        self.reading.hide()
        file_form.addRow(self.reading)
        if layer is None:
            self.file_box.hide()

        # -- fields -------------------------------------------------------------------
        self.fields_box = QGroupBox(self)
        self.form = QFormLayout(self.fields_box)
        self.combos: dict[str, QComboBox] = {}
        self.role_labels: dict[str, QLabel] = {}
        for role in FieldMapping.ROLES:
            combo = QComboBox(self)
            combo.setObjectName(f"field_{role}")
            label = QLabel(self)
            self.form.addRow(label, combo)
            self.combos[role] = combo
            self.role_labels[role] = label
        self.combos["name"].currentIndexChanged.connect(self._name_changed)
        self.unsure: set[str] = set()
        self._guessed: dict[str, str] = {}
        self.use_area = QCheckBox(self)
        self.use_area.setChecked(use_area_field)
        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: palette(mid);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            parent=self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.file_box)
        layout.addWidget(self.fields_box)
        layout.addWidget(self.use_area)
        layout.addWidget(self.notes)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._fill_fields(frame, guess, keep_user=False)
        self._show_layer()
        self.retranslate()

    # -- the layer as read --------------------------------------------------------------
    @staticmethod
    def _crs_text(crs: object) -> str | None:
        if crs is None or crs == "":
            return None
        code = epsg_of(crs)
        return f"EPSG:{code}" if code is not None else str(crs)

    def _fill_fields(self, frame: pd.DataFrame, guess: object, keep_user: bool) -> None:
        """(Re)build each role's column list from ``frame``. With ``keep_user``, a role
        keeps its column where that column still exists (a re-read renames only columns
        whose names decode differently), and "none" where the user chose it; the others
        take the new guess."""
        previous = self.fields() if keep_user else {}
        geometry_name = getattr(getattr(frame, "geometry", None), "name", None)
        self.columns = [str(c) for c in frame.columns if c != geometry_name]
        self.samples = {c: sample_values(frame, c) for c in self.columns}
        mapping: FieldMapping = guess.mapping
        self.unsure = set(getattr(guess, "unsure", []) or [])
        guessed = {role: (getattr(mapping, role) or "") for role in self.combos}
        for role, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(QCoreApplication.translate("FieldMappingDialog", "(none)"), "")
            for column in self.columns:
                combo.addItem(self._entry(column), column)
            pick = guessed[role]
            user = previous.get(role)
            if user and user in self.columns:
                pick = user  # the same column read again: keep what was chosen or guessed
            elif user == "" and user != self._guessed.get(role):
                pick = ""  # the user said "none" on purpose
            combo.setCurrentIndex(max(0, combo.findData(pick)) if pick else 0)
            combo.blockSignals(False)
            label = self.role_labels[role]
            font = QFont(label.font())
            font.setBold(role in self.unsure)
            label.setFont(font)
            label.setStyleSheet("color: #b00000;" if role in self.unsure else "")
        self._guessed = guessed
        self.field_notes = list(getattr(guess, "notes", []) or [])
        self.replaced = replaced_count(frame)

    def _show_layer(self) -> None:
        """The encoding and CRS rows for ``self.layer`` (no-op without a layer)."""
        layer = self.layer
        if layer is None:
            return
        report = layer.report
        self.shapefile = is_shapefile(layer, self.path)
        self.encoding = report.encoding
        self.encoding_source = report.encoding_source
        if self.read_encoding is None:
            self._auto_encoding = (str(report.encoding or "UTF-8"), str(report.encoding_source))
        self.encoding_combo.setEnabled(self.shapefile and not self.busy)
        enc_combo = self.encoding_combo
        enc_combo.blockSignals(True)
        if self.read_encoding and enc_combo.findData(self.read_encoding) < 0:
            enc_combo.addItem(self.read_encoding, self.read_encoding)
        enc_combo.setCurrentIndex(max(0, enc_combo.findData(self.read_encoding or "")))
        enc_combo.blockSignals(False)
        self.crs = layer.crs
        self.crs_assumed = bool(report.crs_assumed)
        self.crs_epsg = epsg_of(layer.crs)
        combo = self.crs_combo
        combo.blockSignals(True)
        if self.read_crs is None:
            combo.setCurrentIndex(0)
        else:
            index = combo.findData(self.read_crs)
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setEditText(self.read_crs.removeprefix("EPSG:"))
        combo.blockSignals(False)

    def set_layer(self, layer: object, guess: object, options: object) -> None:
        """Show ``layer`` read again with ``options`` (after :attr:`reload_requested`)."""
        self.layer = layer
        self.guess = guess
        self.read_encoding = getattr(options, "encoding", None) or None
        self.read_crs = self._crs_text(getattr(options, "crs", None))
        self.problem = None
        self._fill_fields(layer.attributes, guess, keep_user=True)
        self.set_busy(False)
        self._show_layer()
        self.retranslate()

    def reload_failed(self, message: str) -> None:
        """The re-read failed: go back to what the shown layer was read with, say why."""
        self.set_busy(False)
        self._show_layer()
        self.problem = message
        self.retranslate()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.reading.setVisible(busy)
        self.encoding_combo.setEnabled(not busy and getattr(self, "shapefile", False))
        self.crs_combo.setEnabled(not busy)
        self.fields_box.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)

    # -- user input ---------------------------------------------------------------------
    def _request_reload(self) -> None:
        self.problem = None
        self.set_busy(True)
        self.retranslate()
        self.reload_requested.emit(
            {"encoding": self.encoding_choice(), "crs": self.crs_choice(validate=False)}
        )

    def _encoding_chosen(self, _index: int = 0) -> None:
        if self.layer is None or self.busy:
            return
        if self.encoding_choice() != self.read_encoding:
            self._request_reload()

    def _crs_typed(self, _text: str = "") -> None:
        self.problem = None
        self._show_crs_status()

    def _crs_chosen(self, _index: int = 0) -> None:
        self._crs_edited()

    def _crs_edited(self) -> None:
        """A code typed (Enter / focus out) or chosen: check it, read again if it changed."""
        if self.layer is None or self.busy:
            return
        choice = self.crs_choice()
        if choice is False:
            self.problem = None
            self._show_crs_status()
            return
        if choice != self.read_crs:
            self._request_reload()

    def crs_choice(self, validate: bool = True) -> str | None | bool:
        """``"EPSG:n"`` typed or chosen, ``None`` = from the file (or guessed), ``False``
        when the text is not a usable EPSG code (``validate``)."""
        combo = self.crs_combo
        text = combo.currentText().strip()
        if not text or text == combo.itemText(0):
            return None
        code = parse_epsg(text)
        if code is None or (validate and crs_name(code) is None):
            return False
        return f"EPSG:{code}"

    def encoding_choice(self) -> str | None:
        """The chosen encoding, ``None`` = automatic (.cpg, DBF header, detection)."""
        if not getattr(self, "shapefile", True):
            return None
        return str(self.encoding_combo.currentData() or "") or None

    def accept(self) -> None:
        if self.busy:
            return  # a re-read is under way: OK is disabled, Enter must not slip through
        if self.layer is not None and self.crs_choice() is False:
            self.problem = None
            self._show_crs_status()
            self.crs_combo.setFocus()
            return
        super().accept()

    def confirmed_options(self) -> dict:
        """``{"encoding", "crs"}`` to keep in ``LoadOptions`` after OK.

        What the user chose; and when the dialog was shown because the encoding was a
        guess or the CRS assumed, OK confirms what is shown, so a plan saved with these
        options reopens without asking again.
        """
        encoding = self.encoding_choice()
        crs = self.crs_choice()
        crs = None if crs is False else crs
        layer = self.layer
        if layer is not None and encoding is None and self.shapefile:
            if layer.report.encoding_source == "detected" and self.read_encoding is None:
                encoding = layer.report.encoding
        if layer is not None and crs is None and layer.report.crs_assumed and self.crs_epsg:
            crs = f"EPSG:{self.crs_epsg}"
        return {"encoding": encoding, "crs": crs}

    def _name_changed(self, _index: int = 0) -> None:
        if self.layer is not None:
            self.retranslate()  # the names preview follows the name column

    def name_preview(self) -> str:
        """The first values of the name column (else of the first column with non-ASCII
        text): what the encoding makes of the names."""
        column = str(self.combos["name"].currentData() or "")
        if not column:
            column = next(
                (c for c in self.columns if any(not s.isascii() for s in self.samples[c])), ""
            )
        return ", ".join(self.samples.get(column) or [])

    def _entry(self, column: str) -> str:
        samples = self.samples.get(column) or []
        return f"{column}  —  {', '.join(samples)}" if samples else column

    def set_role(self, role: str, column: str | None) -> None:
        """Choose ``column`` (``None``/``""`` = none) for ``role``."""
        combo = self.combos[role]
        combo.setCurrentIndex(max(0, combo.findData(column)) if column else 0)

    def fields(self) -> dict[str, str]:
        """Every role → its column, ``""`` where the user chose none."""
        return {role: str(combo.currentData() or "") for role, combo in self.combos.items()}

    def use_area_field(self) -> bool:
        return self.use_area.isChecked() and bool(self.combos["area"].currentData())

    # -- texts --------------------------------------------------------------------------
    def _source_text(self, source: str) -> str:
        texts = {
            "cpg": QCoreApplication.translate("FieldMappingDialog", "from the .cpg file"),
            "dbf-header": QCoreApplication.translate("FieldMappingDialog", "from the DBF header"),
            "detected": QCoreApplication.translate("FieldMappingDialog", "detected"),
            "override": QCoreApplication.translate("FieldMappingDialog", "chosen"),
            "format": QCoreApplication.translate("FieldMappingDialog", "fixed by the format"),
        }
        return texts.get(source, source)

    def _show_crs_status(self) -> None:
        label = self.crs_status
        if self.problem:
            label.setText(self.problem)
            label.setStyleSheet("color: #b00000;")
            return
        choice = self.crs_choice()
        if choice is False:
            label.setText(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "“{text}” is not an EPSG code of a coordinate system. "
                    "Type a code such as 4545, or choose one from the list.",
                ).format(text=self.crs_combo.currentText().strip())
            )
            label.setStyleSheet("color: #b00000;")
        elif choice is not None and choice != self.read_crs:
            code = int(choice.removeprefix("EPSG:"))
            label.setText(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "{name} (EPSG:{code}): press Enter to read the layer with it",
                ).format(name=crs_name(code), code=code)
            )
            label.setStyleSheet("")
        elif self.layer is not None and self.crs_assumed and self.read_crs is None:
            label.setText(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "The file has no coordinate system (.prj); it was guessed from the "
                    "coordinates. Areas and positions depend on it: type or choose the "
                    "layer's real EPSG code.",
                )
            )
            label.setStyleSheet("color: #b00000;")
        else:
            label.setText("")
            label.setStyleSheet("")
        label.setVisible(bool(label.text()))

    def note_messages(self) -> list[str]:
        """What the dialog tells about the read: the load warnings (no .prj, blank
        populations, ...), the field guess's notes, then the other load notes (multipart
        towns, border towns); as ``Message`` objects, translated when shown."""
        report = getattr(self.layer, "report", None)
        warnings = list(getattr(report, "warnings", []) or [])
        # the load's own field notes repeat the guess's: keep the others
        other = [
            n
            for n in getattr(report, "notes", []) or []
            if not str(getattr(n, "key", "")).startswith("fields.")
        ]
        return warnings + self.field_notes + other

    def retranslate(self) -> None:
        lines = message_lines(self.note_messages())
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self.setWindowTitle(
            QCoreApplication.translate("FieldMappingDialog", "Layer properties")
            if "properties" in self.reasons
            else QCoreApplication.translate("FieldMappingDialog", "Fields of the layer")
        )
        name = (
            Path(self.path).name
            if self.path
            else QCoreApplication.translate("FieldMappingDialog", "the layer")
        )
        lines = []
        if "properties" in self.reasons:
            lines.append(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "How {name} is read. Changing the encoding or the coordinate system reads "
                    "the layer again; the samples beside each column show the result.",
                ).format(name=name)
            )
        if "fields" in self.reasons:
            lines.append(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "Some fields of {name} could not be recognised with certainty (marked in "
                    "red). Check which column holds each item; the samples show each column's "
                    "first values.",
                ).format(name=name)
            )
        if "encoding" in self.reasons:
            lines.append(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "The text encoding of {name} is not stated in the file and the detected "
                    "one may be wrong. If the sample names below are garbled, choose another "
                    "encoding.",
                ).format(name=name)
            )
        if "crs" in self.reasons:
            lines.append(
                QCoreApplication.translate(
                    "FieldMappingDialog",
                    "{name} has no coordinate system; one was assumed from the coordinates. "
                    "Check it below.",
                ).format(name=name)
            )
        self.intro.setText("\n\n".join(lines))
        self.intro.setVisible(bool(lines))
        self.file_box.setTitle(QCoreApplication.translate("FieldMappingDialog", "Reading the file"))
        self.fields_box.setTitle(QCoreApplication.translate("FieldMappingDialog", "Fields"))
        self.encoding_label.setText(QCoreApplication.translate("FieldMappingDialog", "Encoding:"))
        self.crs_label.setText(
            QCoreApplication.translate("FieldMappingDialog", "Coordinate system:")
        )
        self.crs_code_label.setText(QCoreApplication.translate("FieldMappingDialog", "EPSG code:"))
        self.reading.setText(
            QCoreApplication.translate("FieldMappingDialog", "Reading the layer again…")
        )
        if self.layer is not None:
            if not self.shapefile:
                auto = QCoreApplication.translate(
                    "FieldMappingDialog", "UTF-8 (fixed by the format)"
                )
            elif self._auto_encoding is not None:
                enc, source = self._auto_encoding
                auto = QCoreApplication.translate(
                    "FieldMappingDialog", "Automatic: {encoding} ({source})"
                ).format(encoding=enc, source=self._source_text(source))
            else:
                auto = QCoreApplication.translate("FieldMappingDialog", "Automatic")
            self.encoding_combo.setItemText(0, auto)
            lines = []
            preview = self.name_preview()
            if preview:
                lines.append(
                    QCoreApplication.translate(
                        "FieldMappingDialog", "Names read as: {names}"
                    ).format(names=html.escape(preview))
                )
            if self.replaced:
                lines.append(
                    '<span style="color:#b00000;">'
                    + QCoreApplication.translate(
                        "FieldMappingDialog",
                        "{count} names or values could not be decoded as {encoding} and "
                        "show �; choose another encoding.",
                    ).format(count=self.replaced, encoding=self.encoding)
                    + "</span>"
                )
            self.encoding_info.setText("<br>".join(lines))
            self.encoding_info.setVisible(bool(lines))
            code = (
                f"EPSG:{self.crs_epsg}"
                if self.crs_epsg
                else QCoreApplication.translate("FieldMappingDialog", "no EPSG code")
            )
            current = f"{self.crs.name} ({code})"
            if self.crs_assumed:
                assumed = QCoreApplication.translate("FieldMappingDialog", "assumed")
                current += f'  <span style="color:#b00000; font-weight:bold;">{assumed}</span>'
            self.crs_current.setText(current)
            self.crs_combo.setItemText(
                0,
                QCoreApplication.translate("FieldMappingDialog", "Guessed from the coordinates")
                if self.crs_assumed and self.read_crs is None
                else QCoreApplication.translate("FieldMappingDialog", "From the file (.prj)"),
            )
            self._show_crs_status()
        texts = {
            "id": QCoreApplication.translate("FieldMappingDialog", "Town code"),
            "name": QCoreApplication.translate("FieldMappingDialog", "Town name"),
            "population": QCoreApplication.translate("FieldMappingDialog", "Population"),
            "area": QCoreApplication.translate("FieldMappingDialog", "Official area (km²)"),
            "border": QCoreApplication.translate("FieldMappingDialog", "Border town (flag)"),
            "historic": QCoreApplication.translate(
                "FieldMappingDialog", "Historic-cultural town (flag)"
            ),
            "county_seat": QCoreApplication.translate(
                "FieldMappingDialog", "County-seat town (flag)"
            ),
            "centre": QCoreApplication.translate(
                "FieldMappingDialog", "Regional centre town (flag)"
            ),
            "parent": QCoreApplication.translate("FieldMappingDialog", "Parent township"),
        }
        for role, label in self.role_labels.items():
            text = texts.get(role, role)
            label.setText(text + ("  ⚠" if role in self.unsure else "") + ":")
        for combo in self.combos.values():
            combo.setItemText(0, QCoreApplication.translate("FieldMappingDialog", "(none)"))
        self.use_area.setText(
            QCoreApplication.translate(
                "FieldMappingDialog", "Use the official area field in statistics"
            )
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
