"""The mapping from a source layer's columns to the roles the editor needs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields

import numpy as np


@dataclass(frozen=True)
class FieldMapping:
    """Which source column plays which role; ``None`` where the layer has none.

    ``id``: town code (towns with the same id are one multipart town); ``name``: town
    name; ``population``; ``area``: an official area field (km²) to use instead of the
    computed ellipsoidal area; ``border``/``historic``/``county_seat``/``centre``:
    flag columns (border town, historic-cultural town, county-seat town, regional centre
    town); ``parent``: the parent township's code or name (village-level merger).
    """

    id: str | None = None
    name: str | None = None
    population: str | None = None
    area: str | None = None
    border: str | None = None
    historic: str | None = None
    county_seat: str | None = None
    centre: str | None = None
    parent: str | None = None

    ROLES = (
        "id",
        "name",
        "population",
        "area",
        "border",
        "historic",
        "county_seat",
        "centre",
        "parent",
    )

    def to_dict(self) -> dict[str, str | None]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FieldMapping:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def with_overrides(self, **overrides: str | None) -> FieldMapping:
        """A copy with the given roles replaced; an empty string clears a role."""
        data = self.to_dict()
        for key, value in overrides.items():
            if key not in data:
                raise KeyError(key)
            if value is not None:
                data[key] = value or None
        return FieldMapping(**data)


def text_values(values: Iterable[object]) -> np.ndarray:
    """Column values as stripped text: blanks and NaN become ``""``, ``12.0`` becomes ``"12"``.

    Codes often arrive as floats from DBF numeric fields or spreadsheets; an id must
    read the same however the column was typed.
    """
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and v != v):
            out.append("")
        elif isinstance(v, float) and v.is_integer():
            out.append(str(int(v)))
        else:
            out.append(str(v).strip())
    return np.asarray(out, dtype=object)
