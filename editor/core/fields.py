"""The mapping from a source layer's columns to the roles the editor needs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields


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
