"""Plan > Rules…: the dialog shows the checker's rules and hands edits back (pytest-qt)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from editor.core.commands import AssignTowns
from editor.core.project import Project
from editor.core.ruleset import RuleSet, default_rules
from editor.gui.rules_dialog import RulesDialog
from editor.io.rules_file import load_rules
from tests.support import grid_layer


@pytest.fixture
def project():
    attrs = pd.DataFrame({"村委会数": np.arange(9) + 5, "资产": np.arange(9) * 10.0})
    layer = grid_layer(border=np.eye(1, 9, 4, dtype=bool)[0], attributes=attrs)
    p = Project(layer)
    yield p
    p.close()


@pytest.fixture
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    return shown


def test_dialog_shows_the_checkers_rules(qtbot, project):
    rules = default_rules()
    rules.thresholds.min_population = 12_000
    rules.data.carried_fields = ["资产"]
    project.checker.set_rules(rules)
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    assert dlg.min_population.value() == 12_000
    assert dlg.preserved.rowCount() == 2 and dlg.enlarge.rowCount() == 2
    assert dlg.preserved.cellWidget(0, 3).value() == "@border"
    # the dialog's rule set is the one it was given
    assert dlg.rules() == rules


def test_apply_rechecks_the_plan(qtbot, project):
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    assert project.checker.violations() == []
    dlg.min_population.setValue(5_000)  # towns 0..3 have 1,000..4,000 people
    dlg.bench_label.setText("全国平均")
    dlg.bench_population.setValue(30_000)
    with qtbot.waitSignal(project.checker.changed, timeout=1000, raising=False):
        assert dlg.apply()
    assert project.checker.rules.thresholds.min_population == 5_000
    # the border town (4) is exempt when alone
    assert sorted(v.unit for v in project.checker.violations()) == [0, 1, 2, 3]
    assert project.plan.benchmark.label == "全国平均"
    # one rule set: the project's is the checker's, and the plan file saves it
    assert project.rules is project.checker.rules
    assert project.rules_settings["thresholds"]["min_population"] == 5_000
    # a plan change is checked with the new rules
    AssignTowns([1, 3], 0).redo(project.plan)
    assert 0 not in {v.unit for v in project.checker.violations()}


def test_switching_off_a_preserved_category(qtbot, project):
    AssignTowns([4], 1).redo(project.plan)  # the border town is absorbed
    assert [v.rule for v in project.checker.violations()] == ["border_whole"]
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    dlg.preserved.item(0, 0).setCheckState(Qt.CheckState.Unchecked)
    dlg.apply()
    assert project.checker.violations() == []


def test_added_category_row_with_a_column(qtbot, project, no_message_boxes):
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    row = dlg.preserved.add_row("ethnic", "民族乡", "没有这列", True)
    assert dlg.apply()  # allowed, but reported as a rule-set problem, never silent
    assert any("没有这列" in p for p in project.checker.problems)
    dlg.preserved.item(row, 1).setText("bad key!")
    assert not dlg.apply()
    assert no_message_boxes and "bad key!" in no_message_boxes[0]
    assert project.checker.rules.preserved[-1].key == "ethnic"  # the last good rules stay


def test_save_and_load_files(qtbot, project, tmp_path):
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    dlg.max_towns.setValue(4)
    dlg.q_basic.setValue(25)
    dlg.carried.item(1).setCheckState(Qt.CheckState.Checked)  # 资产
    path = tmp_path / "县规则.toml"
    assert dlg.save_file(path)
    saved = load_rules(path)
    assert saved.thresholds.max_towns == 4 and saved.quota.basic == 25
    assert saved.data.carried_fields == ["资产"]
    dlg.reset_defaults()
    assert dlg.max_towns.value() == 0
    assert dlg.load_file(path)
    assert dlg.max_towns.value() == 4 and dlg.rules() == saved


def test_bad_file_is_a_message_not_a_crash(qtbot, project, tmp_path, no_message_boxes):
    dlg = RulesDialog(project)
    qtbot.addWidget(dlg)
    bad = tmp_path / "bad.toml"
    bad.write_text("[quota]\nbasic = 'lots'\n", encoding="utf-8")
    assert not dlg.load_file(bad)
    assert "bad.toml" in no_message_boxes[0] and "quota.basic" in no_message_boxes[0]


def test_plan_rules_action_opens_the_dialog_and_ok_applies(qtbot, project, make_window):
    window = make_window(project)
    actions = [a for a in window.menus["plan"].actions() if a.objectName() == "action_rules"]
    assert actions and actions[0].text().startswith("&Rules")
    actions[0].trigger()  # Plan > Rules…
    dlg = window.rules_feature.dialog
    assert isinstance(dlg, RulesDialog)
    qtbot.waitUntil(dlg.isVisible)
    dlg.max_towns.setValue(2)
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()
    assert project.checker.rules.thresholds.max_towns == 2


def test_rules_saved_with_a_plan_are_applied_on_open(qtbot, project):
    from editor.core.session import open_plan

    saved = RuleSet()
    saved.thresholds.max_towns = 1
    saved.benchmark_values.label = "全国平均"
    saved.benchmark_values.mean_population = 30_000
    # what File > Open plan does with the rules read from a .tbplan
    opened = open_plan(project.plan.copy(), rules=saved.to_dict(), notes="第三稿")
    other = opened.project
    assert opened.rule_problem is None
    assert other.checker.rules.thresholds.max_towns == 1
    assert other.plan.benchmark.label == "全国平均" and other.notes == "第三稿"
    bad = open_plan(project.plan.copy(), rules={"thresholds": {"max_towns": -1}})
    assert bad.rule_problem is not None and "negative" in str(bad.rule_problem)
    assert bad.project.checker.rules.thresholds.max_towns == default_rules().thresholds.max_towns
    other.close()
    bad.project.close()


def test_main_window_installs_the_feature(qtbot, project):
    from editor.gui.main_window import MainWindow

    window = MainWindow(project, install_features=False)
    qtbot.addWidget(window)
    window.install_features(["editor.gui.rules_dialog"])
    names = [a.objectName() for a in window.menus["plan"].actions()]
    assert "action_rules" in names


def test_the_window_opens_a_plan_with_its_saved_rules_or_says_why_not(
    qtbot, tmp_path, messages, monkeypatch
):
    """File > Open plan in the real window: the saved rule set is the project's one."""
    from editor.gui.main_window import MainWindow
    from editor.io.load import open_layer
    from editor.io.planfile import save_plan_file
    from tests.support import SAMPLE

    layer = open_layer(SAMPLE)
    window = MainWindow(Project(layer, source_path=SAMPLE))
    qtbot.addWidget(window)
    saved = default_rules()
    saved.thresholds.max_towns = 2
    saved.benchmark_values.label = "省平均"
    good = save_plan_file(
        tmp_path / "good.tbplan", window.project.plan, source_path=SAMPLE, rules=saved.to_dict()
    )
    assert window.plan_file_actions.open_plan(good)
    project = window.project
    assert project.plan_path == good
    assert project.rules.thresholds.max_towns == 2 and project.plan.benchmark.label == "省平均"
    assert window.rules_feature.open_dialog().max_towns.value() == 2  # the dialog shows it
    window.rules_feature.dialog.reject()
    # a plan whose saved rules do not read opens with the default rules, and says why
    shown = []
    monkeypatch.setattr(window.status, "message", lambda text, *a: shown.append(text))
    bad = save_plan_file(
        tmp_path / "bad.tbplan",
        window.project.plan,
        source_path=SAMPLE,
        rules={"thresholds": {"max_towns": -3}},
    )
    assert window.plan_file_actions.open_plan(bad)
    assert window.project.plan_path == bad
    assert window.project.rules.thresholds.max_towns == default_rules().thresholds.max_towns
    assert any("were not used" in t and "negative" in t for t in shown)
