"""Facilities dock (legend coloured as the map) and File > Remove facility layer."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from editor.core.project import Project
from editor.gui import facilities, facilities_legend
from editor.gui.main_window import MainWindow
from editor.io.facilities import load_facilities
from tests.support import grid_layer


@pytest.fixture
def window(qtbot):
    win = MainWindow(Project(grid_layer(3, 3)), install_features=False)
    qtbot.addWidget(win)
    facilities.install(win)
    facilities_legend.install(win)
    win.show()
    return win


def points(layer, path, kinds, outside=0):
    pts = list(shapely.point_on_surface(layer.geometry[: len(kinds)]))
    pts += [shapely.Point(50, 50)] * outside
    kinds = list(kinds) + ["学校"] * outside
    gpd.GeoDataFrame({"类型": kinds}, geometry=pts, crs=layer.crs).to_file(path)
    return load_facilities(path, layer, "类型")


def rows(tree):
    out = {}
    for i in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(i)
        out[top.text(0)] = {
            top.child(k).text(0): top.child(k).text(1) for k in range(top.childCount())
        }
    return out


def test_legend_lists_layers_and_categories_in_the_map_colours(window, tmp_path):
    layer = window.project.layer
    panel = window.facility_panel
    assert not panel.dock.isVisible() and not panel.remove_menu.isEnabled()
    window.project.add_facilities(points(layer, tmp_path / "a.gpkg", ["卫生院", "学校", "学校"]))
    window.project.add_facilities(points(layer, tmp_path / "b.gpkg", ["敬老院"], outside=2))
    assert panel.dock.isVisible() and panel.remove_menu.isEnabled()
    tree = panel.legend.tree
    assert rows(tree) == {
        "a.gpkg": {"卫生院": "1", "学校": "2"},
        "b.gpkg": {"敬老院": "1", "学校": "2"},
    }
    assert "2" in tree.topLevelItem(1).child(1).toolTip(1)  # two points outside the towns
    drawn = window.canvas.facility_colors()
    top = tree.topLevelItem(0)
    for k in range(top.childCount()):
        child = top.child(k)
        img = child.icon(0).pixmap(facilities_legend.DOT_PX).toImage()
        centre = img.pixelColor(img.width() // 2, img.height() // 2)
        assert centre.name() == drawn[child.text(0)].name()


def test_remove_facility_layer_from_the_menu(window, tmp_path):
    layer = window.project.layer
    panel = window.facility_panel
    a = points(layer, tmp_path / "a.gpkg", ["卫生院"])
    b = points(layer, tmp_path / "b.gpkg", ["学校", "学校"])
    window.project.add_facilities(a)
    window.project.add_facilities(b)
    panel.fill_remove_menu()
    names = [act.text() for act in panel.remove_menu.actions()]
    assert names == ["a.gpkg (1 points)", "b.gpkg (2 points)"]
    panel.remove_menu.actions()[1].trigger()  # the second: removal is by identity
    assert len(window.project.facilities) == 1 and window.project.facilities[0] is a
    assert list(rows(panel.legend.tree)) == ["a.gpkg"]
    panel.fill_remove_menu()
    panel.remove_menu.actions()[0].trigger()
    assert window.project.facilities == []
    assert panel.legend.tree.topLevelItemCount() == 0
    assert not panel.dock.isVisible() and not panel.remove_menu.isEnabled()


def test_remove_menu_sits_after_add_facility_layer(window):
    names = [
        a.objectName() or (a.menu() and a.menu().objectName())
        for a in window.menus["file"].actions()
    ]
    k = names.index("action_add_facilities")
    assert names[k + 1] == "menu_remove_facilities"


def test_a_new_project_with_facilities_shows_its_legend(window, tmp_path):
    layer = grid_layer(2, 2)
    project = Project(layer)
    project.add_facilities(points(layer, tmp_path / "c.gpkg", ["卫生院"]))
    window.set_project(project)
    assert window.facility_panel.dock.isVisible()
    assert list(rows(window.facility_panel.legend.tree)) == ["c.gpkg"]
