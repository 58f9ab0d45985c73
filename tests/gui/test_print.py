"""File > Print Layout…: the preview shows the Figures that Export saves and Print prints."""

from __future__ import annotations

import pytest

from tests.support import SAMPLE, SAMPLE_PLAN

pytest.importorskip("PySide6")
pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def project():
    from editor.cli.common import load_plan
    from editor.core.project import Project
    from editor.io.load import open_layer

    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    return Project(layer, plan)


@pytest.fixture
def dialog(qtbot, project):
    from editor.gui.print_dialog import PrintDialog

    dlg = PrintDialog(project)
    qtbot.addWidget(dlg)
    yield dlg
    for fig in dlg._figures.values():
        fig.clear()


def test_install_adds_file_menu_action(qtbot, project):
    from editor.gui.main_window import MainWindow
    from editor.gui.print_dialog import install

    win = MainWindow(project, install_features=False)
    qtbot.addWidget(win)
    feature = install(win)
    names = [a.objectName() for a in win.menus["file"].actions()]
    assert "action_print_layout" in names
    assert feature.action.isEnabled()
    dlg = feature.open_dialog()
    qtbot.addWidget(dlg)
    assert dlg.page_count == 1


def test_preview_shows_the_page_figure_and_pages_through_a_packet(dialog, project):
    assert dialog.page_count == 1
    assert dialog.canvas.figure is dialog.page_figure(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("packet"))
    dialog.rebuild()
    assert dialog.page_count == 1 + len(project.plan.units)
    dialog.show_page(3)
    assert dialog.page == 3
    assert dialog.canvas.figure is dialog.page_figure(3)
    texts = {t.get_text() for ax in dialog.canvas.figure.axes for t in ax.texts}
    uid = project.plan.unit_ids()[2]  # page 4 = the third unit
    assert project.plan.units[uid].name in texts
    assert dialog.page_label.text()  # "Page 4 of 18"
    dialog.show_page(99)
    assert dialog.page == dialog.page_count - 1
    assert not dialog.next_button.isEnabled()


def test_export_saves_the_previewed_figures(dialog, tmp_path, monkeypatch):
    from editor.gui import print_dialog

    dialog.paper.setCurrentIndex(dialog.paper.findData("A3"))
    dialog.orientation.setCurrentIndex(1)
    dialog.title.setText("示例县乡镇调整")
    dialog.rebuild()
    shown = dialog.canvas.figure
    seen = {}
    real = print_dialog.save_figures

    def spy(figures, path, **kw):
        seen["figures"] = list(figures)
        return real(seen["figures"], path, **kw)

    monkeypatch.setattr(print_dialog, "save_figures", spy)
    out = tmp_path / "layout.pdf"
    assert dialog.export(str(out)) == [out]
    assert seen["figures"][0] is shown
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == dialog.page_count  # the unit table flows onto page 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)
    assert "示例县乡镇调整" in reader.pages[0].extract_text().replace(" ", "")


def test_print_to_a_pdf_printer(dialog, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.kind.setCurrentIndex(dialog.kind.findData("before-after"))
    dialog.rebuild()
    assert dialog.print_pages(printer)
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 10), round(float(box.height) / 10)) == (60, 84)  # A4


def test_printed_colours_are_the_canvas_colours(qtbot, project):
    from matplotlib.colors import to_hex

    from editor.core.coloring import palette_color
    from editor.gui.main_window import MainWindow
    from editor.gui.print_dialog import install
    from editor.layout import map_axes

    win = MainWindow(project, install_features=False)
    qtbot.addWidget(win)
    feature = install(win)
    colors = win.canvas.colors
    # shift every unit's colour: still a proper colouring, but not what a fresh batch
    # colouring of the plan gives, so equal colours below come from the canvas
    colors.index = {u: (c + 3) % colors.k for u, c in colors.index.items()}
    dlg = feature.open_dialog()
    qtbot.addWidget(dlg)
    screen = {u: colors.color(u).name() for u in project.plan.unit_ids()}
    paper = {u: palette_color(c) for u, c in dlg._geo.unit_color.items()}
    assert paper == screen
    (ax,) = map_axes(dlg.page_figure(0))
    faces = {to_hex(c) for coll in ax.collections for c in coll.get_facecolors()}
    assert set(screen.values()) <= faces
    # after an edit the canvas recolours what it touched; the next preview follows
    uid = project.plan.unit_ids()[0]
    colors.index[uid] = (colors.index[uid] + 1) % colors.k
    dlg.rebuild()
    assert palette_color(dlg._geo.unit_color[uid]) == colors.color(uid).name()
    for fig in dlg._figures.values():
        fig.clear()


