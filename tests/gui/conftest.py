"""The real ``MainWindow`` for GUI tests: every feature installed, shown, closed after."""

from __future__ import annotations

import pytest

from editor.core.project import Project
from editor.gui.main_window import MainWindow
from tests.support import grid_layer


@pytest.fixture
def make_window(qtbot):
    """Build the real window (all features) on ``project``; closed at the end of the test."""
    made: list[MainWindow] = []

    def make(project: Project | None = None) -> MainWindow:
        win = MainWindow(project)
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        made.append(win)
        return win

    yield make
    for win in made:
        win.close()


@pytest.fixture
def window(make_window):
    """The real window on a 4 x 3 grid county."""
    return make_window(Project(grid_layer(4, 3)))
