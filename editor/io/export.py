"""Export merged units: one feature per unit, the dissolve of its towns, with figures.

Geometry: each unit's towns are joined with ``shapely.coverage_union_all`` (fast, and
exact on a clean coverage: shared edges vanish, no slivers, no gaps added). Units that
touch an invalid part of the coverage (overlaps, edges that do not match) are joined
with ``union_all`` instead. Holes narrower than the layer's tolerance left between a
unit's own towns (the sub-metre gaps of real layers) are filled, so no sliver remains
inside a unit; real holes (an enclave of another unit) stay.

Files appear whole or not at all: everything (the data file, a shapefile's sidecars,
the ``.qml`` style, the field map) is written into a staging folder beside the
destination and moved into place at the end; an interrupted export leaves nothing at
the destination.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely

from editor.core.columns import carried_header, export_fields, facility_header
from editor.core.messages import Message
from editor.core.plan import Plan
from editor.core.ruleset import RuleSet
from editor.core.towns import polygonal_part
from editor.core.unit_figures import (
    FacilitySource,
    UnitFigures,
    unit_figures,
)
from editor.errors import WriteError
from editor.io.atomic import check_folder_writable, move_into_place, staging_folder, write_error
from editor.io.facilities import resolve_sources as read_sources
from editor.io.guard import SHAPEFILE_WRITES

DRIVERS = {".shp": "ESRI Shapefile", ".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON"}
#: every file an export to ``x.shp`` writes or replaces: the guard's list, the one home
SHAPEFILE_SIDECARS = SHAPEFILE_WRITES
DBF_NAME_BYTES = 10
DBF_TEXT_BYTES = 254

# every field name fits a DBF field name in ASCII (editor.core.columns)
#: base fields left out when the quota does not apply (a village layer, by default)
QUOTA_FIELDS = ("quota", "quota_old")
#: (field, description en, description zh), from the column catalogue
BASE_FIELDS = export_fields()


@dataclass
class ExportResult:
    path: Path
    files: list[Path]
    units: int
    field_map: dict[str, str]  # written name -> full name (shapefile short names)
    warnings: list[str] = field(default_factory=list)
    repaired: int = 0
    fallback_units: int = 0


# -- geometry ----------------------------------------------------------------------------
def _groups(plan: Plan) -> tuple[list[int], np.ndarray, np.ndarray]:
    """Unit ids in display order, towns sorted by unit, and the start of each group."""
    uids = plan.unit_ids()
    pos = {uid: k for k, uid in enumerate(uids)}
    key = np.fromiter(
        (pos[int(u)] for u in plan.unit_of.tolist()), dtype=np.int64, count=plan.layer.n
    )
    order = np.argsort(key, kind="stable")
    starts = np.searchsorted(key[order], np.arange(len(uids)))
    return uids, order, starts


def _fill_slivers(
    geoms: np.ndarray, idx: np.ndarray, crs: pyproj.CRS, metric: pyproj.CRS, tol: float
) -> int:
    """Fill holes of ``geoms[idx]`` whose mean width is within ``tol`` metres; count them."""
    filled = 0
    tr = pyproj.Transformer.from_crs(crs, metric, always_xy=True)

    def to_m(coords: np.ndarray) -> np.ndarray:
        x, y = tr.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    for i in idx.tolist():
        g = geoms[i]
        polys = shapely.get_parts(g)
        changed = False
        out = []
        for p in polys:
            holes = [
                shapely.get_interior_ring(p, k) for k in range(shapely.get_num_interior_rings(p))
            ]
            if not holes:
                out.append(p)
                continue
            hole_polys = shapely.polygons(np.asarray(holes, dtype=object))
            hm = shapely.transform(hole_polys, to_m)
            area = shapely.area(hm)
            perim = shapely.length(hm)
            # a strip w wide and L long has area w*L and perimeter ~2L: area/perim ~ w/2
            sliver = area <= tol * perim
            if sliver.any():
                changed = True
                filled += int(sliver.sum())
                keep = [h for h, s in zip(holes, sliver.tolist(), strict=True) if not s]
                out.append(shapely.Polygon(shapely.get_exterior_ring(p), keep))
            else:
                out.append(p)
        if changed:
            geoms[i] = out[0] if len(out) == 1 else shapely.union_all(out)
    return filled


def dissolve_units(plan: Plan) -> tuple[list[int], np.ndarray, dict]:
    """One geometry per unit (display order), in the layer's CRS.

    Returns
    -------
    uids, geometries, info
        ``info`` counts ``fallback`` units joined with ``union_all``, ``slivers`` filled
        and ``repaired`` outputs that needed ``make_valid``.
    """
    layer = plan.layer
    src = np.asarray(layer.geometry, dtype=object)
    uids, order, starts = _groups(plan)
    counts = np.diff(np.append(starts, len(order)))
    out = np.empty(len(uids), dtype=object)
    single = counts == 1
    out[single] = src[order[starts[single]]]
    multi = np.flatnonzero(~single)
    info = {"fallback": 0, "slivers": 0, "repaired": 0}
    if len(multi):
        # Coverage union first, for every unit: it only drops shared edges, so it is
        # fast, but it assumes the towns form a clean coverage. Checking that for the
        # whole layer up front (coverage_is_valid) costs more than all the unions, so
        # each result is checked instead: GEOS refuses badly noded input, and overlaps
        # show as an invalid result or an area below the members' sum. Those units are
        # joined again with a full union_all.
        town_area = shapely.area(src)
        member_area = np.zeros(len(uids))
        np.add.at(member_area, np.repeat(np.arange(len(uids)), counts), town_area[order])
        redo = []
        for k in multi.tolist():
            geoms = src[order[starts[k] : starts[k] + counts[k]]]
            try:
                out[k] = shapely.coverage_union_all(geoms)
            except shapely.errors.GEOSException:
                out[k] = None
                redo.append(k)
        done = np.setdiff1d(multi, redo)
        if len(done):
            area = shapely.area(out[done])
            bad = ~shapely.is_valid(out[done]) | (
                np.abs(area - member_area[done]) > 1e-9 * member_area[done]
            )
            redo.extend(done[bad].tolist())
        for k in redo:
            out[k] = shapely.union_all(src[order[starts[k] : starts[k] + counts[k]]])
        info["fallback"] = len(redo)
        with_holes = multi[_has_holes(out[multi])]
        if len(with_holes):
            info["slivers"] = _fill_slivers(
                out, with_holes, layer.crs, layer.metric_crs, layer.tolerance_m
            )
    invalid = np.flatnonzero(~shapely.is_valid(out))
    for i in invalid.tolist():
        out[i] = polygonal_part(shapely.make_valid(out[i]))
    info["repaired"] = len(invalid)
    return uids, out, info


def _has_holes(geoms: np.ndarray) -> np.ndarray:
    """Whether each (multi)polygon has an interior ring."""
    parts, index = shapely.get_parts(geoms, return_index=True)
    holes = shapely.get_num_interior_rings(parts) > 0
    res = np.zeros(len(geoms), dtype=bool)
    res[index[holes]] = True
    return res


# -- attributes --------------------------------------------------------------------------
FACILITY_PREFIX = "n_"  # facility count columns: n_<category>


def unit_frame(
    plan: Plan,
    uids: Sequence[int],
    carry: Sequence[str] = (),
    colors: dict[int, int] | None = None,
    figures: UnitFigures | None = None,
) -> pd.DataFrame:
    """The attribute table of the export, one row per unit in ``uids`` order.

    ``figures`` (from :func:`editor.core.unit_figures.unit_figures` for the same
    ``uids``) supplies the seat distances, quota, facility counts (``n_<category>``
    columns) and carried sums (a column per field, ``sum_<field>`` if the name is
    taken); without it they are computed with the default rule set and ``carry``.
    """
    layer = plan.layer
    ids, names = layer.ids, layer.names
    if figures is None:
        figures = unit_figures(plan, carry=carry, uids=uids)
    rows = []
    for k, uid in enumerate(uids):
        s = plan.stats(uid)
        m = plan.members(uid)
        unit = plan.units[uid]
        rows.append(
            {
                "unit_id": int(uid),
                "name": unit.name,
                "seat_id": str(ids[s.seat]),
                "seat": str(names[s.seat]),
                "towns": int(s.towns),
                "member_ids": ",".join(str(ids[t]) for t in m),
                "members": "、".join(str(names[t]) for t in m),
                "population": float(s.population) if s.missing_population < s.towns else np.nan,
                "pop_miss": int(s.missing_population),
                "area_km2": round(float(s.area_km2), 6),
                "border": int(s.border_towns > 0),
                "historic": int(s.historic_towns > 0),
                "cnty_seat": int(s.county_seat),
                "parts": int(s.parts),
                "radius_km": round(float(figures.service_radius_km[k]), 3),
                "mean_km": round(float(figures.mean_distance_km[k]), 3),
                "quota": float(figures.quota[k]),
                "quota_old": float(figures.quota_old[k]),
                "note": unit.note,
                "color_idx": int((colors or {}).get(uid, 0)),
            }
        )
    frame = pd.DataFrame(rows, columns=[f for f, _, _ in BASE_FIELDS])
    for col in ("quota", "quota_old"):  # whole people unless the rule set says "none"
        values = frame[col].to_numpy(dtype=float)
        if np.all(values == np.round(values)):
            frame[col] = values.astype(np.int64)
    for j, cat in enumerate(figures.categories):
        frame[_facility_column(cat, frame.columns)] = figures.facility_counts[:, j]
    for j, col in enumerate(figures.carried_columns):
        name = col if col not in frame.columns else f"sum_{col}"
        frame[name] = figures.carried[:, j]
    if not figures.has_quota:
        # a township figure: not in a village layer's export unless the rules apply it
        frame = frame.drop(columns=list(QUOTA_FIELDS))
    return frame


def _facility_column(category: str, taken) -> str:
    name = f"{FACILITY_PREFIX}{category}"
    while name in taken:
        name += "_"
    return name


def extra_descriptions(figures: UnitFigures, columns: Sequence[str], language: str) -> dict:
    """Descriptions of the facility and carried columns of an export frame."""
    zh = language == "zh"
    base = len(BASE_FIELDS) - (0 if figures.has_quota else len(QUOTA_FIELDS))
    extra = list(columns)[base:]
    labels = [facility_header(c, zh, description=True) for c in figures.categories]
    labels += [carried_header(c, zh, description=True) for c in figures.carried_columns]
    return dict(zip(extra, labels, strict=True))


def _fits(name: str, encoding: str) -> bool:
    try:
        return len(name.encode(encoding)) <= DBF_NAME_BYTES
    except UnicodeEncodeError:
        return False


def shapefile_names(columns: Sequence[str], encoding: str) -> dict[str, str]:
    """Full column name → DBF field name (at most 10 bytes in ``encoding``, unique).

    Names that fit are kept; longer ones get a deliberate short ASCII name (``fld_1``,
    ``fld_2``, ...) rather than whatever GDAL's truncation would make of them (which can
    cut a Chinese character in half).
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    k = 0
    for col in columns:
        if _fits(col, encoding) and col.lower() not in used:
            short = col
        else:
            while True:
                k += 1
                short = f"fld_{k}"
                if short.lower() not in used and short not in columns:
                    break
        used.add(short.lower())
        out[col] = short
    return out


