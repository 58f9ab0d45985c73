"""Open a layer into a :class:`~editor.core.towns.TownLayer`: read, map, group, repair, measure."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyproj
import shapely

from editor.core.fields import FieldMapping, text_values
from editor.core.messages import Message
from editor.core.towns import LoadReport, TownLayer, group_features, repair_polygons
from editor.errors import LayerError


@dataclass
class LoadOptions:
    """What the user chose (or the defaults) for opening a layer."""

    layer: str | None = None
    encoding: str | None = None
    crs: str | int | None = None
    fields: dict[str, str | None] = field(default_factory=dict)  # role -> column overrides
    use_area_field: bool = False
    tolerance_m: float = 1.0
    border_layer: str | Path | None = None

    def to_dict(self) -> dict:
        return {
            "layer": self.layer,
            "encoding": self.encoding,
            "crs": self.crs,
            "fields": dict(self.fields),
            "use_area_field": self.use_area_field,
            "tolerance_m": self.tolerance_m,
            "border_layer": None if self.border_layer is None else str(self.border_layer),
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> LoadOptions:
        data = dict(data or {})
        return cls(
            layer=data.get("layer"),
            encoding=data.get("encoding"),
            crs=data.get("crs"),
            fields=dict(data.get("fields") or {}),
            use_area_field=bool(data.get("use_area_field", False)),
            tolerance_m=float(data.get("tolerance_m", 1.0)),
            border_layer=data.get("border_layer"),
        )


def _column(frame: pd.DataFrame, name: str | None, path: Path, role: str) -> pd.Series | None:
    if name is None:
        return None
    if name not in frame.columns:
        raise LayerError(
            path,
            Message(
                "error.no_field_named_for_2",
                "no field named {name!r} for the {role} (fields: {items})",
                name=name,
                role=role,
                items=", ".join(map(str, frame.columns)),
            ),
        )
    return frame[name]


def open_layer(path: str | Path, options: LoadOptions | None = None) -> TownLayer:
    """Read a township layer and build its towns, areas and adjacency.

    Raises
    ------
    LayerError
        With a one-line message naming the file and the problem.
    """
    from editor.io.fields import detect_mapping, parse_flag, parse_number, parse_population
    from editor.io.reader import read_layer_frame

    options = options or LoadOptions()
    path = Path(path)
    raw = read_layer_frame(path, layer=options.layer, encoding=options.encoding, crs=options.crs)
    frame = raw.frame
    try:
        guess = detect_mapping(frame, options.fields or None)
    except LayerError as exc:
        if exc.path is not None:
            raise
        raise LayerError(path, exc.problem) from None
    mapping: FieldMapping = guess.mapping

    report = LoadReport(
        path=path,
        layer=raw.layer,
        driver=raw.driver,
        encoding=raw.encoding,
        encoding_source=raw.encoding_source,
        crs_assumed=raw.crs_assumed,
        feature_count=len(frame),
        tolerance_m=options.tolerance_m,
        warnings=list(raw.warnings),
        notes=list(guess.notes),
    )

    geometry = np.asarray(frame.geometry.array, dtype=object)
    empty = shapely.is_missing(geometry) | shapely.is_empty(geometry)
    if empty.any():
        report.dropped_empty = int(empty.sum())
        report.warnings.append(
            Message(
                "load.skipped_no_geometry",
                "{n} feature(s) without geometry were skipped",
                n=report.dropped_empty,
            )
        )
        frame = frame.loc[~empty].reset_index(drop=True)
        geometry = geometry[~empty]
    if len(frame) == 0:
        raise LayerError(
            path,
            Message("error.layer_has_no_features", "the layer has no features with a geometry"),
        )

    geometry, repaired = repair_polygons(geometry)
    report.repaired = repaired
    if repaired:
        report.warnings.append(
            Message("load.repaired_one", "1 invalid geometry was repaired (make_valid)")
            if repaired == 1
            else Message(
                "load.repaired",
                "{n} invalid geometries were repaired (make_valid)",
                n=repaired,
            )
        )

    id_col = _column(frame, mapping.id, path, "town id")
    if id_col is None:
        feature_ids = np.asarray([f"F{i + 1:05d}" for i in range(len(frame))], dtype=object)
        report.generated_ids = True
        report.warnings.append(
            Message(
                "load.generated_ids",
                "no id field: towns get generated ids F00001, F00002, ... in feature order",
            )
        )
    else:
        feature_ids = text_values(id_col)
        blank = feature_ids == ""
        if blank.any():
            feature_ids[blank] = [f"F{i + 1:05d}" for i in np.flatnonzero(blank)]
            report.warnings.append(
                Message(
                    "load.blank_ids",
                    "{n} feature(s) with a blank id got generated ids",
                    n=int(blank.sum()),
                )
            )

    name_col = _column(frame, mapping.name, path, "town name")
    feature_names = text_values(name_col) if name_col is not None else feature_ids.copy()
    pop_col = _column(frame, mapping.population, path, "population")
    feature_pop = parse_population(pop_col) if pop_col is not None else np.full(len(frame), np.nan)
    area_col = _column(frame, mapping.area, path, "area")
    feature_area = parse_number(area_col) if area_col is not None else None

    def flags(role: str) -> np.ndarray | None:
        col = _column(frame, getattr(mapping, role), path, role)
        return None if col is None else parse_flag(col)

    feature_flags = {role: flags(role) for role in ("border", "historic", "county_seat", "centre")}
    parent_col = _column(frame, mapping.parent, path, "parent township")
    feature_parent = text_values(parent_col) if parent_col is not None else None

    town_ids, first, multi = group_features(feature_ids)
    if len(multi) == 0:
        town_geom = geometry[first]
        town_pop = feature_pop[first]
        town_area = None if feature_area is None else feature_area[first]
    else:
        town_geom = geometry[first].copy()
        town_pop = feature_pop[first].copy()
        town_area = None if feature_area is None else feature_area[first].copy()
        repeated = 0
        for k, g in multi:
            town_geom[k] = shapely.union_all(geometry[g])
            p = feature_pop[g]
            known = p[~np.isnan(p)]
            if len(known) == 0:
                town_pop[k] = np.nan
            elif len(known) > 1 and np.all(known == known[0]):
                town_pop[k] = known[0]  # the same figure repeated on each part: count once
                repeated += 1
            else:
                town_pop[k] = known.sum()
            if town_area is not None:
                a = feature_area[g]
                town_area[k] = a[0] if np.all(a == a[0]) else np.nansum(a)
        report.multipart_towns = len(multi)
        report.repeated_population_towns = repeated
        report.notes.append(
            Message(
                "load.multipart_joined",
                "{n} town(s) made of several features sharing one id were joined",
                n=len(multi),
            )
        )
        if repeated:
            report.notes.append(
                Message(
                    "load.repeated_population",
                    "{n} multipart town(s) repeat one population on each part; counted once",
                    n=repeated,
                )
            )

    town_names = feature_names[first]
    if name_col is None:
        report.warnings.append(
            Message("load.no_name_field", "no name field: towns are named by their ids")
        )
    report.town_count = len(town_ids)
    missing = np.isnan(town_pop)
    if pop_col is None:
        report.warnings.append(
            Message(
                "load.no_population_field",
                "no population field: population is missing for every town",
            )
        )
    elif missing.any():
        report.warnings.append(
            Message(
                "load.blank_population",
                "population is blank or unreadable for {n} town(s); "
                "they are counted as missing, not 0",
                n=int(missing.sum()),
            )
        )
    report.missing_population = [str(t) for t in town_ids[missing]]

    use_area = options.use_area_field and town_area is not None
    if options.use_area_field and town_area is None:
        report.warnings.append(
            Message("load.no_area_field", "no area field found: using ellipsoidal areas")
        )
    report.area_source = f"field {mapping.area}" if use_area else "ellipsoidal"

    attributes = (
        pd.DataFrame(frame.drop(columns=frame.geometry.name)).iloc[first].reset_index(drop=True)
    )
    layer = TownLayer(
        ids=town_ids,
        names=town_names,
        population=town_pop,
        geometry=town_geom,
        crs=raw.crs,
        border=None if feature_flags["border"] is None else feature_flags["border"][first],
        historic=None if feature_flags["historic"] is None else feature_flags["historic"][first],
        county_seat=None
        if feature_flags["county_seat"] is None
        else feature_flags["county_seat"][first],
        centre=None if feature_flags["centre"] is None else feature_flags["centre"][first],
        parent=None if feature_parent is None else feature_parent[first],
        official_area_km2=town_area if use_area else None,
        attributes=attributes,
        mapping=mapping,
        report=report,
        tolerance_m=options.tolerance_m,
    )
    if options.border_layer is not None:
        apply_border_layer(layer, options.border_layer)
    return layer


def read_lines(path: str | Path) -> tuple[np.ndarray, pyproj.CRS]:
    """Read a line (or polygon) reference layer: geometries and CRS."""
    from editor.io.reference import read_reference

    frame, crs = read_reference(path)
    geoms = np.asarray(frame.geometry.array, dtype=object)
    geoms = geoms[~(shapely.is_missing(geoms) | shapely.is_empty(geoms))]
    if len(geoms) == 0:
        raise LayerError(
            path,
            Message("error.boundary_line_layer_has", "the boundary line layer has no features"),
        )
    return geoms, crs


def apply_border_layer(layer: TownLayer, path: str | Path) -> int:
    """Mark towns within the tolerance of a boundary line layer as border towns."""
    lines, crs = read_lines(path)
    flags = layer.border_from_lines(lines, crs)
    layer.set_border(flags)
    layer.report.notes.append(
        Message(
            "load.border_from_layer",
            "border towns from {name}: {n}",
            name=Path(path).name,
            n=int(flags.sum()),
        )
    )
    return int(flags.sum())
