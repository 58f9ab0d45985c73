"""Which file the user means: a layer path checked, a shapefile's sibling files found."""

from __future__ import annotations

from pathlib import Path

from editor.core.messages import Message
from editor.errors import LayerError


def sibling(shp: Path, ext: str) -> Path | None:
    """The file beside ``shp`` with extension ``ext`` in any letter case."""
    for candidate in (shp.with_suffix(ext), shp.with_suffix(ext.upper())):
        if candidate.exists():
            return candidate
    try:
        for entry in shp.parent.iterdir():
            if entry.stem == shp.stem and entry.suffix.lower() == ext:
                return entry
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
    if p.suffix.lower() == ".dbf":
        shp = sibling(p, ".shp")
        if shp is not None:
            return shp
    return p
