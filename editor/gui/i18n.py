"""Languages: Chinese (zh_CN) and English, switched live.

``choose_language(app, lang)`` picks the start-up language (``--lang`` beats the saved
choice, which beats the system locale) and installs the translators;
``install(window)`` adds View > Language. Installing or removing a translator makes
Qt send ``QEvent.LanguageChange`` to every widget, and each widget's ``retranslate()``
sets its texts again.

Core command labels are English templates (``label_template`` + ``label_args``);
:func:`command_text` translates the template in the context ``"commands"``. Messages of
the Qt-free layers (load warnings, field notes, plan-file messages) are
``editor.core.messages.Message``; :func:`message_text` translates them.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from editor.core.messages import Figure, Message
from editor.errors import EditorError
from editor.gui.message_catalog import ROLE_NAMES

ENGLISH = "en"
CHINESE = "zh_CN"
#: Language code → the language's own name (menu entries are not translated).
LANGUAGES = {CHINESE: "中文", ENGLISH: "English"}

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
ORGANIZATION = "TownshipBoundaryEditor"
APPLICATION = "Township Boundary Editor"

# The core's command label templates, listed so pyside6-lupdate extracts them into
# the context "commands" (see editor/core/commands.py).
COMMAND_TEMPLATES = (
    QCoreApplication.translate("commands", "Move {town} into {unit}"),
    QCoreApplication.translate("commands", "Merge {n} towns into {unit}"),
    QCoreApplication.translate("commands", "Merge {n} units into {unit}"),
    QCoreApplication.translate("commands", "New unit {unit} from {n} towns"),
    QCoreApplication.translate("commands", "Take {town} out of its unit"),
    QCoreApplication.translate("commands", "Take {n} towns out of their units"),
    QCoreApplication.translate("commands", "Rename {old} to {new}"),
    QCoreApplication.translate("commands", "Set seat of {unit} to {town}"),
    QCoreApplication.translate("commands", "Edit note of {unit}"),
    QCoreApplication.translate("commands", "Apply assignment of {n} towns to {m} units"),
    QCoreApplication.translate("commands", "auto"),
)

# Qt's own strings that Qt 6's qtbase_zh_CN.qm lacks, so the file dialog showed
# "Look in:", "Files of type:" and a "Folder" type column in the Chinese interface: the
# labels gained shortcuts ("&Look in:") and the type names moved to the context
# QAbstractFileIconProvider after the translation was made. Listed here so that
# pyside6-lupdate puts them in editor_zh_CN.ts; Qt asks the editor's translator when its
# own has no entry.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Finder Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Shortcut"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Alias"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)


def settings() -> QSettings:
    """The user's settings (language, recent files). Tests replace this function."""
    return QSettings(ORGANIZATION, APPLICATION)


class _State(QObject):
    language_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.language = ENGLISH
        self.translators: list[QTranslator] = []


_state: _State | None = None


def _get_state() -> _State:
    global _state
    if _state is None:
        _state = _State()
    return _state


def normalise(lang: str | None) -> str | None:
    """``"zh"``, ``"zh-CN"``, ``"cn"``, ``"chinese"`` → ``"zh_CN"``; ``"en_US"`` → ``"en"``."""
    if not lang:
        return None
    key = str(lang).strip().lower().replace("-", "_")
    if key in {"zh", "zh_cn", "zh_hans", "cn", "chinese", "中文"}:
        return CHINESE
    if key.startswith("en") or key == "english":
        return ENGLISH
    return None


def system_language() -> str:
    """zh_CN when the system locale is Chinese, else English."""
    return CHINESE if QLocale.system().language() == QLocale.Language.Chinese else ENGLISH


def current_language() -> str:
    return _get_state().language


def language_notifier() -> _State:
    """A QObject whose ``language_changed(str)`` fires after each switch."""
    return _get_state()


def choose_language(app: QCoreApplication | None = None, lang: str | None = None) -> str:
    """Pick and install the start-up language; returns ``"zh_CN"`` or ``"en"``.

    ``lang`` (from ``--lang``) wins; then the language chosen last time in
    View > Language; then the system locale.
    """
    chosen = normalise(lang)
    if chosen is None:
        chosen = normalise(str(settings().value("language", "") or ""))
    if chosen is None:
        chosen = system_language()
    set_language(chosen)
    return chosen


