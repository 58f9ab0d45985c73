"""Help > User guide (F1) and Help > About on the real window, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.support import SAMPLE, SAMPLE_PLAN

pytest.importorskip("PySide6")


@pytest.fixture
def window(qtbot):
    from editor.cli.common import load_plan
    from editor.core.project import Project
    from editor.gui import i18n
    from editor.gui.main_window import MainWindow
    from editor.io.load import open_layer

    i18n.set_language(i18n.ENGLISH)
    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    win = MainWindow(Project(layer, plan, source_path=SAMPLE))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    i18n.set_language(i18n.ENGLISH)
    win.close()


def _doc_rows(path):
    """(command, keys) rows of the static shortcut table in a guide file."""
    text = path.read_text(encoding="utf-8")
    block = re.search(r"<!-- shortcuts -->(.*?)<!-- /shortcuts -->", text, re.S).group(1)
    rows = [
        [c.strip() for c in line.strip().strip("|").split("|")]
        for line in block.strip().splitlines()[2:]
    ]
    return [(a, b) for a, b in rows]


def test_help_menu_has_guide_on_f1_and_about(window):
    names = {a.objectName(): a for a in window.menus["help"].actions()}
    assert names["action_user_guide"].shortcut().toString() == "F1"
    assert "action_about" in names
    assert names["action_user_guide"].text() and names["action_about"].text()


def test_f1_opens_the_guide_with_the_live_shortcuts(window, qtbot):
    from PySide6.QtCore import Qt

    from editor.gui import help

    qtbot.keyClick(window.canvas, Qt.Key.Key_F1)
    dlg = window.help_feature.guide
    assert dlg is not None
    qtbot.waitUntil(dlg.isVisible)
    text = dlg.browser.toPlainText()
    assert "Workflow" in text and "Print Layout" in text
    assert "<!--" not in dlg.browser.toMarkdown()
    rows = help.shortcut_rows(window)
    assert ("Help › User guide", "F1") in rows
    assert ("File › Save plan", "Ctrl+S") in rows
    for name, keys in rows:  # every shortcut of the menus is in the table shown
        assert name in text and keys in text
    dlg.buttons.button(dlg.buttons.StandardButton.Close).click()
    assert not dlg.isVisible()


def test_guide_follows_the_interface_language(window, qtbot):
    from editor.gui import i18n

    dlg = window.help_feature.show_guide()
    assert "Workflow" in dlg.browser.toPlainText()
    i18n.set_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: "工作流程" in dlg.browser.toPlainText())
    text = dlg.browser.toPlainText()
    assert "帮助 › 用户指南" in text and "文件 › 保存方案" in text
    assert dlg.windowTitle() == "用户指南"
    assert window.help_feature.guide_action.text() == "用户指南(&U)"
    dlg.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_static_shortcut_tables_in_the_docs_are_true(window, qtbot, language):
    # the guides read on their own (e.g. on GitHub) must not promise keys that do nothing
    from editor.gui import help, i18n

    i18n.set_language(language)
    qtbot.wait(10)
    live = dict(help.shortcut_rows(window))
    rows = _doc_rows(help.guide_path(language))
    assert len(rows) >= 10
    for name, keys in rows:
        assert name in live, name
        assert set(keys.split(" / ")) <= set(live[name].split(" / ")), (name, keys)


def test_about_shows_version_and_libraries(window, qtbot):
    import editor

    about = next(a for a in window.menus["help"].actions() if a.objectName() == "action_about")
    about.trigger()
    box = window.help_feature.about
    qtbot.waitUntil(box.isVisible)
    assert editor.__version__ in box.text()
    for lib in ("PySide6", "shapely", "pyproj", "matplotlib"):
        assert lib in box.text()
    box.button(box.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not box.isVisible())


def test_install_creates_the_help_menu_when_missing(qtbot):
    from editor.gui import help
    from editor.gui.main_window import MainWindow

    win = MainWindow(None, install_features=False)
    qtbot.addWidget(win)
    menu = win.menus.pop("help")
    feature = help.install(win)
    assert win.menus["help"] is feature.menu and feature.menu is not menu
    assert feature.menu.title()
    assert help.shortcut_rows(win)  # the window's own actions still have their keys
