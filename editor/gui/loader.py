"""Opening layers without freezing the window.

``open_layer_async(window, path, options)`` reads the layer in a worker thread (a fresh
``open_layer`` touches no shared state) behind a cancellable progress dialog. Cancel
does not interrupt the reader; the result is discarded when it arrives, and the old
project stays. The open dialog (``FieldMappingDialog``) asks when the field mapping was
a guess with unsure roles, when the CRS was assumed (no ``.prj``), or when the text
encoding was detected and looks wrong (undecodable bytes, or a Western single-byte
guess); changing the encoding or CRS there reads the layer again through the same worker
(:class:`Reread`), and after OK the layer is read once more only if the user's mapping or
options differ from the last read. Errors (``EditorError``) are shown as their one-line
message.

``install(window)`` adds View > Layer properties… (:func:`show_layer_properties`): the
same dialog for the open layer; applying it reopens the layer with the new encoding/CRS
and carries the plan over by town id. File > Open, Recent files and dropping a file on
the window live in ``editor.gui.actions.file`` and ``MainWindow``; they open through
``MainWindow.open_layer``, which settles unsaved work and calls :func:`open_layer_async`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QProgressDialog

from editor.core.fields import FieldMapping
from editor.core.project import Project
from editor.errors import EditorError
from editor.gui import i18n
from editor.gui.actions.file import add_recent
from editor.gui.field_dialog import FieldMappingDialog
from editor.gui.i18n import message_text
from editor.io.encoding_doubt import encoding_doubtful
from editor.io.load import LoadOptions, open_layer

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


def _read(path: Path, options: LoadOptions) -> tuple[object, object, object]:
    """Open a layer (worker thread): ``(layer, guess, None)`` or ``(None, None, error)``.

    ``error`` is the :class:`EditorError` itself (``message_text`` words it in the GUI
    thread) or a one-line text for an unexpected failure.
    """
    layer = guess = None
    try:
        layer = open_layer(path, options)
        guess = _guess_mapping(layer, options)
        # township lines of a village layer take seconds on a province: compute them
        # here, off the GUI thread (they are cached per layer for the canvas)
        from editor.core.parents import parent_boundaries

        parent_boundaries(layer)
    except EditorError as exc:
        return None, None, exc  # worded in the GUI thread, in the current language
    except Exception as exc:  # noqa: BLE001 - the user gets one line, never a traceback
        return None, None, f"{path}: {type(exc).__name__}: {exc}"
    return layer, guess, None


def _known_guess(layer: object) -> object:
    """A sure "guess" made of the mapping the layer was opened with."""
    from types import SimpleNamespace

    return SimpleNamespace(mapping=layer.mapping, unsure=[], notes=[])


def ask_reasons(layer: object, guess: object, options: LoadOptions) -> set[str]:
    """Why the open dialog must ask before this layer opens (empty: open directly).

    ``"fields"``: a role of the guessed mapping is unsure. ``"crs"``: no CRS in the file
    and none given, so it was assumed from the coordinates. ``"encoding"``: the encoding
    was detected (neither .cpg nor DBF header nor the user said it) and text came out
    with undecodable bytes, or as a Western single-byte guess (Chinese text read so is
    garbled without a single replacement character).
    """
    reasons: set[str] = set()
    if guess is not None and getattr(guess, "unsure", None):
        reasons.add("fields")
    report = layer.report
    if report.crs_assumed and options.crs in (None, ""):
        reasons.add("crs")
    if encoding_doubtful(layer, options.encoding):
        reasons.add("encoding")
    return reasons


class Reread(QObject):
    """Read a layer in a worker thread; ``arrived(layer, guess, error)`` on the GUI thread."""

    arrived = Signal(object, object, object)

    def __init__(self, parent: QObject, path: Path, options: LoadOptions):
        super().__init__(parent)
        self.path = path
        self.options = options

    def start(self) -> Reread:
        def run() -> None:
            result = _read(self.path, self.options)
            try:
                self.arrived.emit(*result)
            except RuntimeError:
                pass  # the dialog closed while reading

        threading.Thread(target=run, name=f"reread {self.path.name}", daemon=True).start()
        return self


class OpenDialogSession(QObject):
    """The open dialog for one layer, with its re-reads.

    ``done(layer, options)`` when the user pressed OK: ``options`` are the final
    ``LoadOptions``; ``layer`` is the layer already read with them, or ``None`` when it
    must be read again (another field mapping, or a code typed but not yet read).
    ``cancelled()`` on Cancel.
    """

    done = Signal(object, object)
    cancelled = Signal()

    def __init__(
        self,
        parent: QObject,
        window: object,
        path: Path,
        layer: object,
        guess: object,
        options: LoadOptions,
        reasons: set[str],
    ):
        super().__init__(parent)
        self.path = path
        self.layer = layer
        self.guess = guess
        self.read_options = options  # what ``self.layer`` was read with
        self.reread: Reread | None = None
        self.dialog = FieldMappingDialog(
            layer.attributes,
            guess,
            str(path),
            options.use_area_field,
            window,
            layer=layer,
            options=options,
            reasons=reasons,
        )
        self.detected = self._mapping(guess)
        self.dialog.reload_requested.connect(self._reload)
        self.dialog.finished.connect(self._finished)

    @staticmethod
    def _mapping(guess: object) -> dict[str, str]:
        return {r: (getattr(guess.mapping, r) or "") for r in FieldMapping.ROLES}

    def open(self) -> OpenDialogSession:
        self.dialog.open()
        return self

    def _reload(self, choice: dict) -> None:
        options = LoadOptions.from_dict(self.read_options.to_dict())
        options.encoding = choice.get("encoding")
        options.crs = choice.get("crs")
        # column names change with the encoding: let detection map the new ones (the
        # dialog keeps the user's own picks where their column still exists)
        options.fields = {}
        self.reread = Reread(self, self.path, options)
        self.reread.arrived.connect(
            lambda layer, guess, error, o=options, r=self.reread: self._reloaded(
                r, o, layer, guess, error
            )
        )
        self.reread.start()

    def _reloaded(
        self, reread: Reread, options: LoadOptions, layer: object, guess: object, error: object
    ) -> None:
        if reread is not self.reread or not shiboken6.isValid(self.dialog):
            return  # superseded, or the dialog is gone
        self.reread = None
        if error is not None:
            self.dialog.reload_failed(message_text(error))
            return
        self.layer, self.guess, self.read_options = layer, guess, options
        self.detected = self._mapping(guess)
        self.dialog.set_layer(layer, guess, options)

    def _finished(self, result: int) -> None:
        dialog = self.dialog
        dialog.deleteLater()
        self.reread = None
        if result != QDialog.DialogCode.Accepted:
            self.cancelled.emit()
            return
        read = self.read_options
        options = LoadOptions.from_dict(read.to_dict())
        options.fields = dialog.fields()
        options.use_area_field = dialog.use_area_field()
        chosen = (dialog.encoding_choice(), dialog.crs_choice())
        confirmed = dialog.confirmed_options()
        options.encoding = confirmed["encoding"]
        options.crs = confirmed["crs"]
        same_read = chosen == (read.encoding or None, dialog.read_crs)
        if (
            same_read
            and options.fields == self.detected
            and options.use_area_field == read.use_area_field
        ):
            self.done.emit(self.layer, options)  # the last read is right: no other read
        else:
            self.done.emit(None, options)


class LoadJob(QObject):
    """One layer being opened. ``finished(str)`` says how it ended:
    ``"opened"``, ``"cancelled"`` or ``"failed"``."""

    finished = Signal(str)
    _arrived = Signal(object, object, object)  # layer, guess, error message

    def __init__(
        self,
        window: object,
        path: str | Path,
        options: LoadOptions | None = None,
        ask: bool = True,
    ):
        super().__init__(window)
        self.window = window
        self.path = Path(path)
        self.options = options or LoadOptions()
        self.ask = ask  # False: the user has answered the open dialog already
        self.session: OpenDialogSession | None = None
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
        layer, guess, error = _read(self.path, self.options)
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

    def _on_arrived(self, layer: object, guess: object, error: object) -> None:
        _jobs.discard(self)
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        if self.cancelled:
            return
        if error is not None:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("Loader", "Cannot open layer"),
                message_text(error),
            )
            self._finish("failed")
            return
        reasons = ask_reasons(layer, guess, self.options) if self.ask else set()
        if reasons:
            self._ask(layer, guess, reasons)
            return
        self._open(layer, self.options)

    def _ask(self, layer: object, guess: object, reasons: set[str]) -> None:
        session = OpenDialogSession(
            self,
            self.window,
            self.path,
            layer,
            guess if guess is not None else _known_guess(layer),
            self.options,
            reasons,
        )
        self.session = session
        self.field_dialog = session.dialog

        def cancelled() -> None:
            self.field_dialog = None
            self._finish("cancelled")

        def done(read: object, options: LoadOptions) -> None:
            self.field_dialog = None
            if read is not None:
                self._open(read, options)
                return
            self.next_job = LoadJob(self.window, self.path, options, ask=False)
            self.next_job.finished.connect(self._finish)
            self.next_job.start()

        session.cancelled.connect(cancelled)
        session.done.connect(done)
        session.open()

    def _open(self, layer: object, options: LoadOptions) -> None:
        try:
            project = Project(layer, source_path=self.path, load_options=options.to_dict())
            self.window.set_project(project)
        except EditorError as exc:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("Loader", "Cannot open layer"),
                message_text(exc),
            )
            self._finish("failed")
            return
        add_recent(self.path)
        # what the load had to assume or skip (no .prj, blank populations, ...), in the
        # user's language; the open dialog shows them too when it is asked
        warnings = i18n.message_lines(layer.report.warnings)
        status = getattr(self.window, "status", None)
        if warnings and status is not None and hasattr(status, "message"):
            status.message("; ".join(warnings))
        self._finish("opened")


def open_layer_async(
    window: object, path: str | Path, options: LoadOptions | None = None
) -> LoadJob:
    """Open ``path`` off the GUI thread and make it the window's project when read."""
    return LoadJob(window, path, options).start()