def set_language(lang: str, save: bool = False) -> bool:
    """Switch to ``lang`` live. Returns False when its translation file is missing."""
    state = _get_state()
    code = normalise(lang) or ENGLISH
    app = QCoreApplication.instance()
    for tr in state.translators:
        QCoreApplication.removeTranslator(tr)
    state.translators = []
    ok = True
    if code == CHINESE:
        own = QTranslator(state)
        ok = own.load(str(TRANSLATIONS_DIR / "editor_zh_CN.qm"))
        qt = QTranslator(state)
        # Qt's own strings (standard buttons, file dialogs)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for tr in ([own] if ok else []) + ([qt] if qt.load("qtbase_zh_CN", qt_dir) else []):
            if app is not None:
                QCoreApplication.installTranslator(tr)
            state.translators.append(tr)
    QLocale.setDefault(
        QLocale(
            QLocale.Language.Chinese if code == CHINESE else QLocale.Language.English,
            QLocale.Country.China if code == CHINESE else QLocale.Country.UnitedStates,
        )
    )
    state.language = code
    if save:
        settings().setValue("language", code)
    if app is not None and not state.translators:
        # removing translators already posts LanguageChange; post one anyway so
        # widgets refresh language-dependent number formats
        QCoreApplication.postEvent(app, QEvent(QEvent.Type.LanguageChange))
    state.language_changed.emit(code)
    return ok


def command_text(command: object) -> str:
    """A core command's label in the current language."""
    template = getattr(command, "label_template", "") or ""
    args = dict(getattr(command, "label_args", {}) or {})
    if not template:
        return str(getattr(command, "label", ""))
    for key, value in args.items():
        if value == "auto":
            args[key] = QCoreApplication.translate("commands", "auto")
    try:
        return QCoreApplication.translate("commands", template).format(**args)
    except (KeyError, IndexError, ValueError):
        return template.format(**dict(getattr(command, "label_args", {})))


def message_text(message: object) -> str:
    """A message of the core or io layers in the current language.

    A :class:`~editor.core.messages.Message` has its template translated in the context
    ``"Messages"`` (listed in ``editor/gui/message_catalog.py``) and formatted with its
    params; params that are messages are translated too, a ``role`` param is worded
    through the role names and a :class:`~editor.core.messages.Figure` by
    :func:`figure_text` (a population in 万 in Chinese). An :class:`~editor.errors.EditorError` with a ``problem`` is
    shown as ``"{path}: {problem}"`` with the problem translated. Anything else (a plain
    string, another exception's text) is shown as is.
    """
    if isinstance(message, EditorError):
        return _error_text(message)
    if isinstance(message, Exception) and message.args and isinstance(message.args[0], Message):
        return message_text(message.args[0])  # e.g. a CommandError
    if not isinstance(message, Message):
        return str(message)
    if not message.params:
        return QCoreApplication.translate("Messages", message.template)
    params = {}
    for key, value in message.params.items():
        if isinstance(value, Message):
            value = message_text(value)
        elif isinstance(value, Figure):
            value = figure_text(value)
        elif key == "role" and value in ROLE_NAMES:
            value = QCoreApplication.translate("MessageRoles", ROLE_NAMES[value])
        params[key] = value
    try:
        return QCoreApplication.translate("Messages", message.template).format(**params)
    except (KeyError, IndexError, ValueError):
        return str(message)  # a broken translation: the English text rather than nothing


# -- coordinate systems ------------------------------------------------------------------
# Names a planner knows a coordinate system by; pyproj's names are the EPSG database's
# ("China Geodetic Coordinate System 2000", "CGCS2000 / 3-degree Gauss-Kruger CM 114E").
GEOGRAPHIC_NAMES = {
    "China Geodetic Coordinate System 2000": QT_TRANSLATE_NOOP(
        "CRS", "China Geodetic Coordinate System 2000"
    ),
    "WGS 84": QT_TRANSLATE_NOOP("CRS", "WGS 84 latitude/longitude"),
    "Xian 1980": QT_TRANSLATE_NOOP("CRS", "Xian 1980 latitude/longitude"),
    "Beijing 1954": QT_TRANSLATE_NOOP("CRS", "Beijing 1954 latitude/longitude"),
    "New Beijing": QT_TRANSLATE_NOOP("CRS", "New Beijing latitude/longitude"),
}
DATUM_NAMES = {
    "CGCS2000": QT_TRANSLATE_NOOP("CRS", "CGCS2000"),
    "Xian 1980": QT_TRANSLATE_NOOP("CRS", "Xian 1980"),
    "Beijing 1954": QT_TRANSLATE_NOOP("CRS", "Beijing 1954"),
    "New Beijing": QT_TRANSLATE_NOOP("CRS", "New Beijing"),
    "WGS 84": QT_TRANSLATE_NOOP("CRS", "WGS 84"),
}
_GAUSS_KRUGER = re.compile(
    r"^(?P<datum>.+?) / (?:(?P<width>3)-degree )?Gauss-Kruger (?:CM (?P<cm>\d+)E|zone (?P<zone>\d+))$"
)
_UTM = re.compile(r"^(?P<datum>.+?) / UTM zone (?P<zone>\d+)(?P<hemisphere>[NS])$")


