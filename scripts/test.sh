#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
# lint and format first: the habits in STYLE.md, checked on every run
.venv/bin/ruff check --quiet .
.venv/bin/ruff format --check --quiet .
# types in the Qt-free layers (the files are listed in pyproject.toml [tool.mypy])
.venv/bin/mypy
export QT_QPA_PLATFORM=offscreen
export MPLBACKEND=Agg
exec .venv/bin/python -m pytest -q "$@"
