"""Violations and quota reasons are core Messages, worded by ``i18n.message_text`` only:
the real window's warnings dock shows them in Chinese, the CLI keeps the English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from editor.cli.common import load_plan
from editor.core.messages import Figure, Message
from editor.core.plan import Plan
from editor.core.project import Project
from editor.core.quota import QuotaCalculator
from editor.core.rules import RuleChecker
from editor.gui import i18n, main_window
from editor.gui.docks.warnings import WarningsWidget
from editor.io.load import open_layer
from editor.io.rules_file import load_rules
from tests.support import REPO, SAMPLE

RULES = REPO / "sample_shapes" / "sample_rules.toml"
BROKEN = REPO / "sample_shapes" / "sample_plan_violations.csv"


@pytest.fixture
def window(qtbot):
    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, BROKEN)
    w = main_window.MainWindow(Project(layer, plan, load_rules(RULES)))
    qtbot.addWidget(w)
    yield w
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


def dock_rows(w) -> dict[str, list[str]]:
    (lst,) = w.findChildren(WarningsWidget)
    rows: dict[str, list[str]] = {}
    for i in range(lst.topLevelItemCount()):
        item = lst.topLevelItem(i)
        rows.setdefault(item.text(0), []).append(item.text(1))
    return rows


def test_every_violation_is_a_message_with_its_english_text(window):
    violations = window.project.checker.violations()
    assert len(violations) == 15
    for v in violations:
        assert isinstance(v.message, Message) and v.message.key.startswith("rules.")
        assert str(v.message) == v.message.template.format(**v.message.params)
        assert v.params == v.message.params
    by_rule = {v.rule: v for v in violations}
    assert by_rule["mean_population"].message == (
        "mean population 48,889 is below the target 50,000"
    )
    assert isinstance(by_rule["min_area"].message.params["area"], Figure)


def test_warnings_dock_words_violations_in_chinese(window, qtbot):
    english = dock_rows(window)
    assert "凤岗镇 is in 2 separate pieces" in english["凤岗镇"]
    i18n.set_language(i18n.CHINESE)
    qtbot.waitUntil(lambda: "全县" in dock_rows(window))
    rows = dock_rows(window)
    assert "平均人口 4.89万，低于目标 5.00万" in rows["全县"]
    assert "平均面积 94.4 km²，低于目标 95.0 km²" in rows["全县"]
    assert "调整后 18 个乡镇，多于目标上限 17 个" in rows["全县"]
    assert "大坪乡 人口 8,790，低于下限 20,000" in rows["大坪乡"]
    assert "凤岗镇 分为 2 块，不连片" in rows["凤岗镇"]
    assert rows["勐岚镇"] == [
        "沿边乡镇 勐岚镇 与 芒洪傣族乡 一并并入勐岚镇（2 个乡镇）；沿边乡镇应成建制保留"
    ]
    assert rows["青龙镇"] == ["历史文化名镇 旧州镇 并入青龙镇后失去名称"]
    assert "兴隆镇 最远处距驻地龙潭镇 28.9 km，超过服务半径上限 25.0 km" in rows["兴隆镇"]
    text = "".join(t for texts in rows.values() for t in texts)
    for english_word in ("below", "merged", "units after", "km2"):
        assert english_word not in text
    # back to English: the core's own text
    i18n.set_language(i18n.ENGLISH)
    qtbot.waitUntil(lambda: "County" in dock_rows(window))
    assert dock_rows(window)["大坪乡"] == [
        "大坪乡 has 8,790 people, below the minimum 20,000",
        "大坪乡 covers 16.6 km2, below the minimum 50.0 km2",
    ]


def test_missing_population_suffix_is_a_nested_message(qapp):
    layer = open_layer(SAMPLE)
    layer.population[:5] = float("nan")
    checker = RuleChecker(Plan(layer), load_rules(RULES))
    missing = [
        v for v in checker.violations() if v.rule == "min_population" and v.params["missing"]
    ]
    assert missing
    v = missing[0]
    assert v.params["missing"].key == "rules.missing_population"
    assert str(v.message).endswith(" (1 town(s) without population)")
    try:
        i18n.set_language(i18n.CHINESE)
        assert i18n.message_text(v.message).endswith(
            "人口 0，低于下限 20,000（1 个乡镇缺人口数据）"
        )
    finally:
        i18n.set_language(i18n.ENGLISH)


def test_quota_reasons_are_messages_worded_in_chinese(qapp):
    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, BROKEN)
    rules = load_rules(RULES)
    calc = QuotaCalculator(layer, rules.quota)
    reasons = [r for uid in plan.units for r in calc.unit(plan, uid).reasons]
    keys = {r.key for r in reasons}
    assert {"quota.county_seat", "quota.developed"} <= keys
    assert all(isinstance(r, Message) for r in reasons)
    try:
        i18n.set_language(i18n.CHINESE)
        worded = {i18n.message_text(r) for r in reasons}
        assert {"县政府驻地镇", "经济发达镇"} <= worded
        big = Message("quota.large_population", "population over {n}", n=Figure(100000))
        assert str(big) == "population over 100,000"
        assert i18n.message_text(big) == "人口超过 100,000"
    finally:
        i18n.set_language(i18n.ENGLISH)
