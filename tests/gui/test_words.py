"""Issue 12, "words in the Chinese interface": what the real window says, as a planner would."""

from __future__ import annotations

import numpy as np
import pyproj
import pytest
from PySide6.QtCore import QCoreApplication, QRect, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTreeView,
    QWidget,
)

from editor.core.commands import AssignTowns, RenameUnit
from editor.core.project import Project
from editor.core.ruleset import RuleSet
from editor.gui import i18n
from editor.gui.docks.units import COL_POP
from editor.gui.main_window import MainWindow
from tests.support import grid_layer


@pytest.fixture(autouse=True)
def english_after(tmp_path, monkeypatch, qapp):
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))
    yield
    if i18n.current_language() != i18n.ENGLISH:
        i18n.set_language(i18n.ENGLISH)
        QCoreApplication.processEvents()


def make_window(qtbot, layer=None, rules=None, features=("editor.gui.docks",)):
    # 4 x 3 grid: town k at column k % 4, row k // 4
    win = MainWindow(Project(layer or grid_layer(4, 3), rules=rules), install_features=False)
    win.install_features(list(features))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.zoom_to_all()
    return win


def plain(label) -> str:
    """A rich-text label's text as shown."""
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def chinese() -> None:
    assert i18n.set_language(i18n.CHINESE)
    QCoreApplication.processEvents()


# -- a missing population -------------------------------------------------------------
def test_missing_population_is_a_dash_with_a_tooltip_not_zero(qtbot):
    population = np.arange(12, dtype=float) * 1000 + 1000
    population[[0, 1, 2]] = np.nan  # towns 0 and 1 have no figure, nor has 2
    win = make_window(qtbot, layer=grid_layer(4, 3, population=population))
    chinese()
    model = win.docks.units.model
    plan = win.project.plan
    win.push(AssignTowns([1], int(plan.unit_of[0])))  # a unit of two towns, both missing
    win.push(AssignTowns([3], int(plan.unit_of[2])))  # one missing, one known (4,000)
    both = model.index(model.row_of(int(plan.unit_of[0])), COL_POP)
    assert both.data() == "—"
    assert both.data(Qt.ItemDataRole.ToolTipRole) == "人口缺失"
    partly = model.index(model.row_of(int(plan.unit_of[2])), COL_POP)
    assert partly.data() == "4,000*"
    assert "1" in partly.data(Qt.ItemDataRole.ToolTipRole)
    model.expand(int(plan.unit_of[0]))
    town = model.town_index(0, COL_POP)
    assert town.data() == "—" and town.data(Qt.ItemDataRole.ToolTipRole) == "人口缺失"
    win.close()


# -- county targets -------------------------------------------------------------------
def test_a_missed_target_says_what_is_left_to_do(qtbot):
    rules = RuleSet()
    rules.targets.units_min, rules.targets.units_max = 8, 9
    win = make_window(qtbot, rules=rules)
    chinese()
    summary = win.docks.summary.summary
    plan = win.project.plan
    win.push(AssignTowns([1, 2], int(plan.unit_of[0])))  # 12 → 10 units
    text = summary.targets_label.text()
    assert "乡镇数 12 → 10，目标 8–9：未达目标：还需减少 1 个" in plain(summary.targets_label)
    assert "%" not in text  # no share that reads as "done"
    win.push(AssignTowns([5], int(plan.unit_of[4])))  # 9 units: met
    assert "达到" in summary.targets_label.text() or "✓" in summary.targets_label.text()
    win.push(AssignTowns([6, 7], int(plan.unit_of[4])))  # 7 units: too few now
    assert "乡镇数 12 → 7，目标 8–9：未达目标：比目标少 1 个" in plain(summary.targets_label)
    win.close()


# -- warnings -------------------------------------------------------------------------
def test_long_warnings_wrap_in_the_panel(qtbot):
    rules = RuleSet()
    rules.thresholds.min_population = 50_000  # every unit breaks it
    win = make_window(qtbot, rules=rules)
    chinese()
    plan = win.project.plan
    win.push(RenameUnit(int(plan.unit_of[9]), "青龙镇人民政府驻地街道办事处"))
    dock = win.docks.warnings
    dock.raise_()
    qtbot.wait(10)
    tree = dock.list
    item = win.docks.warnings.list.item_for(int(plan.unit_of[9]))
    # the planner widens the unit column: the problem column keeps ~160 px
    tree.header().resizeSection(0, tree.viewport().width() - 160)
    qtbot.wait(10)
    text = item.text(1)
    width = tree.header().sectionSize(1)
    fm = tree.fontMetrics()
    assert fm.horizontalAdvance(text) > width  # too long for one line here
    rect = tree.visualItemRect(item)
    needed = fm.boundingRect(QRect(0, 0, width - 8, 10_000), Qt.TextFlag.TextWordWrap, text)
    assert rect.height() >= needed.height() > fm.height()
    win.close()


