"""Boundary descriptions on a 3x3 grid whose directions are known by construction.

Town k of the grid is column k % 3 (west to east), row k // 3 (south to north):

    6 7 8
    3 4 5
    0 1 2
"""

from __future__ import annotations

import pytest

from editor.core.boundary_text import (
    Neighbour,
    boundary_text,
    boundary_texts,
    describe,
    direction_of,
    neighbour_units,
    unit_neighbours,
)
from editor.core.commands import ApplyAssignment
from editor.core.plan import Plan
from tests.support import grid_layer


@pytest.fixture
def plan():
    return Plan(grid_layer())


def uid_of(plan, town):
    return int(plan.unit_of[town])


@pytest.mark.parametrize(
    ("dx", "dy", "want"),
    [(1, 0, "E"), (0, 1, "N"), (-1, 0, "W"), (0, -1, "S"), (1, 1, "NE"), (-1, -1, "SW"),
     (1, -1, "SE"), (-1, 1, "NW"), (1, 0.3, "E"), (0.3, 1, "N")],
)  # fmt: skip
def test_direction_sectors(dx, dy, want):
    assert direction_of(dx, dy) == want


def test_centre_town_has_its_four_rook_neighbours(plan):
    centre = uid_of(plan, 4)
    got = {plan.units[n.uid].name: n.direction for n in unit_neighbours(plan, centre)}
    assert got == {"镇5": "E", "镇1": "S", "镇3": "W", "镇7": "N"}  # corners only touch
    assert boundary_text(plan, centre) == "东与镇5接壤，南与镇1相邻，西与镇3接壤，北与镇7相邻。"
    assert boundary_text(plan, centre, "en") == (
        "Borders 镇5 to the east, 镇1 to the south, 镇3 to the west, 镇7 to the north."
    )


def test_merged_units_group_neighbours_by_direction(plan):
    # west column one unit, east column another, the middle column stays three towns
    ApplyAssignment({"西镇": [0, 3, 6], "东乡": [2, 5, 8]}).redo(plan)
    centre = uid_of(plan, 4)
    assert boundary_text(plan, centre) == "东与东乡接壤，南与镇1相邻，西与西镇接壤，北与镇7相邻。"
    west = uid_of(plan, 0)
    # seen from the middle of the tall west column, its three edges lie E, SE and NE
    assert boundary_text(plan, west) == "东与镇4接壤，东南与镇1相邻，东北与镇7接壤。"
    assert boundary_text(plan, west, "en") == (
        "Borders 镇4 to the east, 镇1 to the southeast, 镇7 to the northeast."
    )


def test_several_neighbours_in_one_direction_longest_first():
    ns = [
        Neighbour(1, "乙乡", "E", 500.0),
        Neighbour(2, "甲镇", "E", 2000.0),
        Neighbour(3, "丙镇", "S", 10.0),
    ]
    assert describe(ns) == "东与甲镇、乙乡接壤，南与丙镇相邻。"
    assert describe(ns, "en") == "Borders 甲镇 and 乙乡 to the east, 丙镇 to the south."
    ns.append(Neighbour(4, "丁镇", "E", 2000.0))
    assert describe(ns, "en") == "Borders 丁镇, 甲镇 and 乙乡 to the east, 丙镇 to the south."


def test_l_shaped_neighbour_lies_to_the_northeast(plan):
    ApplyAssignment({"角镇": [5, 8, 7]}).redo(plan)
    centre = uid_of(plan, 4)
    dirs = {n.name: n.direction for n in unit_neighbours(plan, centre)}
    assert dirs["角镇"] == "NE"  # the shared edges: east and north sides of town 4
    assert sorted(neighbour_units(plan, centre)) == sorted(
        {uid_of(plan, 1), uid_of(plan, 3), uid_of(plan, 5)}
    )


def test_single_unit_has_no_neighbours(plan):
    ApplyAssignment({"全县": list(range(9))}).redo(plan)
    uid = uid_of(plan, 0)
    assert boundary_text(plan, uid) == "四周无相邻乡镇。"
    assert boundary_text(plan, uid, "en") == "Borders no other unit."
    assert boundary_texts(plan) == {uid: "四周无相邻乡镇。"}
