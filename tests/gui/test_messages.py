"""Messages of the Qt-free layers in the user's language: every template is in the
catalog lupdate reads and in the Chinese translation, and the GUI shows them in Chinese."""

from __future__ import annotations

import ast
import importlib
import re
import string
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication

from editor.core.fields import FieldMapping
from editor.core.messages import Message
from editor.gui import i18n
from editor.gui.field_dialog import FieldMappingDialog
from editor.gui.i18n import message_text
from editor.gui.message_catalog import ROLE_NAMES, TEMPLATES
from editor.io.fields import detect_mapping
from editor.io.load import open_layer
from tests.support import REPO, no_prj_layer

TS = REPO / "resources" / "translations" / "editor_zh_CN.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")


def message_calls() -> list[tuple[str, int, ast.Call]]:
    """Every ``Message(...)`` call in editor/, as (file, line, call)."""
    out = []
    for path in sorted((REPO / "editor").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (
                getattr(node.func, "id", None) == "Message"
                or getattr(node.func, "attr", None) == "Message"
            ):
                out.append((str(path.relative_to(REPO)), node.lineno, node))
    return out


def used_templates() -> dict[str, str]:
    """template -> key of every Message built in editor/ (the modules import cleanly)."""
    calls = message_calls()
    for module in {p.removesuffix(".py").replace("/", ".") for p, _, _ in calls}:
        importlib.import_module(module)
    found: dict[str, str] = {}
    not_literal = []
    for path, line, call in calls:
        args = call.args[:2]
        if len(args) < 2 or not all(
            isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
        ):
            not_literal.append(f"{path}:{line}")
            continue
        found[args[1].value] = args[0].value
    # lupdate and the catalog need the template written out where the Message is made
    assert not_literal == []
    return found


@pytest.fixture
def chinese(qapp):
    assert i18n.set_language(i18n.CHINESE)
    yield
    i18n.set_language(i18n.ENGLISH)
    QCoreApplication.processEvents()


def test_every_message_template_is_in_the_catalog():
    used = used_templates()
    assert len(used) >= 50  # the scan finds the messages (not an empty set matching)
    assert sorted(set(used) - set(TEMPLATES)) == []  # add them to message_catalog.py
    assert sorted(set(TEMPLATES) - set(used)) == []  # no longer used: remove them
    by_key: dict[str, set[str]] = {}
    for _path, _line, call in message_calls():
        by_key.setdefault(call.args[0].value, set()).add(call.args[1].value)
    # a key names one message, and each message has its own key
    assert {k: t for k, t in by_key.items() if len(t) > 1} == {}
    assert len(by_key) == len(used)
    assert set(ROLE_NAMES) == set(FieldMapping.ROLES)


def test_every_template_is_in_the_chinese_translation_with_its_fields():
    root = ET.parse(TS).getroot()
    tables = {
        ctx.findtext("name"): {
            m.findtext("source"): m.find("translation") for m in ctx.iter("message")
        }
        for ctx in root.iter("context")
    }
    fields = string.Formatter()
    for context, sources in (("Messages", TEMPLATES), ("MessageRoles", ROLE_NAMES.values())):
        table = tables[context]
        for source in sources:
            assert source in table, f"run scripts/update_translations.sh: {source!r}"
            text = table[source].text or ""
            assert text.strip() and table[source].get("type") is None, source
            want = sorted({f for _, f, _, _ in fields.parse(source) if f})
            assert sorted({f for _, f, _, _ in fields.parse(text) if f}) == want, source


def test_real_open_messages_in_chinese(tmp_path, chinese):
    layer = open_layer(no_prj_layer(tmp_path))
    r = layer.report
    by_key = {m.key: m for m in r.warnings + r.notes}
    no_prj = message_text(by_key["reader.crs_assumed_degrees"])
    assert no_prj.startswith("towns.shp：未找到 .prj：") and "EPSG:4490" in no_prj
    assert "coordinates" not in no_prj
    blank = message_text(by_key["load.blank_population"])
    assert "1 个乡镇的人口为空" in blank and "town" not in blank
    multipart = message_text(by_key["load.multipart_joined"])
    assert CJK.search(multipart) and multipart.startswith("1 ") and "features" not in multipart
    # a role word is translated too
    pop = next(n for n in r.notes if n == "population field: POP")
    assert message_text(pop) == "人口字段：POP"
    # what is not a Message is shown as it is
    assert message_text("towns.shp: the .shp is truncated") == "towns.shp: the .shp is truncated"


def test_english_window_shows_the_english_text(tmp_path, qapp):
    i18n.set_language(i18n.ENGLISH)
    layer = open_layer(no_prj_layer(tmp_path))
    for m in layer.report.warnings:
        assert message_text(m) == str(m)


def test_plan_messages_in_chinese(tmp_path, chinese):
    many = Message(
        "planfile.towns_gone",
        "{n} town(s) of the plan are not in the layer: {towns}",
        n=12,
        towns=Message("planfile.preview_more", "{items} and {n} more", items="a, b", n=10),
    )
    assert message_text(many) == "方案中有 12 个乡镇不在图层中：a, b 等，另有 10 个"


def test_open_dialog_shows_load_warnings_and_notes_in_the_current_language(tmp_path, qtbot):
    i18n.set_language(i18n.ENGLISH)
    layer = open_layer(no_prj_layer(tmp_path))
    import geopandas

    guess = detect_mapping(
        geopandas.GeoDataFrame(layer.attributes, geometry=list(layer.geometry), crs=layer.crs)
    )
    dialog = FieldMappingDialog(
        layer.attributes, guess, str(layer.report.path), layer=layer, reasons={"crs"}
    )
    qtbot.addWidget(dialog)
    text = dialog.notes.text()
    assert "no .prj: coordinates look like degrees" in text
    assert "counted as missing, not 0" in text and "population field: POP" in text
    assert "sharing one id were joined" in text
    assert text.count("population field: POP") == 1  # the load's own field notes not repeated
    try:
        i18n.set_language(i18n.CHINESE)
        qtbot.waitUntil(lambda: "未找到 .prj" in dialog.notes.text())
        text = dialog.notes.text()
        assert "人口字段：POP" in text and "按缺失统计" in text
        assert "coordinates" not in text
    finally:
        i18n.set_language(i18n.ENGLISH)
        QCoreApplication.processEvents()
    qtbot.waitUntil(lambda: "no .prj" in dialog.notes.text())
