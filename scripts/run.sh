#!/usr/bin/env bash
# Set up (if needed) and start the editor; with no arguments it opens the sample county.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
cd "$ROOT"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting under Xvfb (xvfb-run)" >&2
  exec xvfb-run -a -s "-screen 0 1920x1200x24" .venv/bin/python main.py "$@"
fi
exec .venv/bin/python main.py "$@"
