#!/usr/bin/env bash
# Set up (if needed) and run the whole test suite headless.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
export QT_QPA_PLATFORM=offscreen
export MPLBACKEND=Agg
exec .venv/bin/python -m pytest -q "$@"
