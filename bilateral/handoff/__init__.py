"""Answers handed on: a briefing note (Markdown, HTML, or read at a terminal) and a graph of
who is tied to whom (DOT, Mermaid, or a tree at a terminal), made from the API's documents.

A render layer: it asks `bilateral.api` and writes text; the command line sits above it.
"""
