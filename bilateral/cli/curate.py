"""Commands for curators: `new`, `fmt` and `diff`."""

from __future__ import annotations

from bilateral.cli.group import cli

__all__ = ["cli"]