# -- View > Layer properties -------------------------------------------------------------
def _effective(options: LoadOptions) -> dict:
    data = options.to_dict()
    data["encoding"] = data["encoding"] or None
    data["crs"] = data["crs"] or None
    return data


def carry_project(old: Project, layer: object, options: LoadOptions) -> Project:
    """``old``'s plan, rules and layers on ``layer`` read with ``options`` (see
    :func:`editor.core.session.carry_project`)."""
    from editor.core import session
    from editor.io.facilities import reload_facilities

    return session.carry_project(
        old, layer, options.to_dict(), reload_facilities(old.facilities, layer)
    )


class LayerProperties(QObject):
    """View > Layer properties…: the open dialog for the window's layer.

    OK with another encoding, CRS or field mapping reopens the layer with them and carries
    the plan over (:func:`carry_project`); the new options are the project's
    ``load_options``, which the plan file saves.
    """

    applied = Signal(object)  # the new project

    def __init__(self, window: object):
        super().__init__(window)
        self.window_ = window
        self.session: OpenDialogSession | None = None
        self.reread: Reread | None = None

    @property
    def dialog(self) -> FieldMappingDialog | None:
        return None if self.session is None else self.session.dialog

    def show(self) -> FieldMappingDialog | None:
        project = getattr(self.window_, "project", None)
        if project is None or self.session is not None:
            return self.dialog
        layer = project.layer
        path = Path(project.source_path or layer.report.path)
        options = LoadOptions.from_dict(project.load_options)
        self.session = OpenDialogSession(
            self, self.window_, path, layer, _known_guess(layer), options, {"properties"}
        )
        self.session.cancelled.connect(self._closed)
        self.session.done.connect(lambda read, opts, p=project: self._done(p, read, opts))
        self.session.open()
        return self.session.dialog

    def _closed(self) -> None:
        self.session = None

    def _done(self, project: Project, read: object, options: LoadOptions) -> None:
        self.session = None
        if project is not getattr(self.window_, "project", None) or read is project.layer:
            return  # closed with what was already open: nothing to read or carry
        if read is None and _effective(options) == _effective(
            LoadOptions.from_dict(project.load_options)
        ):
            return  # nothing changed
        if read is not None:
            self._apply(project, read, options)
            return
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.reread = Reread(self, Path(project.source_path), options)

        def arrived(layer: object, _guess: object, error: object) -> None:
            QApplication.restoreOverrideCursor()
            self.reread = None
            if error is not None:
                QMessageBox.warning(
                    self.window_,
                    QCoreApplication.translate("Loader", "Cannot open layer"),
                    message_text(error),
                )
                return
            self._apply(project, layer, options)

        self.reread.arrived.connect(arrived)
        self.reread.start()

    def _apply(self, project: Project, layer: object, options: LoadOptions) -> None:
        window = self.window_
        if project is not getattr(window, "project", None):
            return
        actions = getattr(window, "plan_file_actions", None)
        was_modified = bool(actions is not None and actions.is_modified())
        try:
            new = carry_project(project, layer, options)
        except EditorError as exc:
            QMessageBox.warning(
                window, QCoreApplication.translate("Loader", "Cannot open layer"), message_text(exc)
            )
            return
        refs = []
        for ref in project.references:
            if ref.meta.get("border"):
                continue  # the window re-reads the boundary line from the load options
            try:
                again = window.read_reference(ref.path, new)
            except (EditorError, ValueError, RuntimeError, AttributeError):
                continue
            again.above, again.name, again.meta = ref.above, ref.name, dict(ref.meta)
            refs.append(again)
        new.references.extend(refs)
        if actions is not None:
            # the old journal stays for recovery until the new plan's first change; do not
            # offer it now
            actions._suppress_recovery = True
        try:
            window.set_project(new)
        finally:
            if actions is not None:
                actions._suppress_recovery = False
        if actions is not None and (was_modified or new.plan_path is not None):
            # the plan's edits (or its saved load options) are not in its file yet
            actions.recovered_unsaved = True
            actions.update_title()
        status = getattr(window, "status", None)
        if status is not None and hasattr(status, "message"):
            status.message(
                QCoreApplication.translate(
                    "Loader", "Layer read again with encoding {encoding} and {crs}"
                ).format(encoding=layer.report.encoding or "UTF-8", crs=layer.crs.name)
            )
        self.applied.emit(new)


