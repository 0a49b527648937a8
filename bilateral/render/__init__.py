"""Rendering: answers as tables, delimited rows and JSON, for people and for scripts."""