def _clip_text(value: str, encoding: str, limit: int = DBF_TEXT_BYTES) -> str:
    data = value.encode(encoding)
    if len(data) <= limit:
        return value
    mark = "…"
    room = limit - len(mark.encode(encoding, errors="replace"))
    cut = data[:room].decode(encoding, errors="ignore")  # never half a character
    return cut + mark


# -- writing -----------------------------------------------------------------------------
def _write_frame(frame: gpd.GeoDataFrame, path: Path, driver: str, encoding: str | None) -> None:
    """Write one data file with pyogrio (tests replace this to simulate a crash)."""
    import pyogrio

    kwargs: dict = {"driver": driver}
    if driver == "ESRI Shapefile":
        kwargs["encoding"] = encoding
    if driver == "GPKG":
        kwargs["layer"] = path.stem
    pyogrio.write_dataframe(frame, path, promote_to_multi=True, **kwargs)


def _resolve_crs(crs: object) -> pyproj.CRS:
    try:
        if isinstance(crs, str) and crs.strip().isdigit():
            crs = int(crs)
        return pyproj.CRS.from_user_input(crs)
    except pyproj.exceptions.CRSError as exc:
        raise WriteError(
            Path("."),
            Message(
                "error.unknown_coordinate_reference_system",
                "unknown coordinate reference system {crs!r} ({exc})",
                crs=crs,
                exc=str(exc),
            ),
        ) from None


