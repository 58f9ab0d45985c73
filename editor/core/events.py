"""Plain-Python events: the core announces changes; views subscribe.

A tiny observer, in the spirit of napari's ``EventEmitter``: ``connect`` a callable,
``emit`` calls every connected callable with the event's payload. Callbacks bound to
objects are held weakly so a closed view that forgot to disconnect does not keep the
model calling into a deleted widget.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any


class Signal:
    """A named event with any number of subscribers."""

    def __init__(self, name: str):
        self.name = name
        self._callbacks: list[Any] = []
        self._blocked = 0

    def connect(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        if hasattr(callback, "__self__") and hasattr(callback, "__func__"):
            ref: Any = weakref.WeakMethod(callback)
        else:
            ref = _Strong(callback)
        self._callbacks.append(ref)
        return callback

    def disconnect(self, callback: Callable[..., Any] | None = None) -> None:
        """Disconnect one callback, or all with no argument."""
        if callback is None:
            self._callbacks.clear()
            return
        self._callbacks = [r for r in self._callbacks if r() is not None and r() != callback]

    def emit(self, *args: Any, **kwargs: Any) -> None:
        if self._blocked:
            return
        dead = False
        for ref in list(self._callbacks):
            cb = ref()
            if cb is None:
                dead = True
                continue
            cb(*args, **kwargs)
        if dead:
            self._callbacks = [r for r in self._callbacks if r() is not None]

    def blocked(self) -> _Blocker:
        """Context manager that silences this signal."""
        return _Blocker(self)

    def __len__(self) -> int:
        return sum(1 for r in self._callbacks if r() is not None)


class _Strong:
    __slots__ = ("cb",)

    def __init__(self, cb: Callable[..., Any]):
        self.cb = cb

    def __call__(self) -> Callable[..., Any]:
        return self.cb


class _Blocker:
    def __init__(self, signal: Signal):
        self.signal = signal

    def __enter__(self) -> Signal:
        self.signal._blocked += 1
        return self.signal

    def __exit__(self, *exc: object) -> None:
        self.signal._blocked -= 1