# -- the rules dialog -----------------------------------------------------------------
def visible_texts(dialog) -> list[str]:
    """Every text a user can see on the dialog's tabs (labels, combos, table cells)."""
    texts = []
    for tab in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(tab)
        page = dialog.tabs.widget(tab)
        for w in page.findChildren(QWidget):
            if not w.isVisibleTo(dialog):
                continue
            if isinstance(w, QLabel | QCheckBox | QGroupBox):
                texts.append(w.text() if not isinstance(w, QGroupBox) else w.title())
            elif isinstance(w, QComboBox):
                texts.append(w.currentText())
                texts += [w.itemText(i) for i in range(w.count())]
            elif isinstance(w, QTableWidget):
                for r in range(w.rowCount()):
                    for c in range(w.columnCount()):
                        if not w.isColumnHidden(c) and w.item(r, c) is not None:
                            texts.append(w.item(r, c).text())
    return texts


def test_rules_dialog_shows_labels_not_internal_keys(qtbot):
    win = make_window(qtbot, features=("editor.gui.docks", "editor.gui.rules_dialog"))
    chinese()
    action = win.findChild(QAction, "action_rules")
    action.trigger()
    dialog = win.rules_feature.dialog
    qtbot.waitExposed(dialog)
    texts = visible_texts(dialog)
    joined = "\n".join(texts)
    for internal in ("@border", "@historic", "@county_seat", "@centre", "county_seat"):
        assert internal not in joined
    assert "round" not in texts and "ceil" not in texts
    assert "沿边乡镇" in texts  # the category's label
    assert dialog.preserved.cellWidget(0, 3).currentText() == "沿边标记（图层已对应字段）"
    assert dialog.q_rounding.currentText() == "四舍五入"
    # what the dialog hands back is still the rule set's own words
    dialog.preserved.cellWidget(1, 3).setCurrentIndex(
        dialog.preserved.cellWidget(1, 3).findText("县政府驻地标记（图层已对应字段）")
    )
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    rules = win.project.checker.rules
    assert [c.field for c in rules.preserved] == ["@border", "@county_seat"]
    assert [c.key for c in rules.preserved] == ["border", "historic"]
    assert rules.quota.rounding == "round"
    win.close()


# -- Qt's own dialogs -----------------------------------------------------------------
def test_the_open_dialog_speaks_chinese(qtbot, tmp_path, monkeypatch):
    (tmp_path / "乡镇").mkdir()
    (tmp_path / "towns.shp").write_bytes(b"")
    win = make_window(qtbot)
    win.project.source_path = tmp_path / "towns.shp"  # the dialog opens in its folder
    chinese()
    seen: dict[str, list[str]] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        dialog.setDirectory(str(tmp_path))
        view = dialog.findChild(QTreeView)
        model = view.model()
        qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2, timeout=10_000)
        seen["labels"] = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
        seen["types"] = [
            model.index(r, 2, view.rootIndex()).data()
            for r in range(model.rowCount(view.rootIndex()))
        ]
        dialog.reject()

    QTimer.singleShot(0, look)
    win.findChild(QAction, "action_open_layer").trigger()
    assert "查找范围(&L)：" in seen["labels"]
    assert "文件类型(&T)：" in seen["labels"]
    assert "文件夹" in seen["types"]  # the folder's type (files: the system's MIME names)
    win.close()


# -- coordinate systems ---------------------------------------------------------------
@pytest.mark.parametrize("code", [*range(4491, 4555), 2327, 2383, 2435, 32650])
def test_gauss_kruger_and_utm_zones_are_worded_from_the_crs_itself(code):
    crs = pyproj.CRS.from_epsg(code)
    params = {p.name: p.value for p in crs.coordinate_operation.params}
    cm = params["Longitude of natural origin"]
    easting = params["False easting"]
    chinese()
    text = i18n.crs_text(crs)
    assert text.endswith(f"（EPSG:{code}）")
    if "UTM" in text:
        assert f"第{round((cm + 183) / 6)}带（北半球）" in text
        return
    width = 3 if "3-degree" in crs.name else 6
    zone = round(cm / 3) if width == 3 else round((cm + 3) / 6)
    assert f"高斯-克吕格 {width}° 带 第{zone}带 中央经线 {cm:.0f}°E" in text
    if easting > 1e6:  # a zone-prefixed false easting says the zone too
        assert int(easting // 1e6) == zone


def test_geographic_systems_by_their_chinese_names():
    chinese()
    assert i18n.crs_text(pyproj.CRS(4490)) == "2000国家大地坐标系（EPSG:4490）"
    assert i18n.crs_text(pyproj.CRS(4326)) == "WGS 84 经纬度（EPSG:4326）"
    assert i18n.crs_text(pyproj.CRS(4610)) == "1980西安坐标系（EPSG:4610）"
