"""Opening layers without freezing the window.

``open_layer_async(window, path, options)`` reads the layer in a worker thread (a fresh
``open_layer`` touches no shared state) behind a cancellable progress dialog. Cancel
does not interrupt the reader; the result is discarded when it arrives, and the old
project stays. When the field mapping was a guess with unsure roles, the field dialog
asks, and the layer is read again with the user's mapping if it differs. Errors
(``EditorError``) are shown as their one-line message.

``install(window)`` adds File > Recent Files and opening a file dropped on the window.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
)

from editor.core.project import Project
from editor.errors import EditorError
from editor.gui import i18n
from editor.gui.field_dialog import FieldMappingDialog
from editor.io.load import LoadOptions, open_layer

LAYER_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json")
MAX_RECENT = 10
# show the progress dialog only for loads that take longer than this (ms)
PROGRESS_DELAY_MS = 400

_jobs: set[LoadJob] = set()  # running jobs, kept alive until their result arrives


def _guess_mapping(layer: object, options: LoadOptions) -> object | None:
    """The mapping guess for an opened layer, or ``None`` when the user gave the fields.

    Runs ``detect_mapping`` on the layer's own attribute table (one row per town, with
    its geometry so the area field's unit can be checked): no second read of the file.
    """
    if options.fields:
        return None
    import geopandas

    from editor.io.fields import detect_mapping

    frame = geopandas.GeoDataFrame(
        layer.attributes.copy(), geometry=list(layer.geometry), crs=layer.crs
    )
    return detect_mapping(frame)


class LoadJob(QObject):
    """One layer being opened. ``finished(str)`` says how it ended:
    ``"opened"``, ``"cancelled"`` or ``"failed"``."""

    finished = Signal(str)
    _arrived = Signal(object, object, object)  # layer, guess, error message

    def __init__(self, window: object, path: str | Path, options: LoadOptions | None = None):
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.options = options or LoadOptions()
        self.cancelled = False
        self.outcome: str | None = None
        self.field_dialog: FieldMappingDialog | None = None
        self.next_job: LoadJob | None = None
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        self.progress = QProgressDialog(window)
        self.progress.setObjectName("load_progress")
        self.progress.setWindowTitle(QCoreApplication.translate("Loader", "Opening layer"))
        self.progress.setLabelText(
            QCoreApplication.translate("Loader", "Reading {name}…").format(name=self.path.name)
        )
        self.progress.setCancelButtonText(QCoreApplication.translate("Loader", "Cancel"))
        self.progress.setRange(0, 0)  # busy: the reader reports no steps
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> LoadJob:
        _jobs.add(self)
        self.progress.setValue(0)  # starts the minimum-duration timer
        thread = threading.Thread(target=self._run, name=f"open {self.path.name}", daemon=True)
        thread.start()
        return self

    def _run(self) -> None:
        layer = guess = error = None
        try:
            layer = open_layer(self.path, self.options)
            guess = _guess_mapping(layer, self.options)
        except EditorError as exc:
            error = str(exc)
        except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
            error = f"{self.path}: {type(exc).__name__}: {exc}"
        try:
            self._arrived.emit(layer, guess, error)
        except RuntimeError:
            pass  # the window closed while reading

    def cancel(self) -> None:
        """Give up on this load: the old project stays; the result is dropped when it comes."""
        if self.outcome is not None:
            return
        self.cancelled = True
        self.progress.hide()
        self._finish("cancelled")

    def _finish(self, outcome: str) -> None:
        if self.outcome is None:
            self.outcome = outcome
            self.finished.emit(outcome)

    def _on_arrived(self, layer: object, guess: object, error: str | None) -> None:
        _jobs.discard(self)
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        if self.cancelled:
            return
        if error is not None:
            QMessageBox.warning(
                self.window, QCoreApplication.translate("Loader", "Cannot open layer"), error
            )
            self._finish("failed")
            return
        if guess is not None and getattr(guess, "unsure", None):
            self._ask_fields(layer, guess)
            return
        self._open(layer, self.options)

    def _ask_fields(self, layer: object, guess: object) -> None:
        dialog = FieldMappingDialog(
            layer.attributes,
            guess,
            str(self.path),
            self.options.use_area_field,
            self.window,
        )
        self.field_dialog = dialog
        detected = {r: (getattr(guess.mapping, r) or "") for r in dialog.combos}

        def done(result: int) -> None:
            dialog.deleteLater()
            self.field_dialog = None
            if result != QDialog.DialogCode.Accepted:
                self._finish("cancelled")
                return
            fields = dialog.fields()
            options = LoadOptions.from_dict(self.options.to_dict())
            options.fields = fields
            options.use_area_field = dialog.use_area_field()
            if fields == detected and options.use_area_field == self.options.use_area_field:
                self._open(layer, options)  # the guess was right: no second read
                return
            self.next_job = LoadJob(self.window, self.path, options)
            self.next_job.finished.connect(self._finish)
            self.next_job.start()

        dialog.finished.connect(done)
        dialog.open()

    def _open(self, layer: object, options: LoadOptions) -> None:
        try:
            project = Project(layer, source_path=self.path, load_options=options.to_dict())
            self.window.set_project(project)
        except EditorError as exc:
            QMessageBox.warning(
                self.window, QCoreApplication.translate("Loader", "Cannot open layer"), str(exc)
            )
            self._finish("failed")
            return
        add_recent(self.path)
        self._finish("opened")


def open_layer_async(
    window: object, path: str | Path, options: LoadOptions | None = None
) -> LoadJob:
    """Open ``path`` off the GUI thread and make it the window's project when read."""
    return LoadJob(window, path, options).start()


