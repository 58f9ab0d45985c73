#!/usr/bin/env bash
# Refresh the Chinese translation: extract every tr()/translate() string of editor/gui
# into resources/translations/editor_zh_CN.ts (keeping existing translations), then
# compile it to editor_zh_CN.qm. Translate new entries with Qt Linguist
# (pyside6-linguist) or by editing the .ts, and run this again.
#
# lupdate only sees literal self.tr("...") and QCoreApplication.translate("Ctx", "...")
# calls, and every module of editor/gui uses those -- except editor/gui/print_dialog.py,
# which still wraps translate in a helper (def _tr(text): return
# QCoreApplication.translate("Ctx", text)). Until it is switched to literal calls, such
# helpers are scanned here and their calls written out as literal translate() lines for
# lupdate to read; when no module has one, this step writes an empty file. Do not add
# new helpers: write the literal call.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/pyside6-lupdate ]; then BIN=.venv/bin/; PY=.venv/bin/python; else BIN=; PY=python3; fi
TS=resources/translations/editor_zh_CN.ts
QM=resources/translations/editor_zh_CN.qm
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$PY" - "$TMP/wrapped_tr_calls.py" <<'PYEOF'
import ast
import json
import sys
from pathlib import Path

out = []
for path in sorted(Path("editor/gui").rglob("*.py")):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrappers = {}
    for node in ast.walk(tree):
        # def NAME(text): return QCoreApplication.translate("Ctx", text)
        if isinstance(node, ast.FunctionDef) and len(node.body) == 1:
            ret = node.body[0]
            if (
                isinstance(ret, ast.Return)
                and isinstance(ret.value, ast.Call)
                and getattr(ret.value.func, "attr", None) == "translate"
                and ret.value.args
                and isinstance(ret.value.args[0], ast.Constant)
                and isinstance(ret.value.args[0].value, str)
            ):
                wrappers[node.name] = ret.value.args[0].value
    if not wrappers:
        continue
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in wrappers
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            ctx, text = wrappers[node.func.id], node.args[0].value
            out.append(
                f"QCoreApplication.translate({json.dumps(ctx, ensure_ascii=False)}, "
                f"{json.dumps(text, ensure_ascii=False)})  # {path}"
            )
Path(sys.argv[1]).write_text("\n".join(out) + "\n", encoding="utf-8")
PYEOF
mapfile -t SOURCES < <(find editor/gui -name '*.py' | sort)
"${BIN}pyside6-lupdate" "${SOURCES[@]}" "$TMP/wrapped_tr_calls.py" -ts "$TS" -no-obsolete -locations none
"${BIN}pyside6-lrelease" "$TS" -qm "$QM"
