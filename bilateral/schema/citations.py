"""Citations and notes, which every kind of record carries, and the check of their locators."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types alone: the checker is for building, not answering
    from collections.abc import Mapping

    from bilateral.schema.checker import Checker, Document, Table


CITATION_KEYS = {"source", "paragraph", "sentence"}


def citations(check: Checker, table: Table, key: str, required: bool = True) -> list[Document]:
    """`sources = [{ source = ID, paragraph = N, sentence = N }, ...]` as documents."""
    value = table.get("sources")
    if value is None or value == []:
        if required:
            check.problem(
                f"{key}.sources",
                "missing; cite at least one source as { source = ID, paragraph = N, sentence = N }",
            )
        return []
    if not isinstance(value, list):
        check.problem(f"{key}.sources", "expected a list of citations")
        return []
    found = []
    for position, item in enumerate(value):
        item_key = f"{key}.sources[{position}]"
        cite = check.table(item, item_key)
        if cite is None:
            continue
        check.allowed_keys(cite, item_key, CITATION_KEYS)
        source = check.string(cite, item_key, "source")
        paragraph = _locator(check, cite, item_key, "paragraph")
        sentence = _locator(check, cite, item_key, "sentence")
        if source is not None:
            check.refer(f"{item_key}.source", source, ("source",))
            citation = {"source": source, "paragraph": paragraph, "sentence": sentence}
            check.citations.append((item_key, citation))
            found.append(citation)
    return found


def _locator(check: Checker, cite: Table, key: str, name: str) -> int | None:
    return check.integer(cite, key, name, minimum=1) if name in cite else None


def notes(check: Checker, table: Table, key: str) -> list[Document]:
    """`[[...notes]]`: a text and the sources that support it."""
    found = []
    for note_key, note in check.tables(table, key, "notes"):
        check.allowed_keys(note, note_key, {"text", "sources"})
        text = check.string(note, note_key, "text")
        cites = citations(check, note, note_key)
        if text is not None:
            found.append({"text": text, "sources": cites})
    return found


def check_locators(check: Checker, sources: Mapping[str, Document]) -> None:
    """A source whose text is held is cited by paragraph and sentence inside it; others are not."""
    for key, citation in check.citations:
        source = sources.get(citation["source"])
        if source is not None:
            _check_locator(check, key, citation, source["id"], source.get("sentences") or [])


def _check_locator(
    check: Checker, key: str, citation: Document, source_id: str, sentences: list[int]
) -> None:
    paragraph, sentence = citation["paragraph"], citation["sentence"]
    if not sentences:
        if paragraph is not None or sentence is not None:
            check.problem(
                key,
                f"source {source_id!r} declares no paragraphs; "
                "drop paragraph and sentence, or add sentences = [...] to the source",
                unless=(f"{check.record_keys.get(source_id, '')}.sentences",),
            )
        return
    if paragraph is None or sentence is None:
        check.problem(
            key,
            f"cite {source_id!r} with both paragraph and sentence",
            unless=(f"{key}.paragraph", f"{key}.sentence"),
        )
    elif paragraph > len(sentences):
        check.problem(
            f"{key}.paragraph",
            f"paragraph {paragraph} is outside {source_id!r}, "
            f"which has {len(sentences)} paragraphs",
        )
    elif sentence > sentences[paragraph - 1]:
        check.problem(
            f"{key}.sentence",
            f"sentence {sentence} is outside paragraph {paragraph} of {source_id!r}, "
            f"which has {sentences[paragraph - 1]} sentences",
        )
