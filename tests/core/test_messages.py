"""core.messages.Message: the messages of opening a layer or a plan stay their English
text (CLI, JSON, callers comparing strings) while carrying a key, template and params."""

from __future__ import annotations

import copy
import json
import pickle

from editor.core.messages import Message
from editor.core.plan import Plan
from editor.io.load import open_layer
from editor.io.planfile import load_plan_file, save_plan_file
from tests.support import no_prj_layer


def test_message_is_its_english_text():
    m = Message("t.demo", "{n} town(s) in {name}", n=3, name="城关镇")
    assert m == "3 town(s) in 城关镇" and isinstance(m, str)
    assert (m.key, m.template, m.params) == (
        "t.demo",
        "{n} town(s) in {name}",
        {"n": 3, "name": "城关镇"},
    )
    assert "town(s)" in m and ", ".join([m, "x"]) == "3 town(s) in 城关镇, x"
    assert json.dumps([m], ensure_ascii=False) == '["3 town(s) in 城关镇"]'
    assert {m: 1}["3 town(s) in 城关镇"] == 1  # hashes as its text
    for again in (pickle.loads(pickle.dumps(m)), copy.deepcopy(m)):
        assert again == m and again.key == "t.demo" and again.params == m.params
    # a template without params is not formatted (braces stay literal)
    assert Message("t.raw", "{not a field}") == "{not a field}"


def test_load_report_messages_keep_their_english_text(tmp_path):
    layer = open_layer(no_prj_layer(tmp_path))
    r = layer.report
    by_key = {m.key: m for m in r.warnings + r.notes}
    assert by_key["reader.crs_assumed_degrees"] == (
        "towns.shp: no .prj: coordinates look like degrees; assumed CGCS2000 (EPSG:4490)"
    )
    assert by_key["reader.crs_assumed_degrees"].params["reason"].key == "reader.no_prj"
    assert by_key["load.blank_population"] == (
        "population is blank or unreadable for 1 town(s); they are counted as missing, not 0"
    )
    assert by_key["load.multipart_joined"] == (
        "1 town(s) made of several features sharing one id were joined"
    )
    assert by_key["load.repeated_population"].params == {"n": 1}
    assert "population field: POP" in r.notes
    assert next(n for n in r.notes if n == "population field: POP").params["role"] == "population"
    # every message of the report is a Message, and JSON sees plain strings
    assert all(isinstance(m, Message) for m in r.warnings + r.notes)
    assert json.loads(json.dumps(r.warnings)) == [str(w) for w in r.warnings]


def test_plan_messages_keep_their_english_text(tmp_path):
    layer = open_layer(no_prj_layer(tmp_path))
    plan = Plan(layer)
    path = tmp_path / "plan.tbplan"
    save_plan_file(path, plan, source_path=tmp_path / "towns.shp")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["units"][0]["towns"].append("999")  # a town the layer does not have
    path.write_text(json.dumps(doc), encoding="utf-8")
    loaded = load_plan_file(path, layer)
    msgs = loaded.messages()
    assert msgs == ["1 town(s) of the plan are not in the layer: 999"]
    assert msgs[0].key == "planfile.towns_gone" and msgs[0].params["n"] == 1
