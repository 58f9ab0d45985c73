"""Shared fixtures: small hand-made layers and paths to the real layers."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyproj
import pytest
import shapely

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "sample_shapes" / "sample_county.shp"
SAMPLE_PLAN = REPO / "sample_shapes" / "sample_plan.csv"
REAL = REPO.parent / "shared" / "data" / "real"


def grid_layer(nx: int = 3, ny: int = 3, size: float = 0.1, **kwargs):
    """A grid of ``nx`` x ``ny`` square towns of ``size`` degrees at lon 100, lat 24."""
    from editor.core.towns import TownLayer

    geoms = [
        shapely.box(100 + size * i, 24 + size * j, 100 + size * (i + 1), 24 + size * (j + 1))
        for j in range(ny)
        for i in range(nx)
    ]
    n = nx * ny
    args = dict(
        ids=[f"T{k}" for k in range(n)],
        names=[f"镇{k}" for k in range(n)],
        population=np.arange(n, dtype=float) * 1000 + 1000,
        geometry=geoms,
        crs=pyproj.CRS(4490),
    )
    args.update(kwargs)
    return TownLayer(**args)


@pytest.fixture
def grid():
    return grid_layer()


def real_path(*parts: str) -> Path:
    p = REAL.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"real layer {p} not available")
    return p


@pytest.fixture(autouse=True)
def _isolated_user_state(tmp_path, monkeypatch):
    """No test reads or writes the user's settings, recent files or recovery journals."""
    from editor.io import journal

    monkeypatch.setattr(journal, "_recovery_override", tmp_path / "recovery")
    try:
        from PySide6.QtCore import QSettings

        from editor.gui import i18n
    except ImportError:  # a machine without Qt still runs the Qt-free tests
        return
    store = tmp_path / "settings.ini"
    monkeypatch.setattr(i18n, "settings", lambda: QSettings(str(store), QSettings.Format.IniFormat))


@pytest.fixture
def messages(monkeypatch):
    """Message boxes answered "OK" at once; returns the ``(kind, text)`` shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []
    for kind in ("information", "warning", "critical"):

        def fake(parent, title, text, *a, _kind=kind, **k):
            shown.append((_kind, text))
            return QMessageBox.StandardButton.Ok

        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake))
    return shown
