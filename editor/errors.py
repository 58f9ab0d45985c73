"""Errors the program reports to the user as one line, never as a traceback."""

from __future__ import annotations

from pathlib import Path


class EditorError(Exception):
    """Base class: an error with a message fit to show a user as it is.

    Subclasses that name a file keep ``path`` and ``problem``; ``problem`` is usually an
    ``editor.core.messages.Message`` (a ``str`` in English), so ``str(exc)`` stays the
    English one-liner the command line prints while the GUI translates ``problem``
    (``editor.gui.i18n.message_text(exc)``).
    """

    path: Path | None = None
    problem: str | None = None


class LayerError(EditorError):
    """A layer cannot be opened or used; the message names the file and the problem."""

    problem: str

    def __init__(self, path: str | Path | None, problem: str):
        self.path = None if path is None else Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class PlanError(EditorError):
    """A plan file or assignment table cannot be read or applied."""

    problem: str

    def __init__(self, path: str | Path | None, problem: str):
        self.path = None if path is None else Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class WriteError(EditorError):
    """A file cannot be written (read-only folder, disk full, ...); nothing was left behind."""

    problem: str

    def __init__(self, path: str | Path, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
