"""Plain value classes: equal by their fields like a frozen dataclass, without the cost of
creating one. A dataclass is built with `exec` when its module is imported, and every
answer imports the kinds' declarations; seven of them cost about as much as importing
click (docs/performance.md)."""

from __future__ import annotations

from typing import Any, TypeVar

P = TypeVar("P", bound="Plain")


class Plain:
    """A value whose fields are its `__slots__`; a subclass sets them in its `__init__`."""

    __slots__: tuple[str, ...] = ()

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.values() == other.values()

    def __hash__(self) -> int:
        return hash(self.values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def replace(self: P, **changes: Any) -> P:
        """A copy with some fields changed, as dataclasses.replace makes."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {sorted(unknown)[0]}")
        copy = object.__new__(type(self))
        for name in self.__slots__:
            object.__setattr__(copy, name, changes.get(name, getattr(self, name)))
        return copy
