"""Opening layers in the background: progress, cancel, errors, field dialog, recent files, drop."""

from __future__ import annotations

import threading

import geopandas
import pytest
import shapely
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from editor.core.project import Project
from editor.gui import loader
from tests.support import grid_layer
from tests.support_qt import FakeWindow


def write_layer(path, population=True, n=4):
    data = {
        "代码": [f"53010010{k}" for k in range(n)],
        "名称": [f"甲{k}镇" for k in range(n)],
        "备注": [f"note {k}" for k in range(n)],
    }
    if population:
        data["人口"] = [10000 + 1000 * k for k in range(n)]
    else:
        data["常住"] = [20000 + 1000 * k for k in range(n)]  # a name detection cannot place
    geoms = [shapely.box(100 + 0.1 * k, 24, 100.1 + 0.1 * k, 24.1) for k in range(n)]
    frame = geopandas.GeoDataFrame(data, geometry=geoms, crs=4490)
    frame.to_file(path, encoding="UTF-8")
    return path


@pytest.fixture
def window(qtbot):
    w = FakeWindow(Project(grid_layer(2, 2)))
    qtbot.addWidget(w)
    loader.install(w)
    w.show()
    yield w
    w.close()


def finished(qtbot, job, timeout=20000):
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=timeout)
    return job.outcome


def test_open_shapefile_through_loader(window, qtbot, tmp_path):
    path = write_layer(tmp_path / "towns.shp")
    old = window.project
    job = loader.open_layer_async(window, path)
    assert finished(qtbot, job) == "opened"
    assert window.project is not old
    layer = window.project.layer
    assert layer.n == 4 and list(layer.names) == ["甲0镇", "甲1镇", "甲2镇", "甲3镇"]
    assert layer.population.tolist() == [10000, 11000, 12000, 13000]
    assert window.project.load_options["fields"] == {}
    assert loader.recent_files() == [str(path.resolve())]
    window.recent_menu.rebuild()
    entries = [a.data() for a in window.recent_menu.actions() if a.data()]
    assert entries == [str(path.resolve())]


def test_cancel_keeps_the_old_project(window, qtbot, tmp_path, monkeypatch):
    path = write_layer(tmp_path / "towns.shp")
    release = threading.Event()
    real_open = loader.open_layer

    def slow_open(p, options):
        release.wait(10)
        return real_open(p, options)

    monkeypatch.setattr(loader, "open_layer", slow_open)
    old = window.project
    job = loader.open_layer_async(window, path)
    # the window keeps handling events while the worker reads
    QApplication.processEvents()
    job.progress.findChild(QPushButton).click()  # the user presses Cancel
    assert job.outcome == "cancelled"
    release.set()
    qtbot.waitUntil(lambda: job not in loader._jobs, timeout=20000)
    QApplication.processEvents()
    assert window.project is old
    assert loader.recent_files() == []


def test_broken_file_shows_message_and_keeps_project(window, qtbot, tmp_path, monkeypatch):
    bad = tmp_path / "broken.shp"
    bad.write_bytes(b"this is not a shapefile")
    messages = []
    monkeypatch.setattr(
        loader.QMessageBox, "warning", lambda parent, title, text: messages.append(text)
    )
    old = window.project
    job = loader.open_layer_async(window, bad)
    assert finished(qtbot, job) == "failed"
    assert window.project is old
    assert len(messages) == 1 and "broken.shp" in messages[0]
    assert "\n" not in messages[0].strip() and "Traceback" not in messages[0]


def test_unsure_mapping_asks_and_reopens_with_the_fix(window, qtbot, tmp_path):
    path = write_layer(tmp_path / "towns.shp", population=False)
    job = loader.open_layer_async(window, path)
    qtbot.waitUntil(lambda: job.field_dialog is not None, timeout=20000)
    dialog = job.field_dialog
    assert "population" in dialog.unsure
    assert dialog.fields()["population"] == ""
    # sample values are shown beside each column
    combo = dialog.combos["population"]
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert any(t.startswith("常住") and "20000" in t for t in texts)
    dialog.set_role("population", "常住")
    dialog.accept()
    assert finished(qtbot, job) == "opened"
    project = window.project
    assert project.layer.population.tolist() == [20000, 21000, 22000, 23000]
    assert project.load_options["fields"]["population"] == "常住"


def test_unsure_mapping_rejected_keeps_old_project(window, qtbot, tmp_path):
    path = write_layer(tmp_path / "towns.shp", population=False)
    old = window.project
    job = loader.open_layer_async(window, path)
    qtbot.waitUntil(lambda: job.field_dialog is not None, timeout=20000)
    job.field_dialog.done(QDialog.DialogCode.Rejected)
    assert finished(qtbot, job) == "cancelled"
    assert window.project is old


def test_dropping_a_file_on_the_window_opens_it(window, qtbot, tmp_path):
    path = write_layer(tmp_path / "dropped.shp")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    assert window.drop_filter.eventFilter(window, event)
    job = window.drop_filter.last_job
    assert finished(qtbot, job) == "opened"
    assert window.project.layer.n == 4
    # other files are not taken
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    assert loader.dropped_layer(other) is None
