"""Language: the Chinese translation loads, switches live and translates command labels."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt

from editor.core.commands import AssignTowns, SetSeat
from editor.core.plan import Plan
from editor.core.project import Project
from editor.gui import i18n
from tests.support import REPO, grid_layer

TS = REPO / "resources" / "translations" / "editor_zh_CN.ts"


@pytest.fixture(autouse=True)
def english_after(tmp_path, monkeypatch, qapp):
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))
    yield
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


@pytest.fixture
def window(make_window):
    return make_window(Project(grid_layer(3, 2)))


def test_normalise_language_codes():
    assert i18n.normalise("zh") == i18n.normalise("zh-CN") == i18n.normalise("cn") == "zh_CN"
    assert i18n.normalise("en_US") == i18n.normalise("English") == "en"
    assert i18n.normalise("fr") is None and i18n.normalise(None) is None


def test_every_string_is_translated_and_compiled():
    root = ET.parse(TS).getroot()
    untranslated = [
        m.find("source").text
        for m in root.iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.find("translation").text or "").strip()
    ]
    assert untranslated == []
    assert TS.with_suffix(".qm").stat().st_size > 1000


def test_switching_language_changes_dock_and_menu_titles_live(window, qtbot):
    units = window.docks.units
    summary = window.docks.summary
    assert units.windowTitle() == "Merged units"
    assert window.language_menu.title() == "&Language"
    window.language_menu.language_actions[i18n.CHINESE].trigger()
    qtbot.waitUntil(lambda: units.windowTitle() == "合并后乡镇")
    assert summary.windowTitle() == "全县概况"
    assert window.language_menu.title() == "语言(&L)"
    header = units.model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
    assert header == "合并后乡镇"
    # population in 万 in the Chinese summary
    pop_cell = summary.summary.values[1][0].text()
    assert pop_cell.endswith("万") or int(pop_cell.replace(",", "")) < 10_000
    # the choice is remembered
    assert i18n.settings().value("language") == i18n.CHINESE
    window.language_menu.language_actions[i18n.ENGLISH].trigger()
    qtbot.waitUntil(lambda: units.windowTitle() == "Merged units")
    assert window.language_menu.title() == "&Language"
    assert window.language_menu.language_actions[i18n.ENGLISH].isChecked()


def test_summary_population_in_wan_in_chinese(window, qtbot):
    from editor.gui.docks import numbers

    i18n.set_language(i18n.CHINESE)
    assert numbers.population(42_800) == "4.28万"
    assert numbers.population(8_500) == "8,500"
    i18n.set_language(i18n.ENGLISH)
    assert numbers.population(42_800) == "42,800"


def test_choose_language_order(monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: i18n.CHINESE)
    assert i18n.choose_language(None, None) == i18n.CHINESE  # system locale
    i18n.settings().setValue("language", "en")
    assert i18n.choose_language(None, None) == i18n.ENGLISH  # saved choice beats it
    assert i18n.choose_language(None, "zh") == i18n.CHINESE  # --lang beats both
    assert i18n.current_language() == i18n.CHINESE


def test_command_text_is_translated():
    plan = Plan(grid_layer(3, 1))
    merge = AssignTowns([1, 2], 0)
    merge.redo(plan)
    seat = SetSeat(0, None)
    seat.redo(plan)
    assert i18n.command_text(merge) == "Merge 2 towns into 镇0"
    i18n.set_language(i18n.CHINESE)
    assert i18n.command_text(merge) == "将 2 个乡镇并入镇0"
    assert i18n.command_text(seat) == "将镇0的驻地设为自动"
    i18n.set_language(i18n.ENGLISH)
    assert i18n.command_text(seat) == "Set seat of 镇0 to auto"
