"""The `export` command: the whole base as SQLite (with Datasette metadata), FollowTheMoney
entities or one JSON document."""

from __future__ import annotations

from bilateral.cli.group import cli

__all__ = ["cli"]
