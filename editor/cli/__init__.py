"""``python -m editor``: the same core as the window, for scripts and checks.

Each subcommand lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``func``; errors the user can act on print one line starting
with ``error:`` and exit with status 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from editor.errors import EditorError

SUBCOMMANDS = ["info", "stats", "check", "layout", "export", "table", "plan", "compare", "propose"]


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes as one ``error: ...`` line and exit 2, like every other error
    (``--help`` still prints the usage). Subparsers are built of this class too."""

    def error(self, message: str):  # noqa: D102 - argparse's hook
        text = " ".join(str(message).split())
        self.exit(2, f"error: {text} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(
        prog="python -m editor", description="Township Boundary Editor (乡镇区划调整编辑器)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in SUBCOMMANDS:
        importlib.import_module(f"editor.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except EditorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("error: out of memory", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (``... | head``): nothing to report; keep Python from
        # complaining again when it flushes stdout at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug, or input nobody foresaw: still one line, no traceback
        if os.environ.get("TBE_DEBUG"):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(
            f"error: unexpected {type(exc).__name__}{': ' + first if first else ''} "
            "(set TBE_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return 2