@lru_cache(maxsize=64)
def _epsg(crs: object) -> int | None:
    try:
        return crs.to_epsg(min_confidence=70)
    except Exception:  # noqa: BLE001 - a CRS pyproj cannot match: no code shown
        return None


def crs_text(crs: object) -> str:
    """A coordinate system as a planner says it, in the current language, with its EPSG
    code: ``2000国家大地坐标系（EPSG:4490）``, ``CGCS2000 高斯-克吕格 3° 带 第38带 中央经线
    114°E（EPSG:4547）``; a system with no known wording keeps its own name."""
    name = str(getattr(crs, "name", "") or "")
    text = None
    if name in GEOGRAPHIC_NAMES:
        text = QCoreApplication.translate("CRS", GEOGRAPHIC_NAMES[name])
    elif m := _GAUSS_KRUGER.match(name):
        width = 3 if m["width"] else 6
        if m["cm"]:
            cm = int(m["cm"])
            zone = cm // 3 if width == 3 else (cm + 3) // 6
        else:
            zone = int(m["zone"])
            cm = zone * 3 if width == 3 else zone * 6 - 3
        datum = m["datum"]
        text = QCoreApplication.translate(
            "CRS", "{datum} Gauss-Krüger {width}° zone {zone}, central meridian {cm}°E"
        ).format(
            datum=_datum(datum),
            width=width,
            zone=zone,
            cm=cm,
        )
    elif m := _UTM.match(name):
        datum = m["datum"]
        template = (
            QCoreApplication.translate("CRS", "{datum} UTM zone {zone} (northern hemisphere)")
            if m["hemisphere"] == "N"
            else QCoreApplication.translate("CRS", "{datum} UTM zone {zone} (southern hemisphere)")
        )
        text = template.format(
            datum=_datum(datum),
            zone=int(m["zone"]),
        )
    if text is None:
        text = (
            name
            if name and name != "unknown"
            else QCoreApplication.translate("CRS", "Unnamed coordinate system")
        )
    code = _epsg(crs)
    if code is None:
        return text
    return QCoreApplication.translate("CRS", "{name} (EPSG:{code})").format(name=text, code=code)


def _datum(name: str) -> str:
    known = DATUM_NAMES.get(name)
    return QCoreApplication.translate("CRS", known) if known else name


def population_text(value: float) -> str:
    """A population in the current language: ``4.89万`` in Chinese from 10,000, else ``48,889``."""
    if current_language() == CHINESE and math.isfinite(value) and abs(value) >= 10_000:
        return f"{value / 10_000:,.2f}万"
    return f"{value:,.0f}"


def figure_text(value: Figure) -> str:
    """A :class:`~editor.core.messages.Figure` of a message in the current language."""
    if value.kind == "population" and value.decimals == 0:
        return population_text(float(value))
    return value.english()


def _error_text(exc: EditorError) -> str:
    problem = getattr(exc, "problem", None)
    if problem is None:
        return str(exc)
    text = message_text(problem)
    path = getattr(exc, "path", None)
    if path is None:
        return text
    return QCoreApplication.translate("Errors", "{path}: {problem}").format(path=path, problem=text)


def message_lines(messages: object) -> list[str]:
    """:func:`message_text` of each message, without repeats (first one kept)."""
    out: list[str] = []
    for m in messages or ():
        text = message_text(m)
        if text not in out:
            out.append(text)
    return out


class LanguageMenu(QMenu):
    """View > Language: one checkable entry per language, each in its own language."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setObjectName("language_menu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code, label in LANGUAGES.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setData(code)
            action.setChecked(code == current_language())
            self.group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        self.group.triggered.connect(self._on_triggered)
        language_notifier().language_changed.connect(self._sync)
        self.retranslate()

    def _on_triggered(self, action: QAction) -> None:
        code = action.data()
        if code != current_language():
            set_language(code, save=True)

    def _sync(self, code: str) -> None:
        for c, action in self.language_actions.items():
            action.setChecked(c == code)

    def retranslate(self) -> None:
        self.setTitle(self.tr("&Language"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def install(window: object) -> LanguageMenu | None:
    """Add View > Language to the window."""
    view = getattr(window, "menus", {}).get("view")
    if view is None:
        return None
    menu = LanguageMenu(view)
    view.addSeparator()
    view.addMenu(menu)
    window.language_menu = menu
    return menu
