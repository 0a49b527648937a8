"""A base as it was at a git revision, written out to a temporary directory for `diff`."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable

from bilateral.errors import BilateralError, FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.base import FactBase
from bilateral.kinds.parts import load
from bilateral.schema.reading import base_files, read_toml


class NoSuchVersion(BilateralError):
    """A version of a base that is neither a path nor something git can show (exit 2)."""


def split_version(version: str, default_path: str) -> tuple[str, str] | None:
    """(revision, path) for `REV:PATH` or a bare `REV` (meaning `default_path` at REV);
    None when `version` is a path that exists."""
    if os.path.exists(version):
        return None
    revision, colon, path = version.partition(":")
    if not revision or revision.startswith("-"):
        raise NoSuchVersion(f"{version}: no such file, and not a git revision")
    return revision, (path if colon else default_path)


Home = tuple[str, str]
"""A file's directory base and the file's path in it: one file of a base is read with it."""


def home_of(versions: list[str], default_path: str, facts: str | None) -> Home | None:
    """Where a file the versions name lives, when it is one file of a directory base (the
    --facts directory holding it, else its own folder holding other `*.toml` files when
    the file alone is no valid base): that directory and the file; None otherwise."""
    for version in versions:
        split = split_version(version, default_path) if version else None
        place = version if split is None else split[1]
        if not os.path.isfile(place):
            continue
        if _a_part(facts, place):
            return str(facts), place
        folder = os.path.dirname(os.path.abspath(place))
        if _a_part(folder, place) and not _whole(place):
            return folder, place
    return None


def _whole(file: str) -> bool:
    """Whether the file alone is a valid base."""
    try:
        load(file)
    except (FactBaseInvalid, FactBaseUnreadable):
        return False
    return True


def _a_part(directory: str | None, file: str) -> bool:
    """Whether the file is one of several files of the directory base."""
    if not directory or not os.path.isdir(directory):
        return False
    inside = os.path.relpath(os.path.abspath(file), os.path.abspath(directory))
    return not inside.startswith(os.pardir) and len(base_files(directory)) > 1


def load_version(
    version: str, default_path: str, scratch: str, home: Home | None = None
) -> tuple[FactBase, str]:
    """The base a version names (a path, `REV` for `default_path` at REV, or `REV:PATH`),
    checked, with the label that names it; versions from git are written under `scratch`.
    With `home`, a version that is one file is read in its directory base, in the place
    of the home's file."""
    split = split_version(version, default_path)
    label = version if split is None else f"{split[0]}:{split[1]}"
    path = version
    try:
        if split is not None:
            os.makedirs(scratch)
            path = materialize(*split, scratch)
        if home is not None and os.path.isfile(path):
            return _in_home(path, home), label
        return load(path), label
    except FactBaseUnreadable as error:
        raise NoSuchVersion(str(error).replace(path, label)) from None
    except FactBaseInvalid as error:
        first = error.problems[0]
        where = label if first.file == path else first.file
        at = f":{first.line}" if first.line else ""
        raise NoSuchVersion(
            f"{label}: the base has {len(error.problems)} problem(s), the first at "
            f"{where}{at}: {first.key}: {first.message}"
        ) from None


def _in_home(path: str, home: Home) -> FactBase:
    """The directory base with the home's file read from `path` instead."""
    from bilateral.kinds.parts import build_parts  # the checking stack, as load uses

    directory, own = home
    text, data = read_toml(path)
    parts = []
    for file in base_files(directory):
        if os.path.abspath(file) == os.path.abspath(own):
            parts.append((path, _constant(text), data))
        else:
            other_text, other_data = read_toml(file)
            parts.append((file, _constant(other_text), other_data))
    if not any(file == path for file, _text, _data in parts):
        parts.append((path, _constant(text), data))  # the file is new to the directory
    return build_parts(parts)


def _constant(text: str) -> Callable[[], str]:
    return lambda: text


def materialize(revision: str, path: str, into: str) -> str:
    """Write the file, or the `*.toml` files of the directory, at `path` as it was at the
    revision into the directory `into`; the path of what was written."""
    folder, name = os.path.split(os.path.abspath(path))
    while not os.path.isdir(folder):  # the path may be gone from the working tree
        folder, parent = os.path.split(folder)
        name = os.path.join(parent, name)
    spec = f"{revision}:./{name}"
    kind = _git(folder, "cat-file", "-t", spec, what=f"{revision}:{path}").decode().strip()
    if kind == "blob":
        target = os.path.join(into, os.path.basename(name))
        _save(target, _git(folder, "show", spec, what=f"{revision}:{path}"))
        return target
    target = os.path.join(into, os.path.basename(name) or "base")
    os.makedirs(target)
    listing = _git(folder, "ls-tree", "-r", "-z", "--name-only", spec, what=f"{revision}:{path}")
    for entry in listing.decode("utf-8", "surrogateescape").split("\0"):
        if entry.endswith(".toml") and not any(p.startswith(".") for p in entry.split("/")):
            content = _git(folder, "show", f"{spec}/{entry}", what=f"{revision}:{path}")
            os.makedirs(os.path.dirname(os.path.join(target, entry)), exist_ok=True)
            _save(os.path.join(target, entry), content)
    return target


def _save(path: str, content: bytes) -> None:
    with open(path, "wb") as out:
        out.write(content)


def _git(folder: str, *arguments: str, what: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", folder, *arguments], capture_output=True, check=False, timeout=60
        )
    except FileNotFoundError:
        raise NoSuchVersion(f"{what}: git is not installed; compare two paths instead") from None
    except subprocess.TimeoutExpired:
        raise NoSuchVersion(f"{what}: git took too long to answer") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = said[-1] if said else f"git exited {done.returncode}"
        raise NoSuchVersion(
            f"{what}: no such file, and git cannot show it ({reason}); give a path, REV or REV:PATH"
        )
    return done.stdout
