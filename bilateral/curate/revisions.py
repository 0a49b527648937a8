"""A base as it was at a git revision, written out to a temporary directory for `diff`."""

from __future__ import annotations

import os
import subprocess

from bilateral.errors import BilateralError, FactBaseInvalid, FactBaseUnreadable
from bilateral.kinds.base import FactBase
from bilateral.kinds.parts import load


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


def load_version(version: str, default_path: str, scratch: str) -> tuple[FactBase, str]:
    """The base a version names (a path, `REV` for `default_path` at REV, or `REV:PATH`),
    checked, with the label that names it; versions from git are written under `scratch`."""
    split = split_version(version, default_path)
    label = version if split is None else f"{split[0]}:{split[1]}"
    path = version
    try:
        if split is not None:
            os.makedirs(scratch)
            path = materialize(*split, scratch)
        return load(path), label
    except FactBaseUnreadable as error:
        raise NoSuchVersion(str(error).replace(path, label)) from None
    except FactBaseInvalid as error:
        raise NoSuchVersion(
            f"{label}: the base has {len(error.problems)} problem(s); run `bilateral check` on it"
        ) from None


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
