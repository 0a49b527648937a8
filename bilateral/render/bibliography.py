"""The sources as a bibliography other tools read: CSL-JSON (Zotero, Pandoc, citeproc) and
BibTeX (LaTeX), so a note written elsewhere can cite the same sources."""

from __future__ import annotations

import json
from typing import Any

Document = dict[str, Any]
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%",
                  "$": r"\$", "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}",
                  "^": r"\textasciicircum{}"}  # fmt: skip


def csl_type(source: Document) -> str:
    publisher = str(source.get("publisher") or "")
    if "Wikipedia" in publisher:
        return "entry-encyclopedia"
    if source.get("url") and not source.get("date"):
        return "webpage"
    return "article-newspaper"


def csl_item(source: Document) -> Document:
    """One source as a CSL-JSON item."""
    item: Document = {"id": source["id"], "type": csl_type(source)}
    if source.get("title"):
        item["title"] = source["title"]
    if source.get("author"):
        item["author"] = [{"literal": source["author"]}]
    item["container-title"] = source["publisher"]
    item["publisher"] = source["publisher"]
    if source.get("date"):
        item["issued"] = {"date-parts": [[int(part) for part in source["date"].split("-")]]}
    if source.get("url"):
        item["URL"] = source["url"]
    if source.get("note"):
        item["note"] = source["note"]
    return item


def csl_json(sources: list[Document]) -> str:
    return json.dumps([csl_item(source) for source in sources], ensure_ascii=False, indent=2)


def bibtex(sources: list[Document]) -> str:
    """Every source as a BibTeX @misc entry, keyed by its id."""
    return "\n".join(_bibtex_entry(source) for source in sources)


def _bibtex_entry(source: Document) -> str:
    fields: list[tuple[str, str]] = [("title", source["title"])] if source.get("title") else []
    if source.get("author"):
        fields.append(("author", source["author"]))
    fields.append(("howpublished", source["publisher"]))
    if source.get("date"):
        parts = source["date"].split("-")
        fields.append(("year", parts[0]))
        if len(parts) > 1:
            fields.append(("month", str(int(parts[1]))))
        fields.append(("date", source["date"]))
    if source.get("url"):
        fields.append(("url", source["url"]))
    if source.get("note"):
        fields.append(("note", source["note"]))
    body = ",\n".join(f"  {name} = {{{_escaped(value, name)}}}" for name, value in fields)
    return f"@misc{{{source['id']},\n{body}\n}}\n"


def _escaped(value: str, field: str) -> str:
    if field == "url":
        return value.replace("{", "%7B").replace("}", "%7D")
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in value)
