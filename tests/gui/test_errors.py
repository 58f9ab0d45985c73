"""Errors of the Qt-free layers in the user's language: the window words an EditorError's
problem in Chinese, the command line keeps the English one-liner."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from editor.core.messages import Message
from editor.core.project import Project
from editor.errors import LayerError, PlanError, WriteError
from editor.gui import i18n, loader
from editor.gui.i18n import message_text
from editor.gui.main_window import MainWindow
from editor.io.atomic import write_error
from editor.io.planfile import read_plan_header
from editor.io.rules_file import load_rules
from tests.support import CJK, grid_layer, run


@pytest.fixture
def chinese(qapp):
    assert i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


@pytest.fixture
def window(qtbot):
    w = MainWindow(Project(grid_layer(2, 2)))
    qtbot.addWidget(w)
    w.show()
    yield w
    w.close()


def test_missing_layer_opened_in_the_chinese_window_says_so_in_chinese(
    window, qtbot, tmp_path, monkeypatch, chinese
):
    missing = tmp_path / "没有这个.shp"
    shown = []
    monkeypatch.setattr(
        loader.QMessageBox, "warning", lambda parent, title, text: shown.append((title, text))
    )
    old = window.project
    job = loader.open_layer_async(window, missing)
    qtbot.waitUntil(lambda: job.outcome is not None, timeout=20000)
    assert job.outcome == "failed" and window.project is old
    assert len(shown) == 1
    title, text = shown[0]
    assert text == f"{missing}：找不到文件"
    assert "not found" not in text and CJK.search(title)


def test_the_cli_prints_the_english_one_line_error(tmp_path):
    missing = tmp_path / "missing.shp"
    out = run("info", missing)
    assert out.returncode == 2
    assert out.stderr.strip() == f"error: {missing}: file not found"


def test_error_problems_are_messages_with_the_english_text(tmp_path):
    with pytest.raises(LayerError) as caught:
        loader.open_layer(tmp_path / "missing.shp", None)
    exc = caught.value
    assert isinstance(exc.problem, Message) and exc.problem.key == "error.file_not_found"
    assert str(exc) == f"{tmp_path / 'missing.shp'}: file not found"
    bad = tmp_path / "plan.tbplan"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(PlanError) as caught:
        read_plan_header(bad)
    assert str(caught.value).startswith(f"{bad}: not valid JSON: ")
    assert caught.value.problem.params["lineno"] == 1


def test_errors_in_chinese(tmp_path, chinese):
    rules = tmp_path / "rules.toml"
    rules.write_text('name = "x"\n[checks]\ncontiguity = "yes"\n', encoding="utf-8")
    with pytest.raises(Exception) as caught:
        load_rules(rules)
    text = message_text(caught.value)
    assert text.startswith(f"{rules}：") and "必须是 true 或 false" in text
    assert "'yes'" in text  # the value the user wrote, as it is
    err = write_error(tmp_path / "out.gpkg", OSError(28, "No space left on device"))
    assert isinstance(err, WriteError)
    assert message_text(err) == f"{tmp_path / 'out.gpkg'}：无法写入：磁盘已满（或配额已用完）"
    # an error without a path: just its problem; a plain exception: its text
    assert message_text(LayerError(None, Message("error.no_features", "no features"))) == "没有要素"
    assert message_text(ValueError("boom")) == "boom"


def test_errors_in_english_are_their_text(tmp_path, qapp):
    i18n.set_language(i18n.ENGLISH)
    err = write_error(tmp_path / "out.gpkg", OSError(28, "No space left on device"))
    assert message_text(err) == str(err)


def test_toolbar_and_menus_say_villages_on_a_village_layer(qtbot, chinese):
    main_window = pytest.importorskip("editor.gui.main_window")
    w = main_window.MainWindow(Project(grid_layer(2, 2)))
    qtbot.addWidget(w)
    paint = w.tool_actions["paint"]
    assert paint.text() == "刷选乡镇并入单元(&P)"
    village = grid_layer(2, 2, parent=["甲镇", "甲镇", "乙镇", "乙镇"])
    w.set_project(Project(village))
    assert paint.text() == "刷选村并入单元(&P)" and "村" in paint.toolTip()
    select_all = w.findChild(type(paint), "action_select_all")
    assert select_all.text() == "选择全部村(&A)"
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()
    assert paint.text() == "&Paint villages into a unit"
    w.set_project(Project(grid_layer(2, 2)))
    assert paint.text() == "&Paint towns into a unit"
    assert select_all.text() == "Select &all towns"


def test_an_unreadable_saved_layer_is_worded_in_chinese(tmp_path, chinese):
    from editor.io.planfile.layers import _layer_unreadable

    saved = type("Saved", (), {"path": tmp_path / "shops.shp", "kind": "facility"})()
    error = LayerError(tmp_path / "shops.shp", Message("error.no_features", "no features"))
    problem = _layer_unreadable(saved, error).problem
    assert str(problem) == f"cannot be read: {tmp_path / 'shops.shp'}: no features"
    assert message_text(problem) == f"无法读取：{tmp_path / 'shops.shp'}：没有要素"


def test_a_command_that_cannot_apply_is_worded_in_chinese(qtbot, chinese):
    from editor.core.commands import DetachTowns
    from editor.gui.main_window import MainWindow

    win = MainWindow(Project(grid_layer(2, 2)), install_features=False)
    qtbot.addWidget(win)
    shown = []
    win.status.message = lambda text, *a, **k: shown.append(text)
    assert not win.push(DetachTowns([0]))  # town 0 is already alone
    assert win.undo_stack.count() == 0
    assert shown and CJK.search(shown[-1]) and "already alone" not in shown[-1]
    win.close()
