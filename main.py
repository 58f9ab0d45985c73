"""Start the Township Boundary Editor window.

    python main.py [LAYER] [--plan PLAN] [--border-layer LINES] [--lang zh_CN|en]
                   [--screenshot OUT.png]

With no layer it opens the sample county. ``--screenshot`` renders the window at
1600x1000 once the map is drawn, saves the PNG and exits (exit status 2 when the layer
or plan cannot be opened, with a one-line message on stderr).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "sample_shapes" / "sample_county.shp"
SAMPLE_BORDER = HERE / "sample_shapes" / "border_line.shp"


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Township Boundary Editor")
    ap.add_argument("layer", nargs="?", help="township layer (default: the sample county)")
    ap.add_argument("--plan", help="plan to open: .tbplan, or a CSV/XLSX town → unit table")
    ap.add_argument(
        "--border-layer", help="boundary line layer for border towns (drawn on the map)"
    )
    ap.add_argument("--lang", help="interface language: zh_CN or en")
    ap.add_argument("--screenshot", metavar="OUT.png", help="save a 1600x1000 picture and exit")
    return ap.parse_args(argv)


def load_project(args: argparse.Namespace):
    """The project for the command line; raises ``EditorError`` with a user message."""
    from editor.core.project import Project
    from editor.io.load import LoadOptions, open_layer

    path = Path(args.layer) if args.layer else SAMPLE
    border = args.border_layer
    if border is None and args.layer is None and SAMPLE_BORDER.exists():
        border = SAMPLE_BORDER
    options = LoadOptions(border_layer=str(border) if border else None)
    layer = open_layer(path, options)
    plan = None
    if args.plan:
        from editor.cli.common import load_plan

        plan, _unmatched = load_plan(layer, args.plan)
    project = Project(layer, plan=plan, source_path=path, load_options=options.to_dict())
    if args.plan:
        project.plan_path = Path(args.plan)
    return project


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from editor.errors import EditorError
    from editor.gui.app import NO_CJK_FONT_MESSAGE, create_app
    from editor.gui.main_window import MainWindow

    app = create_app(sys.argv[:1], lang=args.lang)
    from editor.gui.errors import install_excepthook

    install_excepthook()
    try:
        project = load_project(args)
    except EditorError as exc:
        if args.screenshot:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        project = None
        error = str(exc)
    else:
        error = None

    window = MainWindow(project)
    window.resize(1600, 1000)
    window.show()
    if not app.property("cjk_font"):
        if args.screenshot:
            print(f"warning: {NO_CJK_FONT_MESSAGE}", file=sys.stderr)
        else:
            QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Fonts", NO_CJK_FONT_MESSAGE))
    if error is not None:
        QTimer.singleShot(0, lambda: QMessageBox.warning(window, "Open layer", error))

    if args.screenshot:
        out = Path(args.screenshot)
        status = {"code": 1}

        def shoot() -> None:
            if status.get("done"):
                return
            status["done"] = True
            try:
                window.resize(1600, 1000)
                app.processEvents()
                window.canvas.relayout_labels()
                app.processEvents()
                image = window.grab()
                if image.save(str(out)):
                    status["code"] = 0
                else:
                    print(f"error: {out}: could not write the picture", file=sys.stderr)
                    status["code"] = 2
            finally:
                window.close()
                app.quit()

        # once the map has been painted (labels are placed on a short timer after that)
        window.canvas.drawn.connect(lambda: QTimer.singleShot(300, shoot))
        QTimer.singleShot(15000, shoot)  # never hang if no paint event comes
        app.exec()
        return status["code"]
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