# -- the dialog's own buttons, opened from the real window's File menu ---------------------
@pytest.fixture
def window_dialog(qtbot):
    """The full window on the sample plan and its print dialog, opened from File."""
    from editor.cli.common import load_plan
    from editor.core.project import Project
    from editor.gui.main_window import MainWindow
    from editor.io.load import open_layer

    layer = open_layer(SAMPLE)
    plan, _ = load_plan(layer, SAMPLE_PLAN)
    win = MainWindow(Project(layer, plan, source_path=SAMPLE))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    (action,) = [a for a in win.menus["file"].actions() if a.objectName() == "action_print_layout"]
    assert action.isEnabled()
    action.trigger()
    dlg = win.print_feature.dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.addWidget(dlg)
    yield win, dlg
    for fig in dlg._figures.values():
        fig.clear()
    dlg.close()
    win.close()


def _check_layout_pdf(path, plan, pages):
    import re

    assert path.is_file()
    reader = pypdf.PdfReader(str(path))
    assert len(reader.pages) == pages
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "")
    for unit in plan.units.values():
        assert unit.name in text
    assert re.search(r"\d+\.\d", text)  # populations and areas: digits are text, not boxes
    return text


def test_export_button_writes_the_pdf(window_dialog, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    win, dlg = window_dialog
    out = tmp_path / "版面.pdf"
    asked = []

    def answer(parent, caption, folder, filters, *a, **k):
        asked.append(folder)
        return str(out), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    # the user was asked for the file, offered beside the layer and named after it
    assert asked == [str(SAMPLE.with_suffix(".pdf"))]
    _check_layout_pdf(out, win.project.plan, dlg.page_count)
    assert str(out) in win.statusBar().currentMessage()


def test_print_layout_sits_above_quit_in_the_file_menu(window_dialog):
    win, _ = window_dialog
    acts = win.menus["file"].actions()
    names = [a.objectName() for a in acts]
    k, q = names.index("action_print_layout"), names.index("action_quit")
    assert k == q - 2 and acts[k + 1].isSeparator() and acts[k - 1].isSeparator()


def test_export_button_cancelled_writes_nothing(window_dialog, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    _, dlg = window_dialog
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    qtbot.mouseClick(dlg.export_button, Qt.MouseButton.LeftButton)
    assert list(tmp_path.glob("*.pdf")) == []


def test_print_button_prints_to_a_pdf_printer(window_dialog, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QDialog

    win, dlg = window_dialog
    out = tmp_path / "printed.pdf"
    seen = {}

    def accept(self):
        # the user picks "Print to File (PDF)" in the print dialog and presses Print
        printer = self.printer()
        seen["paper"] = printer.pageLayout().pageSize().id()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    qtbot.mouseClick(dlg.print_button, Qt.MouseButton.LeftButton)
    from PySide6.QtGui import QPageSize

    assert seen["paper"] == QPageSize.PageSizeId.A4  # set up from the dialog's settings
    reader = pypdf.PdfReader(str(out))
    assert len(reader.pages) == dlg.page_count
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 10), round(float(box.height) / 10)) == (60, 84)  # A4
    assert "printed.pdf" in win.statusBar().currentMessage()


# -- files written with the user's umask ------------------------------------------------
@pytest.fixture
def umask_022():
    import os

    if os.name != "posix":
        pytest.skip("file modes and umask are POSIX")
    old = os.umask(0o022)
    yield 0o644
    os.umask(old)


def test_exported_pdf_gets_the_users_umask(dialog, tmp_path, umask_022):
    import stat

    out = tmp_path / "layout.pdf"
    assert dialog.export(str(out)) == [out]
    assert stat.S_IMODE(out.stat().st_mode) == umask_022


def test_printed_pdf_gets_the_users_umask(dialog, tmp_path, umask_022):
    import stat

    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    assert dialog.print_pages(printer)
    assert stat.S_IMODE(out.stat().st_mode) == umask_022
