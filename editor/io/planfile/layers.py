"""The facility and reference layers saved with a plan, and reopening them."""

from __future__ import annotations

from dataclasses import dataclass

from editor.core.messages import Message
from editor.core.project import Project, ReferenceLayer
from editor.core.reference import geometry_kind, to_metric
from editor.errors import EditorError
from editor.io.facilities import load_facilities
from editor.io.planfile.header import PlanHeader, SavedLayer
from editor.io.reference import read_reference

# What each kind of saved layer is called in messages (a word the GUI translates).
_LAYER_KIND_WORDS = {
    "facilities": Message("planfile.kind.facilities", "facility layer"),
    "reference": Message("planfile.kind.reference", "reference layer"),
    "border": Message("planfile.kind.border", "boundary line layer"),
}


@dataclass
class LayerProblem:
    """A saved layer that could not be opened again: missing, or unreadable."""

    layer: SavedLayer
    problem: str  # a Message: "was not found (PATH)" or "cannot be read: ERROR"
    missing: bool = False

    def message(self) -> Message:
        return Message(
            "planfile.layer_problem",
            "the {kind} {name} {problem}",
            kind=_LAYER_KIND_WORDS.get(self.layer.kind, _LAYER_KIND_WORDS["border"]),
            name=self.layer.path.name,
            problem=self.problem,
        )


def _layer_not_found(saved: SavedLayer) -> LayerProblem:
    problem = Message("planfile.layer_not_found", "was not found ({path})", path=str(saved.path))
    return LayerProblem(saved, problem, missing=True)


def _error_message(error: object) -> str:
    """An EditorError as a Message (its English text unchanged), so the GUI can word it."""
    problem = getattr(error, "problem", None)
    path = getattr(error, "path", None)
    if isinstance(problem, Message) and path is not None:
        return Message("error.at_path", "{path}: {problem}", path=str(path), problem=problem)
    return problem if isinstance(problem, Message) and path is None else str(error)


def _layer_unreadable(saved: SavedLayer, error: object) -> LayerProblem:
    problem = Message(
        "planfile.layer_unreadable", "cannot be read: {error}", error=_error_message(error)
    )
    return LayerProblem(saved, problem)


def open_plan_layers(project: Project, header: PlanHeader) -> list[LayerProblem]:
    """Read the facility and reference layers saved with a plan into ``project``.

    A layer that is missing or unreadable is skipped and reported; the others open.
    Facility layers go through ``project.add_facilities``, reference layers through
    ``project.add_reference`` (so views that listen to the project draw them).
    """
    problems: list[LayerProblem] = []
    layer = project.layer
    for saved in header.facilities:
        if not saved.exists:
            problems.append(_layer_not_found(saved))
            continue
        try:
            fac = load_facilities(saved.path, layer, saved.category_field, saved.name_field)
        except EditorError as exc:
            problems.append(_layer_unreadable(saved, exc))
            continue
        project.add_facilities(fac)
    for saved in header.references:
        if not saved.exists:
            problems.append(_layer_not_found(saved))
            continue
        try:
            frame, crs = read_reference(saved.path)
            geoms = to_metric(frame.geometry.array, crs, layer)
        except (EditorError, ValueError, RuntimeError) as exc:  # RuntimeError: pyproj
            problems.append(_layer_unreadable(saved, exc))
            continue
        kind = geometry_kind(geoms)
        ref = ReferenceLayer(
            path=saved.path,
            geometry=geoms,
            kind=kind,
            name=saved.name or saved.path.stem,
            above=saved.above if kind != "polygon" else False,
        )
        project.add_reference(ref)
    return problems