def show_layer_properties(window: object) -> FieldMappingDialog | None:
    """View > Layer properties…: open the dialog for the window's layer (``None`` = none)."""
    props = getattr(window, "layer_properties", None)
    if props is None:
        props = window.layer_properties = LayerProperties(window)
    return props.show()


class LayerPropertiesAction(QObject):
    """The View > Layer properties… action, enabled while a layer is open."""

    def __init__(self, window: object, menu: QMenu):
        super().__init__(window)
        self.window_ = window
        self.action = menu.addAction("")
        self.action.setObjectName("action_layer_properties")
        self.action.triggered.connect(lambda _=False: show_layer_properties(window))
        window.project_changed.connect(self.update)
        window.retranslators.append(self.retranslate)
        self.retranslate()
        self.update()

    def update(self, *_: object) -> None:
        self.action.setEnabled(getattr(self.window_, "project", None) is not None)

    def retranslate(self) -> None:
        self.action.setText(QCoreApplication.translate("Loader", "Layer &Properties…"))
        self.action.setStatusTip(
            QCoreApplication.translate(
                "Loader", "Text encoding, coordinate system and fields of the open layer"
            )
        )


def install(window: object) -> LayerPropertiesAction:
    """View > Layer properties… (the window's File actions own Open, Recent files and
    drops, and open through :func:`open_layer_async`)."""
    window.layer_properties_action = LayerPropertiesAction(window, window.menus["view"])
    return window.layer_properties_action
