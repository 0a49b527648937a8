"""A mutation fuzzer for fact bases: small, deterministic perturbations of a valid file."""

from __future__ import annotations

import random
from collections.abc import Callable

Mutation = Callable[[random.Random, bytes], bytes]

INTERESTING_VALUES = [
    b'""',
    b'" "',
    b"-1",
    b"0",
    b"1e400",
    b"nan",
    b"inf",
    b"true",
    b"[]",
    b"{}",
    b"1979-02-30",
    b"2004-13-01",
    b'"2004-07"',
    b'"XX"',
    b'"[bold]x[/bold]"',
    b'"\\u001b[31m"',
    b'"\\u202e"',
    b'"' + b"x" * 20_000 + b'"',
    b"[[[[[[[[1]]]]]]]]",
    b'{ source = "nowhere", paragraph = 99, sentence = 99 }',
]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def delete_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[first], lines[second] = lines[second], lines[first]
    return b"\n".join(lines)


def replace_value(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if b" = " in line]
    if not candidates:
        return data
    index = rng.choice(candidates)
    key, _, _ = lines[index].partition(b" = ")
    lines[index] = key + b" = " + rng.choice(INTERESTING_VALUES)
    return b"\n".join(lines)


def flip_byte(rng: random.Random, data: bytes) -> bytes:
    position = rng.randrange(len(data))
    return data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]


def insert_bytes(rng: random.Random, data: bytes) -> bytes:
    position = rng.randrange(len(data))
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    return data[:position] + junk + data[position:]


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def rename_id(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if line.startswith(b'id = "')]
    if not candidates:
        return data
    index = rng.choice(candidates)
    lines[index] = b'id = "' + rng.choice([b"musharraf-pervez", b"AZ", b"Bad Id", b"x"]) + b'"'
    return b"\n".join(lines)


def change_digit(rng: random.Random, data: bytes) -> bytes:
    positions = [i for i, byte in enumerate(data) if 48 <= byte <= 57]
    if not positions:
        return data
    position = rng.choice(positions)
    return data[:position] + str(rng.randrange(10)).encode() + data[position + 1 :]


MUTATIONS: list[Mutation] = [
    delete_line,
    duplicate_line,
    swap_lines,
    replace_value,
    replace_value,
    flip_byte,
    insert_bytes,
    truncate,
    rename_id,
    change_digit,
    change_digit,
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    """One to three mutations, chosen by the generator."""
    for _ in range(rng.randint(1, 3)):
        if not data:
            break
        data = rng.choice(MUTATIONS)(rng, data)
    return data
