"""How values read as text, for people and for labels: money, date spans, citations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
CITATION_FIELDS = ("author", "publisher", "title", "date", "url")
"""A source's fields that its full citation names (the store keeps them apart, to be read
without the rest of its document)."""


def amount(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def money(low: float, high: float, currency: str) -> str:
    """'$25,000-30,000' for a range, '$1,100,000' when exact; never one number for a range."""
    figure = amount(low) if low == high else f"{amount(low)}-{amount(high)}"
    symbol = CURRENCY_SYMBOLS.get(currency)
    return f"{symbol}{figure}" if symbol else f"{figure} {currency}"


def span(start: str | None, end: str | None, approximate: bool = False) -> str:
    text = start or ""
    if end and end != start:
        text = f"{start or '?'} to {end}"
    return f"about {text}" if approximate and text else text


def citation(cite: Mapping[str, Any]) -> str:
    """'caci-2004-07-28 ¶3.2' for a located citation, the source id alone otherwise."""
    if cite.get("paragraph") is None:
        return str(cite["source"])
    return f"{cite['source']} ¶{cite['paragraph']}.{cite['sentence']}"


def full_citation(cite: Mapping[str, Any], source: Mapping[str, Any] | None) -> str:
    """'Publisher, "Title", 2004-07-28, ¶3.2, URL (id)': what a reader needs to find it."""
    return full_citations(cite, source)[0]


def full_citations(cite: Mapping[str, Any], source: Mapping[str, Any] | None) -> tuple[str, str]:
    """The full citation, and the same without the source's address (footnotes write the
    address on a line of its own)."""
    if source is None:
        return citation(cite), citation(cite)
    parts = [source.get("author"), source.get("publisher")]
    if source.get("title"):
        parts.append(f"\u201c{source['title']}\u201d")
    parts.append(source.get("date"))
    if cite.get("paragraph") is not None:
        parts.append(f"\u00b6{cite['paragraph']}.{cite['sentence']}")
    shown = [str(part) for part in parts if part]
    address = source.get("url")
    whole = [*shown, str(address)] if address else shown
    return ", ".join(whole) + f" ({cite['source']})", ", ".join(shown) + f" ({cite['source']})"


def number(value: float) -> str:
    """A number as scripts read it: '25000', not '25000.0'."""
    return str(int(value)) if float(value).is_integer() else str(value)
