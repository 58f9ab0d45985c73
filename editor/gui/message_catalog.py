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
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name} matches {n} towns (ids {ids}); the row was left out: give the town's id instead of its name",
    ),
    QT_TRANSLATE_NOOP("Messages", "{name}: field names restored from {map}: {renames}"),
    QT_TRANSLATE_NOOP(
        "Messages", "looks like {schema}: its fields are used as that schema defines them"
    ),
    QT_TRANSLATE_NOOP("Messages", "US Census (TIGER/Line)"),
    QT_TRANSLATE_NOOP("Messages", "German administrative areas (VG250)"),
    QT_TRANSLATE_NOOP("Messages", "Japanese administrative areas (N03)"),
    QT_TRANSLATE_NOOP("Messages", "this editor's export of merged units"),
    # editor/core/commands.py
    QT_TRANSLATE_NOOP("Messages", "undo of a command that never ran"),
    QT_TRANSLATE_NOOP("Messages", "no towns given"),
    QT_TRANSLATE_NOOP("Messages", "no unit {uid}"),
    QT_TRANSLATE_NOOP("Messages", "the towns are already alone in their units"),
    QT_TRANSLATE_NOOP("Messages", "a unit name cannot be empty"),
    QT_TRANSLATE_NOOP("Messages", "{town} is not a member of {unit}"),
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
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} name(s) repeat on features with the same figures (one town drawn in "
        "parts?); kept apart as separate towns, as chosen",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} name(s) are carried by more than one town ({names}); "
        "tell those towns apart by their ids",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "no id field: {n} town(s) drawn as several features (one name, the same "
        "figures on each part) were joined, each counted once: {features} features, "
        "{towns} towns",
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
    # editor/core/quota.py (key-guarantee reasons)
    QT_TRANSLATE_NOOP("Messages", "population over {n}"),
    QT_TRANSLATE_NOOP("Messages", "county-seat town"),
    QT_TRANSLATE_NOOP("Messages", "economically developed town"),
    QT_TRANSLATE_NOOP("Messages", "pilot town"),
    # editor/core/rules.py, rules_county.py (violations and rule-set problems)
    QT_TRANSLATE_NOOP("Messages", "{category}: field {field!r} is not in the layer"),
    QT_TRANSLATE_NOOP("Messages", "village level: parent field {field!r} is not in the layer"),
    QT_TRANSLATE_NOOP("Messages", "{unit} is in {parts} separate pieces"),
    QT_TRANSLATE_NOOP("Messages", "{category} {towns} merged into {unit} and loses its name"),
    QT_TRANSLATE_NOOP("Messages", "{category} {town} did not grow: it absorbed no neighbour"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{category} {town} is absorbed into {unit} (seat {seat}) "
        "instead of absorbing its neighbours",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{unit} crosses township lines: its villages belong to {n} townships ({parents})",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{category} {towns} merged into {unit} ({n} towns); {category} are kept whole",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{category} {towns} merged with {others} and {more} more into {unit} "
        "({n} towns); {category} are kept whole",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{category} {towns} merged with {others} into {unit} ({n} towns); "
        "{category} are kept whole",
    ),
    QT_TRANSLATE_NOOP("Messages", " ({n} town(s) without population)"),
    QT_TRANSLATE_NOOP(
        "Messages", "{unit} has {population} people, below the minimum {minimum}{missing}"
    ),
    QT_TRANSLATE_NOOP("Messages", "{unit} covers {area} km2, below the minimum {minimum} km2"),
    QT_TRANSLATE_NOOP("Messages", "{unit} has {n} member towns, more than the maximum {maximum}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{unit} reaches {radius} km from its seat {seat}, beyond the maximum {maximum} km",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{n} units after the merger, fewer than the target minimum {target}"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{n} units after the merger, more than the target maximum {target}"
    ),
    QT_TRANSLATE_NOOP("Messages", "mean population {value} is below the target {target}"),
    QT_TRANSLATE_NOOP("Messages", "mean area {value} km2 is below the target {target} km2"),
    # -- errors (LayerError / PlanError / WriteError / RuleSetError problems) --
    # editor/core/facilities.py
    QT_TRANSLATE_NOOP("Messages", "no field named {items} to carry (fields: {fields})"),
    # editor/core/ruleset.py
    QT_TRANSLATE_NOOP("Messages", "rule set version {version!r} is not supported (expected 1)"),
    QT_TRANSLATE_NOOP("Messages", "[{where}] must be a table"),
    QT_TRANSLATE_NOOP("Messages", "unknown key {unknown!r}{place} (known: {items})"),
    QT_TRANSLATE_NOOP("Messages", "{where} must be an array of tables"),
    QT_TRANSLATE_NOOP("Messages", "{name} must be text, not {value!r}"),
    QT_TRANSLATE_NOOP("Messages", "{name} must be true or false, not {value!r}"),
    QT_TRANSLATE_NOOP("Messages", "quota.rounding must be one of {items}"),
    QT_TRANSLATE_NOOP(
        "Messages", "targets.units_min ({units_min}) is above units_max ({units_max})"
    ),
    QT_TRANSLATE_NOOP("Messages", "rule set file not found"),
    QT_TRANSLATE_NOOP("Messages", "cannot read the rule set ({strerror})"),
    QT_TRANSLATE_NOOP("Messages", "a rule set file must be UTF-8 text"),
    QT_TRANSLATE_NOOP("Messages", "not a valid rule set file ({exc})"),
    QT_TRANSLATE_NOOP("Messages", "preserved {key}: mode must be one of {items}"),
    QT_TRANSLATE_NOOP("Messages", "{where} needs a key"),
    QT_TRANSLATE_NOOP("Messages", "category key {key!r} must be letters, digits or _"),
    QT_TRANSLATE_NOOP("Messages", "category key {key!r} is used twice"),
    QT_TRANSLATE_NOOP(
        "Messages", "{key}: field {field!r} is not a role (use one of {items} or a column name)"
    ),
    QT_TRANSLATE_NOOP("Messages", "{name} must be a number, not {v!r}"),
    QT_TRANSLATE_NOOP("Messages", "{name} cannot be negative ({v})"),
    QT_TRANSLATE_NOOP("Messages", "{name} must be a list of texts"),
    # editor/core/towns.py
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} pair(s) of towns overlap, {km2} km² in all (largest: {pairs}); "
        "unit and county areas count each overlap once",
    ),
    # editor/core/unit_figures.py
    QT_TRANSLATE_NOOP("Messages", "field {col!r} is not numeric and cannot be summed"),
    # editor/io/atomic.py
    QT_TRANSLATE_NOOP("Messages", "cannot write: the folder is on a read-only disk"),
    QT_TRANSLATE_NOOP(
        "Messages", "cannot write: the folder is read-only or you have no permission to write there"
    ),
    QT_TRANSLATE_NOOP("Messages", "cannot write: the folder does not exist"),
    QT_TRANSLATE_NOOP("Messages", "cannot write: the disk is full (or your quota is used up)"),
    QT_TRANSLATE_NOOP("Messages", "cannot write: {detail}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "cannot replace {file}: it is locked, read-only or open in another program; the previous files are unchanged",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{problem}; the previous files are kept in {backup} and are put back by the next write in this folder",
    ),
    # editor/io/guard.py
    QT_TRANSLATE_NOOP("Messages", "a plan file"),
    QT_TRANSLATE_NOOP("Messages", "a table"),
    QT_TRANSLATE_NOOP("Messages", "a layout"),
    QT_TRANSLATE_NOOP("Messages", "an export of merged units"),
    QT_TRANSLATE_NOOP("Messages", "a rule set"),
    QT_TRANSLATE_NOOP("Messages", "a document"),
    QT_TRANSLATE_NOOP("Messages", "a file without an extension"),
    QT_TRANSLATE_NOOP("Messages", "cannot write {what} as {suffix}: use {allowed}"),
    QT_TRANSLATE_NOOP("Messages", "cannot write: it is a folder"),
    QT_TRANSLATE_NOOP("Messages", "refusing to write over {file}: it is open in this session"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "refusing to write over {file}: it belongs to {owner}, which is open in this session",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "refusing to write {file}: it would become part of {owner}, which is open in this session",
    ),
    # editor/io/export.py
    QT_TRANSLATE_NOOP("Messages", "unsupported export type {detail}; use .shp, .gpkg or .geojson"),
    QT_TRANSLATE_NOOP("Messages", "unknown coordinate reference system {crs!r} ({exc})"),
    QT_TRANSLATE_NOOP("Messages", "cannot write the export ({error_type}: {detail})"),
    QT_TRANSLATE_NOOP(
        "Messages", "the text {v!r} cannot be written in {enc}; export as UTF-8 instead"
    ),
    # editor/io/facilities.py
    QT_TRANSLATE_NOOP("Messages", "no field named {f!r} (fields: {fields})"),
    # editor/io/fields.py
    QT_TRANSLATE_NOOP("Messages", "unknown field role {role!r}"),
    QT_TRANSLATE_NOOP("Messages", "no field named {column!r} for the {role} (fields: {items})"),
    # editor/io/journal.py
    QT_TRANSLATE_NOOP("Messages", "the journal is empty"),
    QT_TRANSLATE_NOOP("Messages", "not a journal: the first line is not a journal header"),
    QT_TRANSLATE_NOOP("Messages", "journal version {version!r} is not supported"),
    QT_TRANSLATE_NOOP(
        "Messages", "the journal was written for a layer of {count} towns; this layer has {n}"
    ),
    QT_TRANSLATE_NOOP("Messages", "cannot read the journal ({strerror})"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the source layer has changed since the journal was written; the changes cannot be replayed",
    ),
    QT_TRANSLATE_NOOP("Messages", "the journal refers to towns this layer does not have"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} town(s) of the journal are not in this layer; their changes were left out",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the plan file {plan} has changed since the journal was written; "
        "the changes cannot be replayed",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the journal does not say which towns its changes are about; "
        "it cannot be replayed on this layer",
    ),
    # editor/io/lock.py
    QT_TRANSLATE_NOOP("Messages", "the plan is open in another instance of the editor ({owner})"),
    # editor/io/load.py
    QT_TRANSLATE_NOOP("Messages", "no field named {name!r} for the {role} (fields: {items})"),
    QT_TRANSLATE_NOOP("Messages", "the layer has no features with a geometry"),
    QT_TRANSLATE_NOOP("Messages", "the boundary line layer has no features"),
    # editor/io/planfile.py
    QT_TRANSLATE_NOOP("Messages", "not a plan file: the JSON is not an object"),
    QT_TRANSLATE_NOOP("Messages", 'not a plan file: "format" is {format!r}, expected {FORMAT!r}'),
    QT_TRANSLATE_NOOP("Messages", '"version" must be a whole number'),
    QT_TRANSLATE_NOOP(
        "Messages",
        "plan file version {version} is newer than this program understands ({VERSION}); update the editor",
    ),
    QT_TRANSLATE_NOOP("Messages", "unknown plan file version {version}"),
    QT_TRANSLATE_NOOP("Messages", '"units" must be a list'),
    QT_TRANSLATE_NOOP("Messages", '"source" must be an object'),
    QT_TRANSLATE_NOOP("Messages", '"source.checksum" must be an object with a "digest"'),
    QT_TRANSLATE_NOOP("Messages", '"notes" must be text'),
    QT_TRANSLATE_NOOP("Messages", '"load_options.fields" must be an object'),
    QT_TRANSLATE_NOOP("Messages", '"load_options.tolerance_m" must be a number'),
    QT_TRANSLATE_NOOP("Messages", '"layers" must be an object'),
    QT_TRANSLATE_NOOP("Messages", "file not found"),
    QT_TRANSLATE_NOOP("Messages", "cannot read the file ({strerror})"),
    QT_TRANSLATE_NOOP("Messages", "not a plan file: the text is not UTF-8"),
    QT_TRANSLATE_NOOP("Messages", "not valid JSON: {msg} at line {lineno}, column {colno}"),
    QT_TRANSLATE_NOOP("Messages", "not a plan file: nested too deeply"),
    QT_TRANSLATE_NOOP("Messages", "{where} is not an object"),
    QT_TRANSLATE_NOOP("Messages", '{where}: "id" must be a whole number >= 0'),
    QT_TRANSLATE_NOOP("Messages", "{where}: unit id {uid} is used twice"),
    QT_TRANSLATE_NOOP("Messages", '{where}: "name" must be non-empty text'),
    QT_TRANSLATE_NOOP("Messages", '{where}: "seat" must be a town id or null'),
    QT_TRANSLATE_NOOP("Messages", '{where}: "note" must be text'),
    QT_TRANSLATE_NOOP("Messages", '{where} ({name}): "towns" must be a list of town ids'),
    QT_TRANSLATE_NOOP("Messages", '"source.{key}" must be text'),
    QT_TRANSLATE_NOOP("Messages", '"{key}" must be an object or null'),
    QT_TRANSLATE_NOOP("Messages", '"benchmark.{key}" must be a number or null'),
    QT_TRANSLATE_NOOP("Messages", '"layers.{key}" must be a list'),
    QT_TRANSLATE_NOOP("Messages", '"{where}" must be an object'),
    QT_TRANSLATE_NOOP("Messages", '"{where}.path" must be non-empty text'),
    QT_TRANSLATE_NOOP("Messages", '"{where}.above" must be true or false'),
    QT_TRANSLATE_NOOP("Messages", '"load_options" is malformed ({exc})'),
    QT_TRANSLATE_NOOP("Messages", '"{where}.{key}" must be text'),
    QT_TRANSLATE_NOOP("Messages", "town {key} is in two units of the plan"),
    # editor/io/plantable.py
    QT_TRANSLATE_NOOP("Messages", "the table is neither UTF-8 nor GBK text"),
    QT_TRANSLATE_NOOP("Messages", "the table is empty"),
    QT_TRANSLATE_NOOP(
        "Messages", "the table needs two columns: town id (or name) and merged unit name"
    ),
    QT_TRANSLATE_NOOP("Messages", "unsupported table type {detail}; use .csv or .xlsx"),
    QT_TRANSLATE_NOOP("Messages", "not a readable Excel workbook ({error_type})"),
    # editor/io/reader.py
    QT_TRANSLATE_NOOP("Messages", "cannot be read ({detail})"),
    QT_TRANSLATE_NOOP("Messages", "not a map layer in a format this program can read"),
    QT_TRANSLATE_NOOP("Messages", "no polygon layer (layers: {described})"),
    QT_TRANSLATE_NOOP("Messages", "not a shapefile (the .shp header is not a shapefile header)"),
    QT_TRANSLATE_NOOP(
        "Messages", "the .shp is truncated: {size} of {declared} bytes present (incomplete copy?)"
    ),
    QT_TRANSLATE_NOOP("Messages", "no features"),
    QT_TRANSLATE_NOOP("Messages", "contains {kind}, not polygons; a town layer needs polygons"),
    QT_TRANSLATE_NOOP("Messages", "no .dbf attribute table beside it (copy {stem}.dbf too)"),
    QT_TRANSLATE_NOOP(
        "Messages", "{name} is truncated: it declares {n_records} records but holds {have}"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name} has {n_records} records but {name2} has {n_shapes} shapes; attributes cannot be matched to shapes",
    ),
    QT_TRANSLATE_NOOP("Messages", "a folder, not a layer file"),
    QT_TRANSLATE_NOOP("Messages", "several polygon layers; choose one of: {items}"),
    QT_TRANSLATE_NOOP("Messages", "no polygons: all {n} geometries are empty"),
    QT_TRANSLATE_NOOP("Messages", "mixes polygons with {n} features of other types ({items})"),
    QT_TRANSLATE_NOOP("Messages", "the .dbf attribute table is damaged (too short)"),
    QT_TRANSLATE_NOOP("Messages", "the .dbf attribute table is damaged (bad header)"),
    QT_TRANSLATE_NOOP("Messages", "unknown text encoding '{override}'"),
    QT_TRANSLATE_NOOP("Messages", "no layer named '{layer}'; layers: {described}"),
    QT_TRANSLATE_NOOP("Messages", "unknown coordinate system '{crs}'"),
    QT_TRANSLATE_NOOP("Messages", "unknown text encoding '{encoding}'"),
    QT_TRANSLATE_NOOP("Messages", "no geometry (a table, not a map layer)"),
    QT_TRANSLATE_NOOP("Messages", "text is not valid {encoding}; choose the right encoding"),
    QT_TRANSLATE_NOOP("Messages", "contains {items}, not polygons; a town layer needs polygons"),
    QT_TRANSLATE_NOOP(
        "Messages", "the .shp is truncated: {size} bytes, but its index expects {end}"
    ),
    # editor/io/reference.py
    QT_TRANSLATE_NOOP("Messages", "the layer has no features"),
    QT_TRANSLATE_NOOP("Messages", "not a readable layer ({first})"),
    # editor/io/tables.py
    QT_TRANSLATE_NOOP("Messages", "the table has no rows"),
    # editor/layout/export.py
    QT_TRANSLATE_NOOP("Messages", "unknown layout format {suffix!r} (use .pdf, .svg or .png)"),
    QT_TRANSLATE_NOOP("Messages", "{path}: cannot write the recovery journal ({detail})"),
    QT_TRANSLATE_NOOP("Messages", "{path}: {problem}"),
    # hostile input (issue 10): editor/io/read/files.py, read/shapefile.py, core/session.py,
    # core/commands.py, io/plantable.py, io/planfile/schema.py, planfile/read.py
    QT_TRANSLATE_NOOP("Messages", "a folder, not a file"),
    QT_TRANSLATE_NOOP("Messages", "not a regular file ({kind}); give a file saved on disk"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} field name(s) of {name} are not valid {encoding}; choose the right encoding",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{n} town(s) are given to more than one unit; each was kept in the first: {towns}{more}",
    ),
    QT_TRANSLATE_NOOP("Messages", "a unit name cannot hold control characters ({chars})"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "row {row} ({town}) holds control characters ({chars}); names cannot contain them",
    ),
    QT_TRANSLATE_NOOP("Messages", '{where}: "name" holds control characters ({chars})'),
    QT_TRANSLATE_NOOP("Messages", "not a plan file: a number is too long"),
    QT_TRANSLATE_NOOP("Messages", 'an entry of "layers.{section}" names no file'),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the .dbf header is damaged: its {n} field(s) take {used} bytes but each record has {record_len}; the attributes cannot be read",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the coordinates are not finite or too large for any map (bounds {bounds}); the file is damaged",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "latitudes from {miny:.6g} to {maxy:.6g} are beyond -90..90: these are not degrees of {crs}; set the layer's real coordinate system",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: longitudes from {minx:.6g} to {maxx:.6g} go beyond -180..180; check the layer's coordinate system",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "no polygon has an area: all {n} are degenerate (collapsed to lines or points)"
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "{name}: dropped {n} features whose polygons have no area (degenerate)"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{crs} is a {kind} coordinate system, not one of a map; use a geographic or projected one (e.g. EPSG:4490)",
    ),
    QT_TRANSLATE_NOOP("Messages", "no plan found within {seconds} s: give the solver more time"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "no plan meets every rule: {rule} cannot be met together with the other rules; the plan offered relaxes it",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "no plan meets every rule, and relaxing any one rule does not help"
    ),
    QT_TRANSLATE_NOOP("Messages", "the population floor {minimum}"),
    QT_TRANSLATE_NOOP("Messages", "the area floor {minimum} km2"),
    QT_TRANSLATE_NOOP("Messages", "the maximum of {maximum} towns per unit"),
    QT_TRANSLATE_NOOP("Messages", "the maximum service radius {maximum} km"),
    QT_TRANSLATE_NOOP("Messages", "enlarging {categories}"),
    QT_TRANSLATE_NOOP("Messages", "keeping {categories} whole"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, and under the other rules the {towns} towns form at least {n} units",
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "unit-count target {low}–{high} cannot be met: {whole} towns are kept whole, and under the other rules the {towns} towns form at most {n} units",
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
