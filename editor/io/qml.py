"""QGIS layer style files (``.qml``) so an export opens coloured and labelled in QGIS.

QGIS loads ``NAME.qml`` beside ``NAME.shp`` (or ``.gpkg``/``.geojson``) as the layer's
default style. The symbol layers are written with ``<prop k= v=>`` elements, which
every QGIS 3 release reads (newer ones write ``<Option>`` maps but still read these).
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from editor.core.coloring import PALETTE as CORE_PALETTE
from editor.io.atomic import write_text

# the program's one palette (editor.core.coloring.PALETTE), so colour class k is the
# colour the unit has on screen and on paper
PALETTE = [(int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)) for h in CORE_PALETTE]

# a categorized renderer with one category per unit is fine for a county or a
# prefecture; beyond this the legend is useless and QGIS slows down, so the style
# categorizes by colour class instead
MAX_CATEGORIES = 1000


def class_color(k: int) -> tuple[int, int, int]:
    """Colour of colour class ``k`` (palette first, then golden-angle hues)."""
    if k < len(PALETTE):
        return PALETTE[k]
    h = (k * 0.618033988749895) % 1.0
    r, g, b = colorsys.hsv_to_rgb(h, 0.35, 0.95)
    return int(r * 255), int(g * 255), int(b * 255)


def _fill_symbol(name: str, rgb: tuple[int, int, int]) -> str:
    r, g, b = rgb
    props = {
        "border_width_map_unit_scale": "3x:0,0,0,0,0,0",
        "color": f"{r},{g},{b},255",
        "joinstyle": "bevel",
        "offset": "0,0",
        "offset_map_unit_scale": "3x:0,0,0,0,0,0",
        "offset_unit": "MM",
        "outline_color": "60,60,60,255",
        "outline_style": "solid",
        "outline_width": "0.4",
        "outline_width_unit": "MM",
        "style": "solid",
    }
    lines = "".join(
        f"\n          <prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items()
    )
    return (
        f'\n      <symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">'
        f'\n        <layer class="SimpleFill" pass="0" enabled="1" locked="0">{lines}'
        "\n        </layer>\n      </symbol>"
    )


def unit_style(
    names: Sequence[str],
    colors: Sequence[int],
    *,
    name_field: str = "name",
    class_field: str = "color_idx",
    aliases: Mapping[str, str] | None = None,
    font_family: str = "Microsoft YaHei",
) -> str:
    """The QML text for merged units: a colour per unit, labelled with the unit name.

    Parameters
    ----------
    names
        The unit names, one per feature.
    colors
        Colour class per feature (adjacent units differ: ``editor.core.coloring``).
    name_field, class_field
        The attribute names holding the unit name and the colour class in the export.
    aliases
        Field name → display name (e.g. short DBF names → full names).
    """
    if len(names) <= MAX_CATEGORIES and len(set(names)) == len(names):
        attr = name_field
        cats = [(str(n), str(n), class_color(int(c))) for n, c in zip(names, colors, strict=True)]
    else:
        attr = class_field
        used = sorted(set(int(c) for c in colors))
        cats = [(str(c), str(c + 1), class_color(c)) for c in used]
    categories = "".join(
        f'\n      <category symbol="{k}" value={quoteattr(value)} label={quoteattr(label)} render="true"/>'
        for k, (value, label, _) in enumerate(cats)
    )
    symbols = "".join(_fill_symbol(str(k), rgb) for k, (_, _, rgb) in enumerate(cats))
    alias_xml = "".join(
        f"\n    <alias field={quoteattr(f)} index={quoteattr(str(i))} name={quoteattr(a)}/>"
        for i, (f, a) in enumerate((aliases or {}).items())
    )
    return f"""<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.22.0" styleCategories="Symbology|Labeling|Fields" labelsEnabled="1">
  <renderer-v2 type="categorizedSymbol" attr={quoteattr(attr)} symbollevels="0" forceraster="0" enableorderby="0">
    <categories>{categories}
    </categories>
    <symbols>{symbols}
    </symbols>
    <source-symbol>{_fill_symbol("0", (200, 200, 200))}
    </source-symbol>
    <rotation/>
    <sizescale/>
  </renderer-v2>
  <labeling type="simple">
    <settings calloutType="simple">
      <text-style fieldName={quoteattr(name_field)} isExpression="0" fontFamily={quoteattr(font_family)} fontSize="10" fontSizeUnit="Point" fontWeight="75" fontItalic="0" textColor="20,20,20,255" textOpacity="1" namedStyle="Bold" multilineHeight="1" allowHtml="0" capitalization="0" blendMode="0" previewBkgrdColor="255,255,255,255" useSubstitutions="0">
        <text-buffer bufferDraw="1" bufferSize="1" bufferSizeUnits="MM" bufferColor="255,255,255,255" bufferOpacity="0.8" bufferNoFill="1" bufferJoinStyle="128" bufferBlendMode="0"/>
        <background shapeDraw="0"/>
        <shadow shadowDraw="0"/>
        <substitutions/>
      </text-style>
      <text-format wrapChar="" multilineAlign="3" plussign="0" decimals="3" reverseDirectionSymbol="0" formatNumbers="0" addDirectionSymbol="0" placeDirectionSymbol="0"/>
      <placement placement="1" placementFlags="10" centroidInside="1" centroidWhole="0" fitInPolygonOnly="0" priority="5" dist="0" offsetType="0" quadOffset="4" xOffset="0" yOffset="0" rotationAngle="0" repeatDistance="0" overrunDistance="0" labelOffsetMapUnitScale="3x:0,0,0,0,0,0" distUnits="MM" offsetUnits="MM" preserveRotation="1" maxCurvedCharAngleIn="25" maxCurvedCharAngleOut="-25"/>
      <rendering drawLabels="1" displayAll="0" obstacle="1" obstacleFactor="1" obstacleType="1" labelPerPart="0" mergeLines="0" minFeatureSize="0" limitNumLabels="0" maxNumLabels="2000" scaleVisibility="0" scaleMin="0" scaleMax="0" upsidedownLabels="0" zIndex="0" fontLimitPixelSize="0" fontMinPixelSize="3" fontMaxPixelSize="10000"/>
      <dd_properties>
        <Option type="Map">
          <Option type="QString" name="name" value=""/>
          <Option name="properties"/>
          <Option type="QString" name="type" value="collection"/>
        </Option>
      </dd_properties>
    </settings>
  </labeling>
  <aliases>{alias_xml}
  </aliases>
  <previewExpression>{_escape_text(f'"{name_field}"')}</previewExpression>
  <layerGeometryType>2</layerGeometryType>
</qgis>
"""


def _escape_text(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_unit_style(path: str | Path, names: Sequence[str], colors: Sequence[int], **kw) -> Path:
    """Write :func:`unit_style` to ``path`` atomically (UTF-8)."""
    write_text(path, unit_style(names, colors, **kw), encoding="utf-8")
    return Path(path)
