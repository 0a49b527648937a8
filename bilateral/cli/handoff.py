"""Commands that hand the base on: `brief`, `graph` and `export`."""

from __future__ import annotations

from bilateral.cli.group import cli

__all__ = ["cli"]
