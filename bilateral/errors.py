"""Errors the library raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations

import os


def shown(path: str) -> str:
    """A path as text that can always be printed: bytes that are not UTF-8 as escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def readable(text: str) -> str:
    """Text from the command line with bytes that are not UTF-8 as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class Problem:
    """One thing wrong with a fact base, located as precisely as the file allows."""

    __slots__ = ("file", "key", "line", "message")

    def __init__(self, file: str, key: str, message: str, line: int | None = None) -> None:
        self.file = file
        self.key = key
        self.message = message
        self.line = line

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        key = shortened(self.key, MAX_KEY_SHOWN)
        message = shortened(self.message, MAX_MESSAGE_SHOWN)
        return f"{where}: {key}: {message}" if key else f"{where}: {message}"


MAX_KEY_SHOWN = 200
MAX_MESSAGE_SHOWN = 1000


def shortened(text: str, limit: int) -> str:
    """Text cut to `limit` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


class BilateralError(Exception):
    """Base of every error the library raises on purpose."""


class FactBaseUnreadable(BilateralError):
    """The file cannot be read as TOML at all (exit 2 from `check`)."""


class FactBaseInvalid(BilateralError):
    """The file is TOML but breaks the schema; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the fact base")
        self.problems = problems


class NothingMatched(BilateralError):
    """A query found nothing (exit 1); carries suggestions to try instead."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class BadQuery(BilateralError):
    """A query the base cannot answer as asked: an unknown country code or pair (exit 2)."""


class BadParameter(BadQuery):
    """A value given for a parameter that cannot be used (exit 2), raised when the method
    is called. `str()` speaks of the parameter as the Python API names it (`flow='exports':
    ...`); `command_line` says the same of the command's option (`--flow`)."""

    def __init__(self, parameter: str, value: object, why: str, command_line: str = "") -> None:
        super().__init__(f"{parameter}={value!r}: {why}")
        self.parameter = parameter
        self.value = value
        self.why = why
        option = "--" + parameter.rstrip("_").replace("_", "-")
        self.command_line = command_line or f"{option} {value!r}: {why}"


class StoreUnreadable(BilateralError):
    """The compiled store could not be read, even once rebuilt (exit 3)."""
