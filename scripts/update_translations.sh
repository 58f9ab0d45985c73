#!/usr/bin/env bash
# Refresh the Chinese translation: extract every tr()/translate() string of editor/gui
# into resources/translations/editor_zh_CN.ts (keeping existing translations), then
# compile it to editor_zh_CN.qm. Translate new entries with Qt Linguist
# (pyside6-linguist) or by editing the .ts, and run this again.
#
# lupdate only sees literal self.tr("...") and QCoreApplication.translate("Ctx", "...")
# calls: never wrap translate in a helper (def _tr(text): ...) and never put a tr() call
# inside an f-string; write the literal call. tests/test_gui_i18n.py fails while any
# message of the .ts is unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/pyside6-lupdate ]; then BIN=.venv/bin/; else BIN=; fi
TS=resources/translations/editor_zh_CN.ts
QM=resources/translations/editor_zh_CN.qm
mapfile -t SOURCES < <(find editor/gui -name '*.py' | sort)
"${BIN}pyside6-lupdate" "${SOURCES[@]}" -ts "$TS" -no-obsolete -locations none
"${BIN}pyside6-lrelease" "$TS" -qm "$QM"
