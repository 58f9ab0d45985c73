"""Township Boundary Editor (乡镇区划调整编辑器).

Packages: ``core`` (Qt-free domain), ``io`` (files), ``layout`` (print layouts with
matplotlib), ``gui`` (the only package that imports PySide6), ``cli``.
"""

__version__ = "0.1.0"
