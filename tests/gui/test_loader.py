"""Opening layers in the background: progress, cancel, errors, field dialog, recent files,
drop (all in the real main window)."""

from __future__ import annotations

import threading
import zipfile

import geopandas
import pytest
import shapely
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from editor.core.project import Project
from editor.gui import loader
from editor.gui.actions.file import recent_files
from editor.gui.main_window import MainWindow
from tests.support import grid_layer


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
    w = MainWindow(Project(grid_layer(2, 2)))
    qtbot.addWidget(w)
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
    assert recent_files() == [str(path.resolve())]
    # File > Recent files lists it, and its entry opens it again
    window.recent_menu.aboutToShow.emit()
    entries = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in entries] == [str(path.resolve())]
    opened = window.project
    with qtbot.waitSignal(window.project_changed, timeout=20000):
        entries[0].trigger()
    assert window.project is not opened and window.project.layer.n == 4


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
    assert recent_files() == []


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


def drop_event(path, kind=QDropEvent):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton)
    if kind is QDragEnterEvent:
        return kind(QPoint(50, 50), *args, Qt.KeyboardModifier.NoModifier), mime
    return kind(QPointF(50, 50), *args, Qt.KeyboardModifier.NoModifier), mime


@pytest.mark.parametrize("zipped", [False, True])
def test_dropping_a_file_on_the_window_opens_it(window, qtbot, tmp_path, zipped):
    path = write_layer(tmp_path / "dropped.shp")
    if zipped:  # a zipped shapefile, as it often arrives by mail
        archive = tmp_path / "dropped.zip"
        with zipfile.ZipFile(archive, "w") as z:
            for part in tmp_path.glob("dropped.*"):
                if part != archive:
                    z.write(part, part.name)
        path = archive
    enter, _mime = drop_event(path, QDragEnterEvent)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    event, _mime = drop_event(path)
    with qtbot.waitSignal(window.project_changed, timeout=20000):
        QApplication.sendEvent(window, event)
    assert window.project.layer.n == 4
    assert recent_files() == [str(path.resolve())]


def test_dropping_another_file_is_refused(window, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a layer", encoding="utf-8")
    old = window.project
    enter, _mime = drop_event(notes, QDragEnterEvent)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    event, _mime = drop_event(notes)
    QApplication.sendEvent(window, event)
    QApplication.processEvents()
    assert window.project is old and recent_files() == []
