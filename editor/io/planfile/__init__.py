"""The editor's plan file (``.tbplan``): a documented JSON format (docs/plan-format.md).

A plan file is data only: it is parsed with :func:`json.loads` and checked field by
field; nothing in it is ever evaluated. A malformed file raises
:class:`~editor.errors.PlanError` with one line naming the file and the problem.

Plans are rebuilt with :meth:`Plan.restore` from one :class:`Snapshot` of every town
(:func:`editor.core.session.place_units`), which keeps the saved unit ids: a journal
written against the saved plan refers to those ids and replays on top of it exactly.

Modules: ``schema`` (what a valid document holds), ``checksum`` (the source layer's
checksum), ``read`` (header and plan), ``write`` (plan and project documents),
``header`` (what a file says about its source and layers), ``layers`` (reopening the
facility and reference layers saved with a plan). Import from here.
"""

from editor.io.planfile.checksum import SHAPEFILE_PARTS, source_checksum, source_files
from editor.io.planfile.header import PlanHeader, SavedLayer
from editor.io.planfile.layers import LayerProblem, open_plan_layers
from editor.io.planfile.read import (
    LoadedPlan,
    build_plan,
    load_plan_file,
    read_plan_document,
    read_plan_header,
)
from editor.io.planfile.schema import FORMAT, SUFFIX, VERSION
from editor.io.planfile.write import (
    plan_to_dict,
    project_facility_layers,
    project_reference_layers,
    project_rules,
    save_plan_file,
    save_project,
)

__all__ = [
    "FORMAT",
    "SHAPEFILE_PARTS",
    "SUFFIX",
    "VERSION",
    "LayerProblem",
    "LoadedPlan",
    "PlanHeader",
    "SavedLayer",
    "build_plan",
    "load_plan_file",
    "open_plan_layers",
    "plan_to_dict",
    "project_facility_layers",
    "project_reference_layers",
    "project_rules",
    "read_plan_document",
    "read_plan_header",
    "save_plan_file",
    "save_project",
    "source_checksum",
    "source_files",
]