def export_units(
    plan: Plan,
    out: str | Path,
    *,
    crs: object | None = None,
    encoding: str = "utf-8",
    carry: Sequence[str] = (),
    style: bool = True,
    language: str = "en",
    rules: RuleSet | None = None,
    facilities: Sequence[FacilitySource] = (),
    colors: Mapping[int, int] | None = None,
) -> ExportResult:
    """Write the merged units of ``plan`` to ``out`` (.shp, .gpkg or .geojson).

    Parameters
    ----------
    crs
        Output CRS (EPSG code, "EPSG:4326", WKT, pyproj.CRS); default the layer's.
    encoding
        Shapefile text encoding, ``"utf-8"`` (default) or ``"gbk"``; written to ``.cpg``.
    carry
        Numeric source fields to sum per unit; empty means the rule set's
        ``carried_fields`` (none in the default rule set).
    style
        Write ``OUT.qml`` so QGIS opens the layer coloured and labelled.
    language
        ``"zh"`` or ``"en"``: field aliases in the style and the field map.
    rules
        Rule set for the staffing quota (``quota``, ``quota_old`` fields); ``None`` means
        the default rule set.
    facilities
        Facility point layers (``FacilityLayer`` or paths) whose points are counted per
        unit and category, one ``n_<category>`` field each.
    colors
        Unit id -> palette index for the ``color_idx`` field and the style (e.g. the
        map canvas's colours); default a fresh colouring.

    Raises
    ------
    WriteError
        Unsupported extension, unwritable folder, text that the encoding cannot hold.
    LayerError
        A ``carry`` field that does not exist or is not numeric.
    """
    from editor.core.coloring import unit_colors

    out = Path(out)
    driver = _export_driver(out)
    check_folder_writable(out)
    enc = _shapefile_encoding(encoding) if driver == "ESRI Shapefile" else None

    figures_in = read_sources(plan.layer, rules, facilities, carry)
    uids, geoms, info = dissolve_units(plan)
    given = {u: int(c) for u, c in (colors or {}).items() if u in plan.units}
    colors = given if len(given) == len(uids) else {**unit_colors(plan), **given}
    figures = unit_figures(plan, uids=uids, sources=figures_in)
    frame = unit_frame(plan, uids, carry, colors, figures)
    result_warnings = _dissolve_warnings(info)

    descriptions = {f: (zh if language == "zh" else en) for f, en, zh in BASE_FIELDS}
    descriptions.update(extra_descriptions(figures, frame.columns, language))

    field_map: dict[str, str] = {}
    if driver == "ESRI Shapefile":
        assert enc is not None  # set for shapefiles above
        frame, field_map, aliases, clipped = _shapefile_fields(frame, descriptions, enc, out)
        if clipped:
            result_warnings.append(
                f"{clipped} text value(s) longer than the DBF's {DBF_TEXT_BYTES} bytes were shortened with '…' "
                "(the full member lists are in the assignment table)"
            )
    else:
        aliases = dict(descriptions)

    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs=plan.layer.crs))
    if crs is not None:
        target = _resolve_crs(crs)
        if not target.equals(plan.layer.crs):
            gdf = gdf.to_crs(target)
    moved = write_export_files(
        out,
        gdf,
        driver,
        enc,
        style=style,
        field_map=field_map,
        aliases=aliases,
        descriptions=descriptions,
        language=language,
    )
    return ExportResult(
        path=out,
        files=moved,
        units=len(uids),
        field_map=field_map,
        warnings=result_warnings,
        repaired=info["repaired"],
        fallback_units=info["fallback"],
    )


