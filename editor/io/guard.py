"""Refuse to write over what the user is working from: the destination guard.

Every writer (export, plan file, table, layout, rule file, the window's Save) asks
:func:`check_destination` before it writes. The guard refuses

* an extension the writer does not write (a plan file must end in ``.tbplan``, a table
  in ``.csv``/``.xlsx``, a layout in ``.pdf``/``.svg``/``.png``, an export in
  ``.shp``/``.gpkg``/``.geojson``, a rule file in ``.toml``/``.json``, a document in
  ``.docx``), so a plan cannot
  land in a layer's ``.dbf``;
* any file the writer would write or replace (an export to ``x.shp`` also writes
  ``x.dbf``, ``x.qml`` ... and removes an old ``x.qix``) that is a protected file or one
  of its sidecars: the open layer, the border, facility and reference layers, the plan
  being edited. A layer ``x.shp`` protects ``x.shx``, ``x.dbf``, ``x.prj``, ``x.cpg``,
  ``x.qml``, ``x.shp.xml`` ... (:data:`LAYER_SIDECARS`).

Names are compared after resolving links (``os.path.realpath``), case-insensitively
(``normcase`` + ``casefold``: ``X.SHP`` on a case-folding disk is ``x.shp``), and by
file identity (device, inode), so a hard link to the layer is caught too.
The refusal is one :class:`~editor.errors.WriteError` naming the destination and the
file it would have overwritten.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from editor.core.messages import Message
from editor.errors import WriteError

#: the extensions each writer writes
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "plan": (".tbplan",),
    "table": (".csv", ".xlsx"),
    "layout": (".pdf", ".svg", ".png"),
    "export": (".shp", ".gpkg", ".geojson"),
    "rules": (".toml", ".json"),
    "document": (".docx",),
}

#: sidecars of a layer ``x.shp``/``x.gpkg``...: ``x`` + each of these
LAYER_SIDECARS = (
    ".shp",
    ".shx",
    ".dbf",
    ".prj",
    ".cpg",
    ".qix",
    ".qmd",
    ".qpj",
    ".sbn",
    ".sbx",
    ".fbn",
    ".fbx",
    ".ain",
    ".aih",
    ".atx",
    ".ixs",
    ".mxs",
    ".fix",
    ".cst",
    ".xml",
    ".shp.xml",
    ".aux.xml",
    ".qml",
    ".sld",
    ".lyr",
    ".fieldmap.csv",
)
#: files named after the whole layer file name: ``x.gpkg-wal``, ``x.shp.aux.xml``
LAYER_NAME_SIDECARS = ("-wal", "-shm", "-journal", ".xml", ".aux.xml", ".ovr", ".journal")
#: protected inputs that are plain files (no sidecars of their own but their journal)
_PLAIN = (".tbplan", ".toml", ".csv", ".xlsx", ".txt")

#: what an export to ``x.shp`` writes or replaces (also ``editor.io.export.SHAPEFILE_SIDECARS``)
SHAPEFILE_WRITES = (
    ".shp",
    ".shx",
    ".dbf",
    ".prj",
    ".cpg",
    ".qix",
    ".sbn",
    ".sbx",
    ".shp.xml",
    ".qml",
    ".fieldmap.csv",
    ".aux.xml",
)

_WHAT = {
    "plan": Message("guard.what_plan", "a plan file"),
    "table": Message("guard.what_table", "a table"),
    "layout": Message("guard.what_layout", "a layout"),
    "export": Message("guard.what_export", "an export of merged units"),
    "rules": Message("guard.what_rules", "a rule set"),
    "document": Message("guard.what_document", "a document"),
}


def _key(path: str | Path) -> str:
    return os.path.normcase(str(path)).casefold()


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _writes(out: Path, kind: str) -> list[str]:
    """The names (in ``out``'s folder) the writer of ``kind`` writes or replaces."""
    stem, name, ext = out.stem, out.name, out.suffix.lower()
    if kind == "export" and ext == ".shp":
        return [stem + e for e in SHAPEFILE_WRITES]
    if kind == "export":
        return [name, name + "-wal", name + "-shm", stem + ".qml"]
    return [name]


def _protected_names(path: Path) -> list[str]:
    """The names (in ``path``'s folder) a protected ``path`` stands for."""
    name = path.name
    if path.suffix.lower() in _PLAIN:
        return [name, name + ".journal"]
    stem = name[: -len(path.suffix)] if path.suffix else name
    if name.lower().endswith(".shp.xml"):
        stem = name[: -len(".shp.xml")]
    return [name, *(stem + e for e in LAYER_SIDECARS), *(name + e for e in LAYER_NAME_SIDECARS)]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def check_destination(
    out: str | Path, kind: str, protected: Iterable[str | Path | None] = ()
) -> Path:
    """Raise :class:`WriteError` unless a writer of ``kind`` may write ``out``.

    Parameters
    ----------
    out
        The destination the user gave.
    kind
        ``"plan"``, ``"table"``, ``"layout"``, ``"export"``, ``"rules"`` or ``"document"``.
    protected
        Files open in the session (the layer, border, facility and reference layers,
        the plan being edited); ``None`` entries are skipped.

    Returns
    -------
    Path
        ``out`` as a :class:`~pathlib.Path`.
    """
    out = Path(out)
    allowed = EXTENSIONS[kind]
    if kind == "layout" and out.suffix.lower() not in allowed:  # the layout's own wording
        raise WriteError(
            out,
            Message(
                "error.unknown_layout_format_use",
                "unknown layout format {suffix!r} (use .pdf, .svg or .png)",
                suffix=out.suffix,
            ),
        )
    if out.suffix.lower() not in allowed:
        raise WriteError(
            out,
            Message(
                "guard.wrong_extension",
                "cannot write {what} as {suffix}: use {allowed}",
                what=_WHAT[kind],
                suffix=repr(out.suffix)
                if out.suffix
                else Message("guard.no_extension", "a file without an extension"),
                allowed=", ".join(allowed[:-1]) + " or " + allowed[-1]
                if len(allowed) > 1
                else allowed[0],
            ),
        )
    if out.is_dir():
        raise WriteError(out, Message("guard.is_folder", "cannot write: it is a folder"))

    # protected: folder key -> {name key: (file shown, the protected input it belongs to)}
    owners: dict[str, dict[str, tuple[Path, Path]]] = {}
    identities: dict[tuple[int, int], tuple[Path, Path]] = {}
    for p in protected:
        if p is None or str(p) == "":
            continue
        p = Path(p)
        folder = _real(p.parent if str(p.parent) else Path("."))
        for name in _protected_names(p):
            for f in {folder / name, _real(folder / name)}:
                owners.setdefault(_key(f.parent), {})[_key(f.name)] = (f, p)
                ident = _identity(f)
                if ident is not None:
                    identities[ident] = (f, p)

    folder = _real(out.parent if str(out.parent) else Path("."))
    for name in _writes(out, kind):
        written = (_real(folder / name), folder / name)
        hit = next(
            (h for f in written if (h := owners.get(_key(f.parent), {}).get(_key(f.name)))), None
        )
        ident = _identity(folder / name)
        if hit is None and ident is not None:
            hit = identities.get(ident)  # a hard link
        if hit is not None:
            raise _refusal(out, *hit)
    if kind == "layout":  # numbered pages: x-01.png, x-02.png ...
        pages = re.compile(rf"{re.escape(_key(out.stem))}-\d+{re.escape(_key(out.suffix))}")
        for name_key, (f, owner) in owners.get(_key(folder), {}).items():
            if pages.fullmatch(name_key):
                raise _refusal(out, f, owner)
    return out


def _refusal(out: Path, file: Path, owner: Path) -> WriteError:
    same = _identity(file)
    if _key(_real(file)) == _key(_real(owner)) or (same is not None and same == _identity(owner)):
        problem = Message(
            "guard.overwrites_input",
            "refusing to write over {file}: it is open in this session",
            file=str(owner),
        )
    elif os.path.lexists(file):
        problem = Message(
            "guard.overwrites_sidecar",
            "refusing to write over {file}: it belongs to {owner}, which is open in this session",
            file=file.name,
            owner=str(owner),
        )
    else:
        problem = Message(
            "guard.would_join_layer",
            "refusing to write {file}: it would become part of {owner}, "
            "which is open in this session",
            file=file.name,
            owner=str(owner),
        )
    return WriteError(out, problem)


def protected_paths(project: Any, *, include_plan: bool = True) -> list[Path]:
    """The files a window's writer must not write over, from ``project``'s public state.

    The open layer (``layer.report.path`` and ``source_path``), the border layer of the
    load options, the facility layers' sources, the reference layers and, unless
    ``include_plan`` is false (the window's Save writes the plan itself), the plan file.
    """
    out: list[Path] = []

    def add(p: object) -> None:
        if p is not None and str(p) != "":
            path = Path(str(p))
            if path not in out:
                out.append(path)

    layer = getattr(project, "layer", None)
    add(getattr(getattr(layer, "report", None), "path", None))
    add(getattr(project, "source_path", None))
    add((getattr(project, "load_options", None) or {}).get("border_layer"))
    for f in getattr(project, "facilities", None) or []:
        source = getattr(f, "source", None)
        if isinstance(source, Mapping):
            add(source.get("path"))
        else:
            add(getattr(f, "path", None))
    for r in getattr(project, "references", None) or []:
        add(getattr(r, "path", None))
    if include_plan:
        add(getattr(project, "plan_path", None))
    return out
