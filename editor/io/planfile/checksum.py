"""The source layer's checksum saved with a plan, to tell when the layer changed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

SHAPEFILE_PARTS = (".shp", ".dbf", ".shx", ".prj", ".cpg")


def source_files(path: str | Path) -> list[Path]:
    """The files that make up a layer: a shapefile's parts that exist, else the file."""
    path = Path(path)
    if path.suffix.lower() == ".shp":
        out = []
        for ext in SHAPEFILE_PARTS:
            for cand in (path.with_suffix(ext), path.with_suffix(ext.upper())):
                if cand.exists():
                    out.append(cand)
                    break
        return out
    return [path] if path.exists() else []


def source_checksum(path: str | Path) -> dict[str, Any] | None:
    """SHA-256 of each file of the layer and of them together; ``None`` if it is missing.

    Returns
    -------
    dict
        ``{"algorithm": "sha256", "digest": hex, "files": {name: hex}}``; ``digest`` is
        the SHA-256 over the file names and their digests, in order.
    """
    files = source_files(path)
    if not files:
        return None
    total = hashlib.sha256()
    per_file = {}
    for f in files:
        with open(f, "rb") as fh:
            digest = hashlib.file_digest(fh, "sha256").hexdigest()
        per_file[f.name] = digest
        total.update(f.suffix.lower().encode() + b"\0" + digest.encode() + b"\n")
    return {"algorithm": "sha256", "digest": total.hexdigest(), "files": per_file}


def checksums_differ(saved: Mapping | None, current: Mapping | None) -> bool:
    if not saved or not current:
        return False  # nothing to compare: do not cry wolf
    return saved.get("digest") != current.get("digest")
