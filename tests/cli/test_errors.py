"""Unexpected errors still reach the user as one line, never as a traceback."""

from __future__ import annotations

import pytest

from editor import cli


def test_cli_unexpected_exception_is_one_line(monkeypatch, capsys):
    from editor.cli import info

    def boom(args):
        raise ValueError("something nobody foresaw\nsecond line")

    monkeypatch.setattr(info, "run", boom)  # register() picks it up when main builds the parser
    monkeypatch.delenv("TBE_DEBUG", raising=False)
    assert cli.main(["info", "x.shp"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: unexpected ValueError: something nobody foresaw")


def test_gui_hook_logs_and_reports(qapp, tmp_path, monkeypatch, capsys):
    from editor.gui import errors

    monkeypatch.setattr(errors, "log_path", lambda: tmp_path / "errors.log")
    try:
        raise RuntimeError("slot failed")
    except RuntimeError as exc:
        errors._hook(type(exc), exc, exc.__traceback__)
    assert "Traceback" in (tmp_path / "errors.log").read_text(encoding="utf-8")
    out = capsys.readouterr().err
    assert "RuntimeError: slot failed" in out and "Traceback" not in out


@pytest.fixture
def qapp():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])
