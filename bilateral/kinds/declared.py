"""What answering at a date reads from the kinds' declarations, and the same written into a
compiled store's record (its meta), so that a warm answer reads it there instead of
importing every kind's declaration (the registry, the fields and their readers).

The store is rebuilt whenever the code that declares the kinds changes (store.fingerprint),
so what a store holds is what the registry would give."""

from __future__ import annotations

from collections.abc import Mapping

NameFields = tuple[tuple[str, str], ...]
"""A kind's references and the fields that hold their names at the date."""
KEYS = ("declared_begins", "declared_status", "declared_renamed", "declared_names")


class Declared:
    """Each kind's field that says when a record began, the kinds whose records carry a
    status at the date (and its field), the kinds whose records have dated names, and each
    kind's references named as at the date."""

    def __init__(
        self,
        begins: dict[str, str],
        status: dict[str, str],
        renamed: tuple[str, ...],
        names: dict[str, NameFields],
    ) -> None:
        self.begins = begins
        self.status = status
        """(a commitment's is `standing`, since its `status` is its step on the ladder)"""
        self.renamed = renamed
        self.names = names
        self.dated = frozenset(("person", "area", *self.status))
        """Kinds whose every record changes with the date (a person's roles, an area's
        commitments, a status)."""

    @classmethod
    def of_registry(cls) -> Declared:
        from bilateral.kinds.registry import ALL  # every declaration: a build, or no store

        return cls(
            {kind.name: kind.begins for kind in ALL},
            {kind.name: kind.status for kind in ALL if kind.status},
            tuple(
                kind.name
                for kind in ALL
                if any(f.name == "names" and f.type == "records" for f in kind.shape.fields)
            ),
            {
                kind.name: tuple((f.names, f.name) for f in kind.shape.fields if f.names)
                for kind in ALL
                if any(f.names for f in kind.shape.fields)
            },
        )

    def stored(self) -> dict[str, str]:
        """The declarations as a store's meta keeps them: words, `kind=field` pairs and
        `kind=reference>field,...` (every name in them is an identifier)."""
        return dict(
            zip(
                KEYS,
                (
                    _pairs(self.begins),
                    _pairs(self.status),
                    " ".join(self.renamed),
                    _pairs({k: ",".join(f"{r}>{f}" for r, f in v) for k, v in self.names.items()}),
                ),
                strict=True,
            )
        )

    @classmethod
    def from_stored(cls, meta: Mapping[str, str]) -> Declared | None:
        """The declarations a store's meta holds, or None where it holds none."""
        if any(key not in meta for key in KEYS):
            return None
        begins, status, renamed, names = (meta[key] for key in KEYS)
        return cls(
            _read_pairs(begins),
            _read_pairs(status),
            tuple(renamed.split()),
            {
                kind: tuple(_split(pair, ">") for pair in fields.split(","))
                for kind, fields in _read_pairs(names).items()
            },
        )


def _pairs(values: dict[str, str]) -> str:
    return " ".join(f"{key}={value}" for key, value in values.items())


def _read_pairs(text: str) -> dict[str, str]:
    return dict(_split(pair, "=") for pair in text.split())


def _split(pair: str, mark: str) -> tuple[str, str]:
    first, _, second = pair.partition(mark)
    return first, second