def _export_driver(out: Path) -> str:
    """The GDAL driver for ``out``'s extension; WriteError for any other."""
    suffix = out.suffix.lower()
    driver = DRIVERS.get(suffix)
    if driver is None:
        raise WriteError(
            out,
            Message(
                "error.unsupported_export_type_use",
                "unsupported export type {detail}; use .shp, .gpkg or .geojson",
                detail=suffix or "(none)",
            ),
        )
    return driver


def _shapefile_encoding(encoding: str) -> str:
    """The ``.cpg`` name of a shapefile text encoding (``utf-8`` → ``UTF-8``, ``cp936`` → ``GBK``)."""
    return {
        "utf8": "UTF-8",
        "utf-8": "UTF-8",
        "gbk": "GBK",
        "cp936": "GBK",
        "gb18030": "GB18030",
    }.get(encoding.lower().replace("_", "-"), encoding)


def _dissolve_warnings(info: dict) -> list[str]:
    out = []
    if info["fallback"]:
        out.append(
            f"{info['fallback']} unit(s) touch overlaps or unmatched edges in the source; joined with a full union"
        )
    if info["slivers"]:
        out.append(f"{info['slivers']} sliver gap(s) inside units were filled")
    return out


def _shapefile_fields(
    frame: pd.DataFrame, descriptions: dict[str, str], enc: str, out: Path
) -> tuple[pd.DataFrame, dict[str, str], dict[str, str], int]:
    """Text clipped to the DBF's limit and short field names: (frame, field map, aliases, clipped)."""
    names = shapefile_names(list(frame.columns), enc)
    text_cols = [
        c
        for c in frame.columns
        if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])
    ]
    clipped = 0
    for c in text_cols:
        values = []
        for v in frame[c].tolist():
            v = "" if v is None else str(v)
            try:
                nv = _clip_text(v, enc)
            except UnicodeEncodeError:
                raise WriteError(
                    out,
                    Message(
                        "error.text_cannot_written_export",
                        "the text {v!r} cannot be written in {enc}; export as UTF-8 instead",
                        v=v[:30],
                        enc=enc,
                    ),
                ) from None
            clipped += nv != v
            values.append(nv)
        frame[c] = values
    renamed = {c: s for c, s in names.items() if c != s}
    if renamed:
        frame = frame.rename(columns=renamed)
    field_map = {names[c]: c for c in names}
    aliases = {names[c]: descriptions[c] for c in names}
    return frame, field_map, aliases, clipped


