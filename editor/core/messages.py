"""Messages the Qt-free layers give the user, in English, with what the GUI needs to translate them.

A :class:`Message` *is* its English text (a ``str`` subclass), so every list of
warnings, ``"..." in warnings``, ``", ".join(...)``, JSON dump and the command line
keep working unchanged. It also carries a stable ``key``, the English ``template``
(a :meth:`str.format` pattern) and its ``params``; the GUI translates the template in
the context ``"Messages"`` and formats it with the same params
(``editor.gui.i18n.message_text``).

Conventions for params (so the GUI can word them in the user's language):

- a param that is itself a :class:`Message` (a phrase such as "no .prj") is translated
  too;
- a param named ``role`` holds a :class:`~editor.core.fields.FieldMapping` role key
  (``"population"``, ``"county_seat"``, ...); the GUI shows the role's name;
- a param that is a :class:`Figure` (a number with its decimals and kind) is written
  with thousands separators in English; the GUI words it in the user's language (a
  population of 10,000 or more in 万 in Chinese);
- everything else (file names, column names, counts, EPSG codes) is shown as is.

Every template must be a literal in the ``Message(...)`` call, and listed in
``editor/gui/message_catalog.py`` (a test checks both).
"""

from __future__ import annotations

import math
from typing import Any


class Figure(float):
    """A number in a message: ``format(Figure(48889.4))`` is ``"48,889"``.

    ``decimals`` is how many decimals it is shown with; ``kind`` says what it counts
    (``"population"``: shown in 万 in Chinese from 10,000; ``""``: any other figure).
    It is a ``float``, so params stay data (JSON, comparisons); an explicit format spec
    (``f"{x:.3f}"``) is honoured as for any float.

    >>> f"{Figure(1234.56, 1)} km2", Figure(8790.0) == 8790
    ('1,234.6 km2', True)
    """

    decimals: int
    kind: str

    def __new__(cls, value: float, decimals: int = 0, kind: str = "") -> Figure:
        self = super().__new__(cls, value)
        self.decimals = int(decimals)
        self.kind = kind
        return self

    def __getnewargs__(self) -> tuple[float, int, str]:  # type: ignore[override]
        return (float(self), self.decimals, self.kind)

    def __format__(self, spec: str) -> str:
        if spec:
            return float.__format__(self, spec)
        return self.english()

    def english(self) -> str:
        """With thousands separators and ``decimals`` decimals (``nan`` as Python says it)."""
        return f"{float(self):,.{self.decimals}f}"

    def is_finite(self) -> bool:
        return math.isfinite(self)


class Message(str):
    """``Message(key, template, **params)``: the English ``template.format(**params)``.

    Examples
    --------
    >>> m = Message("load.blank_population", "{n} blank", n=3)
    >>> m == "3 blank", m.key, m.params
    (True, 'load.blank_population', {'n': 3})
    """

    key: str
    template: str
    params: dict[str, Any]

    def __new__(cls, key: str, template: str, /, **params: Any) -> Message:
        self = super().__new__(cls, template.format(**params) if params else template)
        self.key = key
        self.template = template
        self.params = params
        return self

    def __getnewargs_ex__(self) -> tuple[tuple[str, str], dict[str, Any]]:
        # pickle and copy rebuild from key/template/params (str's own would pass the text)
        return (self.key, self.template), dict(self.params)

    def to_dict(self) -> dict[str, Any]:
        """``{key, text, params}`` (nested messages as their text), for logs and tools."""
        return {
            "key": self.key,
            "text": str(self),
            "params": {k: str(v) if isinstance(v, Message) else v for k, v in self.params.items()},
        }
