"""What a plan file says about its layers, read without building the plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor.core.plan import Benchmark
from editor.io.load import LoadOptions


@dataclass
class SavedLayer:
    """A layer saved with the plan: a facility layer, a reference layer or the border line.

    ``path`` is resolved like the source layer's: relative to the plan file if that
    exists, else the absolute path, else (missing) the relative one.
    """

    kind: str  # "facilities" | "reference" | "border"
    path: Path
    relative: str | None = None
    absolute: str | None = None
    category_field: str | None = None
    name_field: str | None = None
    name: str = ""
    above: bool = True

    @property
    def exists(self) -> bool:
        return self.path.exists()

    @property
    def label(self) -> str:
        return self.name or self.path.name


@dataclass
class PlanHeader:
    """What a plan file says about its source layer, without building the plan."""

    path: Path
    source_path: Path | None  # resolved: relative to the plan if that exists, else absolute
    source_relative: str | None
    source_absolute: str | None
    source_layer: str | None
    checksum: dict | None
    load_options: LoadOptions
    town_count: int | None
    benchmark: Benchmark | None
    rules: dict | None
    notes: str
    facilities: list[SavedLayer] = field(default_factory=list)
    references: list[SavedLayer] = field(default_factory=list)
    border: SavedLayer | None = None
    warnings: list[str] = field(default_factory=list)  # Message items (str)

    @property
    def source_exists(self) -> bool:
        return self.source_path is not None and self.source_path.exists()