def write_export_files(
    out: Path,
    gdf: gpd.GeoDataFrame,
    driver: str,
    enc: str | None,
    *,
    style: bool,
    field_map: dict[str, str],
    aliases: dict[str, str],
    descriptions: dict[str, str],
    language: str,
) -> list[Path]:
    """Write the layer (and its ``.qml`` style and ``.fieldmap.csv``) into place at ``out``.

    Everything is written into a staging folder first and then moved next to ``out``
    (stale sidecars of an older shapefile are removed). Returns the files written.
    """
    stale = []
    if driver == "ESRI Shapefile":
        stale = [out.with_name(out.stem + ext) for ext in SHAPEFILE_SIDECARS]
        stale = [p for p in stale if p.exists()]
    written = {c: s for s, c in field_map.items()} if field_map else {}
    name_field = written.get("name", "name")
    class_field = written.get("color_idx", "color_idx")
    try:
        with staging_folder(out) as stage:
            target = stage / out.name
            _write_frame(gdf, target, driver, enc)
            if driver == "GPKG":  # GDAL may leave -wal/-shm files until the connection closes
                for extra in (stage / (out.name + "-wal"), stage / (out.name + "-shm")):
                    if extra.exists() and extra.stat().st_size == 0:
                        extra.unlink()
            if style:
                from editor.io.qml import write_unit_style

                write_unit_style(
                    stage / (out.stem + ".qml"),
                    gdf[name_field].astype(str).tolist(),
                    gdf[class_field].tolist(),
                    name_field=name_field,
                    class_field=class_field,
                    aliases=aliases,
                )
            if driver == "ESRI Shapefile":
                _write_field_map(
                    stage / (out.stem + ".fieldmap.csv"), field_map, descriptions, language
                )
            files = sorted(stage.iterdir(), key=lambda p: (p.suffix == ".shp", p.name))  # .shp last
            return move_into_place(files, out.parent, stale)
    except OSError as exc:
        raise write_error(out, exc) from None
    except WriteError:
        raise
    except Exception as exc:  # GDAL errors (DataSourceError, FieldError, ...): one line
        raise WriteError(
            out,
            Message(
                "error.cannot_write_export",
                "cannot write the export ({error_type}: {detail})",
                error_type=type(exc).__name__,
                detail=str(exc).splitlines()[0] if str(exc) else "",
            ),
        ) from None


def _write_field_map(
    path: Path, field_map: dict[str, str], descriptions: dict[str, str], language: str
) -> None:
    head = (
        ["字段", "完整名称", "说明"] if language == "zh" else ["field", "full_name", "description"]
    )
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(head)
    for short, full in field_map.items():
        w.writerow([short, full, descriptions.get(full, "")])
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(buf.getvalue())
        fh.flush()
        os.fsync(fh.fileno())
