"""Run one function in a worker thread behind a busy progress dialog.

``Job(parent, fn, title=..., label=...).start()`` calls ``fn()`` in a daemon thread and
shows a window-modal, indeterminate ``QProgressDialog`` (after ``PROGRESS_DELAY_MS``, so
quick jobs do not flash a dialog). When ``fn`` returns or raises, ``finished(result,
error)`` is emitted on the GUI thread: ``error`` is the exception object (``None`` on
success), so the receiver can word it with ``editor.gui.i18n.message_text``.

The dialog's button does not stop the work (the functions run here, such as writers,
cannot be interrupted safely); it says "Run in background" and only hides the dialog.
``finished`` still comes when the work is done.

``fn`` must not touch Qt objects or anything the GUI thread may change meanwhile: give
it copies taken on the GUI thread before ``start()``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)
PROGRESS_DELAY_MS = 300
_running: set[Job] = set()  # keeps jobs alive until they report, whoever holds them


class Job(QObject):
    """One function run in a worker thread; see the module docstring.

    Attributes ``done``, ``result``, ``error`` and ``worker_thread`` (the
    ``threading.get_ident()`` of the thread that ran ``fn``) are set when it ends.
    """

    finished = Signal(object, object)  # result, exception (None on success)
    _arrived = Signal(object, object)

    def __init__(
        self,
        parent: QWidget,
        fn: Callable[[], object],
        *,
        title: str,
        label: str,
    ):
        super().__init__(parent)
        self.fn = fn
        self.done = False
        self.result: object = None
        self.error: BaseException | None = None
        self.worker_thread: int | None = None
        # queued: the worker's emit is delivered by the GUI thread's event loop
        self._arrived.connect(self._on_arrived, Qt.ConnectionType.QueuedConnection)
        self.progress = QProgressDialog(parent)
        self.progress.setObjectName("job_progress")
        self.progress.setWindowTitle(title)
        self.progress.setLabelText(label)
        self.progress.setCancelButtonText(QCoreApplication.translate("Jobs", "Run in background"))
        self.progress.setRange(0, 0)  # busy: the work reports no steps
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(PROGRESS_DELAY_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.progress.hide)

    def start(self) -> Job:
        _running.add(self)
        self.progress.setValue(0)  # starts the minimum-duration timer
        threading.Thread(target=self._run, name="job", daemon=True).start()
        return self

    def _run(self) -> None:
        self.worker_thread = threading.get_ident()
        result: object = None
        error: BaseException | None = None
        try:
            result = self.fn()
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            error = exc
        try:
            self._arrived.emit(result, error)
        except RuntimeError:
            log.debug("job finished after its window was closed")

    def _on_arrived(self, result: object, error: object) -> None:
        _running.discard(self)
        self.done, self.result, self.error = True, result, error
        self.progress.canceled.disconnect(self.progress.hide)
        self.progress.close()
        self.progress.deleteLater()
        self.finished.emit(result, error)


def running() -> list[Job]:
    """Jobs started and not yet reported (for tests and for asking before quitting)."""
    return list(_running)
