"""Which file the user means: a layer path checked, a shapefile's sibling files found."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from editor.core.messages import Message
from editor.errors import EditorError, LayerError

#: The layer files the editor opens, the one list the window's open dialog, a drop on
#: the window and the command line's help all use (a ``.zip`` holds a shapefile).
#: Any other file GDAL reads as polygons opens too ("All files" in the dialog).
LAYER_FORMATS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Shapefile", (".shp", ".zip")),
    ("GeoPackage", (".gpkg",)),
    ("GeoJSON", (".geojson", ".json")),
    ("FlatGeobuf", (".fgb",)),
)
LAYER_SUFFIXES: tuple[str, ...] = tuple(s for _, suffixes in LAYER_FORMATS for s in suffixes)


def layer_types_text() -> str:
    """``Shapefile .shp/.zip, GeoPackage .gpkg, ...``: the formats for a help text."""
    return ", ".join(f"{name} {'/'.join(suffixes)}" for name, suffixes in LAYER_FORMATS)


# what a path is when it is not a regular file (st_mode test -> words)
_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_input(path: str | Path, error: type[EditorError] = LayerError) -> Path:
    """``path`` as a :class:`Path` once it is a regular file (links followed).

    Every reader calls this before opening an input (layer and its sidecar files,
    border, facility and reference layers, rule set, plan file, plan table): opening a
    FIFO or a device would block forever or read without end. ``error`` is the
    :class:`~editor.errors.EditorError` class raised (``LayerError``, ``PlanError``,
    ``RuleSetError``...), built as ``error(path, message)``.
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise error(p, Message("error.file_not_found", "file not found")) from None
    except OSError as exc:
        raise error(
            p,
            Message(
                "error.cannot_read_file",
                "cannot read the file ({strerror})",
                strerror=exc.strerror,
            ),
        ) from None
    if stat.S_ISDIR(mode):
        raise error(p, Message("error.folder_not_file", "a folder, not a file"))
    if not stat.S_ISREG(mode):
        kind = next((words for test, words in _SPECIAL if test(mode)), "a special file")
        raise error(
            p,
            Message(
                "error.not_regular_file",
                "not a regular file ({kind}); give a file saved on disk",
                kind=kind,
            ),
        )
    return p


def sibling(shp: Path, ext: str) -> Path | None:
    """The file beside ``shp`` with extension ``ext`` in any letter case.

    A sibling that is there but not a regular file (a FIFO, a device) is a
    :class:`LayerError` naming it (:func:`check_input`), not a file to open.
    """
    for candidate in (shp.with_suffix(ext), shp.with_suffix(ext.upper())):
        if candidate.exists():
            return check_input(candidate)
    try:
        for entry in shp.parent.iterdir():
            if entry.stem == shp.stem and entry.suffix.lower() == ext:
                return check_input(entry)
    except OSError:
        pass
    return None


def resolve_path(path: str | Path) -> Path:
    """The layer file to read: it must exist and be a file; a ``.dbf`` means its ``.shp``."""
    p = Path(path)
    if not p.exists():
        raise LayerError(p, Message("error.file_not_found", "file not found"))
    if p.is_dir():
        raise LayerError(p, Message("error.folder_layer_file", "a folder, not a layer file"))
    check_input(p)
    if p.suffix.lower() == ".dbf":
        shp = sibling(p, ".shp")
        if shp is not None:
            return check_input(shp)
    return p
