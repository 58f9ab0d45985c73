"""Multi-layer files (GeoPackage): which layers hold polygons, which one to read."""

from __future__ import annotations

from pathlib import Path

from editor.core.messages import Message
from editor.errors import LayerError
from editor.io.read.files import resolve_path
from editor.io.read.gdal import layer_table

_POLYGON_TYPE_WORDS = ("polygon", "surface")
_GENERIC_TYPES = {"unknown", "geometry", "unknown (any)"}


def is_polygon_type(geometry_type: str | None) -> bool:
    if not geometry_type:
        return False
    low = geometry_type.lower()
    return any(word in low for word in _POLYGON_TYPE_WORDS)


def is_generic_type(geometry_type: str | None) -> bool:
    return geometry_type is not None and geometry_type.lower() in _GENERIC_TYPES


def list_layers(path: str | Path) -> list[str]:
    """Polygon layers of a GeoPackage (or the single layer of other formats).

    Layers with a generic geometry type are included, since they may hold polygons.
    """
    p = resolve_path(path)
    table = layer_table(p)
    if p.suffix.lower() != ".gpkg" and len(table) == 1:
        return [table[0][0]]
    return [name for name, gtype in table if is_polygon_type(gtype) or is_generic_type(gtype)]


def pick_layer(path: Path, layer: str | None) -> str:
    """The layer to read: the one named (it must exist), else the only polygon layer,
    else the only layer of a generic geometry type."""
    table = layer_table(path)
    described = ", ".join(f"{n} ({t or 'no geometry'})" for n, t in table) or "none"
    if layer is not None:
        if layer not in {n for n, _ in table}:
            raise LayerError(
                path,
                Message(
                    "error.no_layer_named_layers",
                    "no layer named '{layer}'; layers: {described}",
                    layer=layer,
                    described=described,
                ),
            )
        return layer
    polygons = [n for n, t in table if is_polygon_type(t)]
    if len(polygons) == 1:
        return polygons[0]
    if len(polygons) > 1:
        raise LayerError(
            path,
            Message(
                "error.several_polygon_layers_choose",
                "several polygon layers; choose one of: {items}",
                items=", ".join(polygons),
            ),
        )
    generic = [n for n, t in table if is_generic_type(t)]
    if len(generic) == 1:
        return generic[0]
    raise LayerError(
        path,
        Message(
            "error.no_polygon_layer_layers",
            "no polygon layer (layers: {described})",
            described=described,
        ),
    )