def replace_ok(window: object) -> bool:
    """Whether the window's project may be replaced: asks Save / Discard / Cancel first
    when its plan has unsaved changes (the close prompt of ``plan_actions``)."""
    from editor.gui.plan_actions import maybe_save

    return maybe_save(window)


def open_layer_from_user(window: object, path: str | Path) -> LoadJob | None:
    """Open a layer the user chose (dialog, recent file, drop) once unsaved work is settled."""
    opener = getattr(window, "open_layer", None)
    if opener is not None and callable(opener) and hasattr(window, "maybe_save"):
        opener(path)  # the window asks itself
        return None
    if not replace_ok(window):
        return None
    return open_layer_async(window, path)


def open_dialog(window: object) -> LoadJob | None:
    """File > Open: ask for a layer file and open it."""
    start = str(getattr(window.project, "source_path", "") or "")
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("Loader", "Open township layer"),
        str(Path(start).parent) if start else "",
        QCoreApplication.translate(
            "Loader", "Layers (*.shp *.gpkg *.geojson *.json);;All files (*)"
        ),
    )
    return open_layer_from_user(window, path) if path else None


# -- recent files -------------------------------------------------------------------------
def recent_files() -> list[str]:
    value = i18n.settings().value("recent_files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent(path: str | Path) -> None:
    path = str(Path(path).resolve())
    files = [path] + [f for f in recent_files() if f != path]
    i18n.settings().setValue("recent_files", files[:MAX_RECENT])


def clear_recent() -> None:
    i18n.settings().setValue("recent_files", [])


class RecentMenu(QMenu):
    """File > Recent Files, rebuilt each time it opens."""

    def __init__(self, window: object):
        super().__init__(window.menus["file"])
        self.setObjectName("recent_menu")
        self.window_ = window
        self.aboutToShow.connect(self.rebuild)
        self.retranslate()
        self.rebuild()

    def rebuild(self) -> None:
        self.clear()
        files = recent_files()
        for k, f in enumerate(files, start=1):
            action = self.addAction(f"&{k % 10}  {Path(f).name}")
            action.setToolTip(f)
            action.setStatusTip(f)
            action.setData(f)
            action.triggered.connect(lambda _=False, f=f: open_layer_from_user(self.window_, f))
        if files:
            self.addSeparator()
        clear = self.addAction(self.tr("Clear Recent Files"))
        clear.setEnabled(bool(files))
        clear.triggered.connect(clear_recent)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Recent Files"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.rebuild()
        super().changeEvent(event)


# -- dropping files on the window ---------------------------------------------------------
def dropped_layer(mime: object) -> Path | None:
    """The first local layer file in a drag's URLs."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            p = Path(url.toLocalFile())
            if p.suffix.lower() in LAYER_SUFFIXES:
                return p
    return None


class DropFilter(QObject):
    """Event filter on the window: accept a dragged layer file and open it on drop."""

    def __init__(self, window: object):
        super().__init__(window)
        self.window_ = window
        self.last_job: LoadJob | None = None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if dropped_layer(event.mimeData()) is not None:
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            path = dropped_layer(event.mimeData())
            if path is not None:
                event.acceptProposedAction()
                self.last_job = open_layer_from_user(self.window_, path)
                return True
        return False


def install(window: object) -> None:
    """Recent files in the File menu, drop-to-open, and recording opened layers."""
    file_menu = getattr(window, "menus", {}).get("file")
    # the window's File actions may already offer recent files and take drops (both
    # read and write the same settings): add ours only where they are missing
    if file_menu is not None and getattr(window, "recent_menu", None) is None:
        window.recent_menu = RecentMenu(window)
        actions = file_menu.actions()
        # right after the Open action when there is one
        after = next(
            (k for k, a in enumerate(actions) if a.objectName() in {"open", "action_open"}),
            None,
        )
        if after is not None and after + 1 < len(actions):
            file_menu.insertMenu(actions[after + 1], window.recent_menu)
        else:
            file_menu.addMenu(window.recent_menu)
    window.setAcceptDrops(True)
    if type(window).dropEvent is QMainWindow.dropEvent:
        window.drop_filter = DropFilter(window)
        window.installEventFilter(window.drop_filter)
