"""Every message template of the Qt-free layers, listed for pyside6-lupdate.

``editor.core.messages.Message`` templates are English; :func:`editor.gui.i18n.message_text`
translates them in the context ``"Messages"``. lupdate only sees literal calls, so each
template is written here once as ``QT_TRANSLATE_NOOP("Messages", "...")``, character for
character as in its ``Message(...)`` call. ``tests/test_gui_messages.py`` fails when a
template used in ``editor/`` is missing here (or one here is no longer used).

Field roles in messages (params named ``role``) are worded through :data:`ROLE_NAMES`
(context ``"MessageRoles"``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATES: tuple[str, ...] = (
    # editor/io/fields.py
    QT_TRANSLATE_NOOP("Messages", "m²"),
    QT_TRANSLATE_NOOP("Messages", "亩"),
    QT_TRANSLATE_NOOP("Messages", "hectares"),
    QT_TRANSLATE_NOOP("Messages", "area field: {column} (km² by its name)"),
    QT_TRANSLATE_NOOP("Messages", "area field {column} is in {unit}, not km²; not used"),
    QT_TRANSLATE_NOOP("Messages", "area field {column} has no unit in its name; not used as km²"),
    QT_TRANSLATE_NOOP(
        "Messages", "area field: {column} (its values match the polygons' areas in km²)"
    ),
    QT_TRANSLATE_NOOP("Messages", "area field {column} looks like {unit}, not km²; not used"),
    QT_TRANSLATE_NOOP(
        "Messages", "area field {column} does not match the polygons' areas; not used"
    ),
    QT_TRANSLATE_NOOP("Messages", "{note} (also found: {columns})"),
    QT_TRANSLATE_NOOP("Messages", "{role} field: {column} (chosen by you)"),
    QT_TRANSLATE_NOOP("Messages", "{role} field: none (chosen by you)"),
    QT_TRANSLATE_NOOP("Messages", "looks like a village layer (a 村 field exists)"),
    QT_TRANSLATE_NOOP("Messages", "parent field {columns} groups the rows as {column} does"),
    QT_TRANSLATE_NOOP("Messages", "no {role} field found"),
    QT_TRANSLATE_NOOP("Messages", "{role} field: {column} (guessed from part of its name)"),
    QT_TRANSLATE_NOOP("Messages", "{role} field: {column}"),
    QT_TRANSLATE_NOOP(
        "Messages", "population field {column} may count in 万 (10,000 people); check it"
    ),
    # editor/io/journal.py
    QT_TRANSLATE_NOOP("Messages", "line {line} is damaged; the {n} change(s) after it are ignored"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the last change was being written when the program stopped; it was not committed",
    ),
    # editor/io/load.py
    QT_TRANSLATE_NOOP("Messages", "{n} feature(s) without geometry were skipped"),
    QT_TRANSLATE_NOOP("Messages", "1 invalid geometry was repaired (make_valid)"),
    QT_TRANSLATE_NOOP("Messages", "{n} invalid geometries were repaired (make_valid)"),
    QT_TRANSLATE_NOOP(
        "Messages", "no id field: towns get generated ids F00001, F00002, ... in feature order"
    ),
    QT_TRANSLATE_NOOP("Messages", "{n} feature(s) with a blank id got generated ids"),
    QT_TRANSLATE_NOOP(
        "Messages", "{n} town(s) made of several features sharing one id were joined"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{n} multipart town(s) repeat one population on each part; counted once"
    ),
    QT_TRANSLATE_NOOP("Messages", "no name field: towns are named by their ids"),
    QT_TRANSLATE_NOOP("Messages", "no population field: population is missing for every town"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "population is blank or unreadable for {n} town(s); they are counted as missing, not 0",
    ),
    QT_TRANSLATE_NOOP("Messages", "no area field found: using ellipsoidal areas"),
    QT_TRANSLATE_NOOP("Messages", "border towns from {name}: {n}"),
    # editor/io/planfile.py
    QT_TRANSLATE_NOOP("Messages", "facility layer"),
    QT_TRANSLATE_NOOP("Messages", "reference layer"),
    QT_TRANSLATE_NOOP("Messages", "boundary line layer"),
    QT_TRANSLATE_NOOP("Messages", "the {kind} {name} {problem}"),
    QT_TRANSLATE_NOOP("Messages", "was not found ({path})"),
    QT_TRANSLATE_NOOP("Messages", "cannot be read: {error}"),
    QT_TRANSLATE_NOOP("Messages", "the source layer has changed since the plan was saved"),
    QT_TRANSLATE_NOOP("Messages", "{n} town(s) of the plan are not in the layer: {towns}"),
    QT_TRANSLATE_NOOP(
        "Messages", "{n} town(s) of the layer are not in the plan and stay alone: {towns}"
    ),
    QT_TRANSLATE_NOOP("Messages", "{items} and {n} more"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the boundary line layer {name} was not found ({path}); border towns come "
        "from the layer's field",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "the seat {seat} of {unit} is not one of its towns; the seat is automatic"
    ),
    # editor/io/reader.py
    QT_TRANSLATE_NOOP(
        "Messages", "{name}: the .cpg names an unknown encoding '{encoding}'; ignored it"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the .cpg says {encoding} but the text is not valid {encoding}; read "
        "it as {detected}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the .dbf header says ANSI (code page not stated) and the text looks "
        "like {detected}; read it as {detected}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the .dbf header says {encoding} but the text is not valid "
        "{encoding}; read it as {detected}",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: {reason}: coordinates look like degrees; assumed CGCS2000 (EPSG:{epsg})",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: {reason}: coordinates look like Gauss-Kruger metres with zone number"
        " {zone}; assumed CGCS2000 3-degree zone {zone} (EPSG:{epsg}); check it",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: {reason}: coordinates are metres without a zone number, so the "
        "central meridian is unknown; assumed CGCS2000 3-degree Gauss-Kruger CM 114E "
        "(EPSG:{epsg}); set the layer's real coordinate system, or areas and "
        "positions will be wrong",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the .shx index is missing; rebuilt it in a temporary copy (the "
        "source is untouched)",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{name}: {driver} text is always UTF-8; the encoding {encoding} was ignored"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: {n} text values are not valid {encoding}; unreadable characters are shown as �",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: {n} field names or values are not valid {encoding}; unreadable "
        "characters are shown as �",
    ),
    QT_TRANSLATE_NOOP("Messages", "no coordinate system in the file"),
    QT_TRANSLATE_NOOP("Messages", "the .prj is not a coordinate system this program understands"),
    QT_TRANSLATE_NOOP("Messages", "no .prj"),
    QT_TRANSLATE_NOOP("Messages", "{name}: dropped {n} features with no geometry"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: the file says the coordinates are degrees ({crs}) but they look like"
        " metres; set the layer's real coordinate system",
    ),
)

# FieldMapping role key -> its name in messages ("{role} field: ...").
ROLE_NAMES: dict[str, str] = {
    "id": QT_TRANSLATE_NOOP("MessageRoles", "id"),
    "name": QT_TRANSLATE_NOOP("MessageRoles", "name"),
    "population": QT_TRANSLATE_NOOP("MessageRoles", "population"),
    "area": QT_TRANSLATE_NOOP("MessageRoles", "area"),
    "border": QT_TRANSLATE_NOOP("MessageRoles", "border"),
    "historic": QT_TRANSLATE_NOOP("MessageRoles", "historic"),
    "county_seat": QT_TRANSLATE_NOOP("MessageRoles", "county seat"),
    "centre": QT_TRANSLATE_NOOP("MessageRoles", "centre"),
    "parent": QT_TRANSLATE_NOOP("MessageRoles", "parent"),
}
