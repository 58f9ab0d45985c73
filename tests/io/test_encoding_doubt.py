"""When the open dialog doubts a detected encoding (Qt-free rules)."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from editor.io.encoding_doubt import encoding_doubtful, replaced_count


def layer(encoding="GBK", source="detected", warnings=(), names=("甲镇", "乙镇")):
    report = SimpleNamespace(encoding=encoding, encoding_source=source, warnings=list(warnings))
    return SimpleNamespace(report=report, attributes=pd.DataFrame({"名称": list(names)}))


def test_replaced_count_counts_names_and_distinct_values():
    frame = pd.DataFrame({"名\ufffd": ["a\ufffd", "a\ufffd", "b"], "n": [1, 2, 3]})
    assert replaced_count(frame) == 2  # the column name and one distinct value


def test_only_a_detected_encoding_is_doubted():
    assert not encoding_doubtful(layer())  # clean Chinese text
    assert encoding_doubtful(layer(encoding="cp1252"))  # a Western guess: mojibake
    assert encoding_doubtful(layer(names=("甲\ufffd", "乙镇")))
    assert encoding_doubtful(layer(warnings=["bytes read as \ufffd in 名称"]))
    # the file or the user said which encoding: no question
    assert not encoding_doubtful(layer(encoding="cp1252", source="cpg"))
    assert not encoding_doubtful(layer(encoding="cp1252"), chosen="cp1252")
