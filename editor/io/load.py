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
from editor.core.towns import (
    LoadReport,
    TownLayer,
    group_features,
    repair_polygons,
    split_town_groups,
)
from editor.errors import LayerError
from editor.io.fields import (
    MappingGuess,
    detect_mapping,
    parse_flag,
    parse_number,
    parse_population,
)
from editor.io.read import RawLayer, read_layer_frame


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
    #: without an id field, features sharing a name and their figures are one town
    #: (a town split over several features); False keeps every feature a town
    group_split_towns: bool = True

    def to_dict(self) -> dict:
        return {
            "layer": self.layer,
            "encoding": self.encoding,
            "crs": self.crs,
            "fields": dict(self.fields),
            "use_area_field": self.use_area_field,
            "tolerance_m": self.tolerance_m,
            "border_layer": None if self.border_layer is None else str(self.border_layer),
            "group_split_towns": self.group_split_towns,
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
            group_split_towns=bool(data.get("group_split_towns", True)),
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

    The steps: read the features and guess the field roles (:func:`_read_and_map`),
    drop features without geometry and repair the rest (:func:`_clean_geometry`), read
    each role's column (:func:`_feature_columns`), without an id field give the parts
    of a town split over several features one id (:func:`_split_towns`), group
    features sharing an id into towns (:func:`_group_into_towns`), report what is missing (:func:`_report_missing`),
    build the :class:`TownLayer` (:func:`_build_layer`) and mark border towns from a
    boundary line layer if one is given.

    Raises
    ------
    LayerError
        With a one-line message naming the file and the problem.
    """
    options = options or LoadOptions()
    path = Path(path)
    raw, guess, report = _read_and_map(path, options)
    frame, geometry = _clean_geometry(raw.frame, path, report)
    features = _feature_columns(frame, guess.mapping, path, report)
    by_name = _split_towns(frame, features, guess.mapping, options, report)
    towns = _group_into_towns(features, geometry, report, by_name=by_name)
    _report_repeated_names(features.names[towns.first], report)
    _report_missing(features, towns, guess.mapping, options, report)
    layer = _build_layer(raw, frame, features, towns, guess.mapping, options, report)
    if options.border_layer is not None:
        apply_border_layer(layer, options.border_layer)
    return layer


def _read_and_map(path: Path, options: LoadOptions) -> tuple[RawLayer, MappingGuess, LoadReport]:
    """The features read, their field roles guessed (or as overridden), and the report
    started with what the reader and the guess noted."""
    raw = read_layer_frame(path, layer=options.layer, encoding=options.encoding, crs=options.crs)
    try:
        guess = detect_mapping(raw.frame, options.fields or None)
    except LayerError as exc:
        if exc.path is not None:
            raise
        raise LayerError(path, exc.problem) from None
    report = LoadReport(
        path=path,
        layer=raw.layer,
        driver=raw.driver,
        encoding=raw.encoding,
        encoding_source=raw.encoding_source,
        crs_assumed=raw.crs_assumed,
        feature_count=len(raw.frame),
        tolerance_m=options.tolerance_m,
        warnings=list(raw.warnings),
        notes=list(guess.notes),
    )
    return raw, guess, report


def _clean_geometry(
    frame: pd.DataFrame, path: Path, report: LoadReport
) -> tuple[pd.DataFrame, np.ndarray]:
    """Features without geometry skipped, invalid geometries repaired (both reported)."""
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
    return frame, geometry


@dataclass
class _Features:
    """Each role's values per feature (before features are grouped into towns)."""

    ids: np.ndarray
    names: np.ndarray
    population: np.ndarray
    area: np.ndarray | None
    flags: dict[str, np.ndarray | None]  # border, historic, county_seat, centre
    parent: np.ndarray | None
    has_names: bool
    has_population: bool


def _feature_columns(
    frame: pd.DataFrame, mapping: FieldMapping, path: Path, report: LoadReport
) -> _Features:
    """Read the column of each role (ids generated where there are none)."""
    ids = _feature_ids(frame, mapping, path, report)
    name_col = _column(frame, mapping.name, path, "town name")
    names = text_values(name_col) if name_col is not None else ids.copy()
    pop_col = _column(frame, mapping.population, path, "population")
    population = parse_population(pop_col) if pop_col is not None else np.full(len(frame), np.nan)
    area_col = _column(frame, mapping.area, path, "area")
    area = parse_number(area_col) if area_col is not None else None

    def flags(role: str) -> np.ndarray | None:
        col = _column(frame, getattr(mapping, role), path, role)
        return None if col is None else parse_flag(col)

    feature_flags = {role: flags(role) for role in ("border", "historic", "county_seat", "centre")}
    parent_col = _column(frame, mapping.parent, path, "parent township")
    parent = text_values(parent_col) if parent_col is not None else None
    return _Features(
        ids,
        names,
        population,
        area,
        feature_flags,
        parent,
        has_names=name_col is not None,
        has_population=pop_col is not None,
    )


def _feature_ids(
    frame: pd.DataFrame, mapping: FieldMapping, path: Path, report: LoadReport
) -> np.ndarray:
    """The id of each feature; generated (F00001, ...) where there is no id or a blank one."""
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
        return feature_ids
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
    return feature_ids


@dataclass
class _Towns:
    """The towns made of the features: ids, each town's first feature, and figures."""

    ids: np.ndarray
    first: np.ndarray  # index of each town's first feature (for per-feature values)
    geometry: np.ndarray
    population: np.ndarray
    area: np.ndarray | None


def _split_towns(
    frame: pd.DataFrame,
    features: _Features,
    mapping: FieldMapping,
    options: LoadOptions,
    report: LoadReport,
) -> bool:
    """Without an id field: the features of one town (one name, the same figures) get
    one id, so they are joined into one town. Whether any were (reported either way)."""
    if not report.generated_ids or not features.has_names:
        return False
    skip = {frame.geometry.name, mapping.name, mapping.population}
    others = pd.DataFrame(frame[[c for c in frame.columns if c not in skip]])
    split = split_town_groups(
        features.names, features.population if features.has_population else None, others
    )
    if not split.grouped:
        return False
    if not options.group_split_towns:
        report.warnings.append(
            Message(
                "load.split_towns_apart",
                "{n} name(s) repeat on features with the same figures (one town drawn in "
                "parts?); kept apart as separate towns, as chosen",
                n=split.grouped,
            )
        )
        return False
    first = np.full(int(split.codes.max()) + 1, -1, dtype=np.int64)
    first[split.codes[::-1]] = np.arange(len(split.codes) - 1, -1, -1)
    features.ids = np.asarray([f"F{i + 1:05d}" for i in first[split.codes]], dtype=object)
    return True


def _report_repeated_names(names: np.ndarray, report: LoadReport) -> None:
    """Warn when distinct towns carry one name (a plan table must name them by id)."""
    counts = pd.Series(names, dtype=object).value_counts()
    repeated = counts[counts > 1]
    if len(repeated):
        shown = "、".join(f"{name} ×{k}" for name, k in list(repeated.items())[:5])
        report.warnings.append(
            Message(
                "load.names_repeat",
                "{n} name(s) are carried by more than one town ({names}); "
                "tell those towns apart by their ids",
                n=len(repeated),
                names=shown + ("…" if len(repeated) > 5 else ""),
            )
        )


def _group_into_towns(
    features: _Features, geometry: np.ndarray, report: LoadReport, *, by_name: bool = False
) -> _Towns:
    """One town per id: features sharing an id are joined (geometry united, population
    summed unless each part repeats the same figure, area likewise). ``by_name``: the
    ids were given by :func:`_split_towns` (one name and the same figures)."""
    town_ids, first, multi = group_features(features.ids)
    feature_pop, feature_area = features.population, features.area
    if len(multi) == 0:
        return _Towns(
            town_ids,
            first,
            geometry[first],
            feature_pop[first],
            None if feature_area is None else feature_area[first],
        )
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
        if town_area is not None and feature_area is not None:
            a = feature_area[g]
            town_area[k] = a[0] if np.all(a == a[0]) else np.nansum(a)
    report.multipart_towns = len(multi)
    report.repeated_population_towns = repeated
    if by_name:
        report.warnings.append(
            Message(
                "load.split_towns_joined",
                "no id field: {n} town(s) drawn as several features (one name, the same "
                "figures on each part) were joined, each counted once: {features} features, "
                "{towns} towns",
                n=len(multi),
                features=len(features.ids),
                towns=len(town_ids),
            )
        )
        return _Towns(town_ids, first, town_geom, town_pop, town_area)
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
    return _Towns(town_ids, first, town_geom, town_pop, town_area)


def _report_missing(
    features: _Features,
    towns: _Towns,
    mapping: FieldMapping,
    options: LoadOptions,
    report: LoadReport,
) -> None:
    """Warn of missing names, populations and area field; count the towns."""
    if not features.has_names:
        report.warnings.append(
            Message("load.no_name_field", "no name field: towns are named by their ids")
        )
    report.town_count = len(towns.ids)
    missing = np.isnan(towns.population)
    if not features.has_population:
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
    report.missing_population = [str(t) for t in towns.ids[missing]]
    if options.use_area_field and towns.area is None:
        report.warnings.append(
            Message("load.no_area_field", "no area field found: using ellipsoidal areas")
        )
    use_area = options.use_area_field and towns.area is not None
    report.area_source = f"field {mapping.area}" if use_area else "ellipsoidal"


def _build_layer(
    raw: RawLayer,
    frame: pd.DataFrame,
    features: _Features,
    towns: _Towns,
    mapping: FieldMapping,
    options: LoadOptions,
    report: LoadReport,
) -> TownLayer:
    """The TownLayer of the towns: per-feature values taken at each town's first feature."""
    first = towns.first

    def per_town(values: np.ndarray | None) -> np.ndarray | None:
        return None if values is None else values[first]

    use_area = options.use_area_field and towns.area is not None
    attributes = (
        pd.DataFrame(frame.drop(columns=frame.geometry.name)).iloc[first].reset_index(drop=True)
    )
    return TownLayer(
        ids=towns.ids,
        names=features.names[first],
        population=towns.population,
        geometry=towns.geometry,
        crs=raw.crs,
        border=per_town(features.flags["border"]),
        historic=per_town(features.flags["historic"]),
        county_seat=per_town(features.flags["county_seat"]),
        centre=per_town(features.flags["centre"]),
        parent=per_town(features.parent),
        official_area_km2=towns.area if use_area else None,
        attributes=attributes,
        mapping=mapping,
        report=report,
        tolerance_m=options.tolerance_m,
    )


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
