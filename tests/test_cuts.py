"""A file cut at its top-level records (schema/chunks.py): the cut is trusted only where it
cannot fall inside a value, and two keys name the pieces an edit changed."""

from __future__ import annotations

import os
from pathlib import Path

import tomli

from bilateral.schema.chunks import changed_pieces, chunk_key, record_chunks
from bilateral.store.freshness import relative

TABLES = frozenset({"people", "events"})
BASE = b"""schema_version = 3
title = "t"

[[people]]
id = "a"
roles = [{ post = "p" }]

[[events]] # a comment
id = "e"

[[people]]
id = "b"
[people.extra]
x = 1
"""


def key(data: bytes) -> bytes:
    return chunk_key(data, record_chunks(data), tomli.loads(data.decode()), TABLES)


def test_a_file_is_cut_before_each_top_level_record() -> None:
    chunks = record_chunks(BASE)
    assert chunks is not None
    assert [table for table, _, _ in chunks] == ["", "people", "events", "people"]
    assert b"".join(BASE[start:end] for _, start, end in chunks) == BASE
    assert BASE[chunks[3][1] : chunks[3][2]].startswith(b'[[people]]\nid = "b"')


def test_a_cut_that_could_fall_inside_a_value_is_not_trusted() -> None:
    assert key(BASE)
    assert record_chunks(BASE.replace(b'id = "e"', b'id = """e"""')) is None
    assert record_chunks(BASE.replace(b'id = "e"', b"id = '''e'''")) is None
    indented = BASE.replace(b"\n[[events]]", b"\n  [[events]]")
    assert key(indented) == b""
    stray = BASE.replace(b"[[events]] # a comment\n", b"[[events]] # a comment\n[[people.roles]]\n")
    assert record_chunks(stray) is None
    root_table = BASE.replace(b'id = "e"\n', b'id = "e"\n[pairs.AZ-TR]\ntitle = "t"\n')
    assert record_chunks(root_table) is None
    spread = BASE.replace(b'id = "e"\n', b'id = "e"\nx = [\n[1],\n]\n')
    assert record_chunks(spread) is None
    quoted = BASE.replace(b"\n[[events]]", b'\n[["events"]]')
    assert key(quoted) == b""
    inline = b'schema_version = 3\npeople = [{ id = "a" }]\n'
    assert key(inline) == b""


def test_an_edit_names_the_pieces_it_changed() -> None:
    edited = BASE.replace(b'id = "b"', b'id = "c"')
    assert changed_pieces(key(BASE), key(edited)) == [3]
    assert changed_pieces(key(BASE), key(BASE)) == []
    assert changed_pieces(key(BASE), key(BASE.replace(b'title = "t"', b'title = "u"'))) is None
    swapped = BASE.replace(b"[[events]] # a comment", b"[[people]]").replace(
        b'id = "e"', b'id = "e"\n'
    )
    assert changed_pieces(key(BASE), key(swapped)) is None
    assert changed_pieces(b"", key(BASE)) is None


def test_a_file_without_records_is_its_head() -> None:
    data = b"schema_version = 3\n"
    assert record_chunks(data) == [("", 0, len(data))]
    assert key(data)


def test_a_files_place_in_the_base_is_what_relpath_says() -> None:
    """freshness.relative takes a short way for paths the base's walk joined."""
    cases = [
        ("dir", "dir/a.toml"),
        ("dir/", "dir/a.toml"),
        ("./dir", "./dir/sub/a.toml"),
        ("dir/.", "dir/./a.toml"),
        ("/", "/a.toml"),
        ("a", "a"),
        ("a/b", "a/c.toml"),
        ("a", "a/../b.toml"),
        ("a", "a//b.toml"),
        ("a", "ab/c.toml"),
    ]
    for path, file in cases:
        expected = os.fsencode(os.path.relpath(file, path) if file != path else "").hex()
        assert relative(path, file) == expected, (path, file)


def test_a_files_status_text_gives_the_status_fields_in_order(tmp_path: Path) -> None:
    """freshness.status_text writes STATUS_FIELDS out by hand: the same text as reading them."""
    from bilateral.store.freshness import STATUS_FIELDS, status_text

    file = tmp_path / "a.toml"
    file.write_text("x = 1\n", encoding="utf-8")
    status = os.stat(file)
    assert status_text(status) == " ".join(str(getattr(status, f)) for f in STATUS_FIELDS)
