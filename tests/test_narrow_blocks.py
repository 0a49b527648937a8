"""Blocks at the narrowest widths: a search hit's rank and id, and a value that fits the
screen but not beneath its label's indent, stand whole without a line wider than the
screen (an id of 38 characters at 40 and 41 columns ran over by one to two)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console, RenderableType

from bilateral.render.layout import Field, Fields
from bilateral.render.screen_tables import Title

LONG_ID = "abiyev-receives-pakistani-attache-1999"


def _drawn(renderable: RenderableType, width: int) -> list[str]:
    out = io.StringIO()
    Console(file=out, width=width, color_system=None).print(renderable, crop=False)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("width", [38, 40, 41])
def test_a_value_too_wide_beneath_its_label_starts_at_the_left_edge(width: int) -> None:
    lines = _drawn(Fields([Field("Kind", "event"), Field("Id", LONG_ID)], indent=2), width)
    assert lines == ["  Kind  event", "  Id", LONG_ID]


def test_a_value_that_fits_beneath_its_label_keeps_the_indent() -> None:
    lines = _drawn(Fields([Field("Id", LONG_ID)], indent=2), 43)
    assert lines == ["  Id", f"    {LONG_ID}"]


@pytest.mark.parametrize("width", [38, 39, 40])
def test_a_hits_rank_and_id_stand_apart_where_together_they_are_too_wide(width: int) -> None:
    assert _drawn(Title(["5", LONG_ID]), width) == ["5.", LONG_ID]


def test_a_hits_rank_and_id_share_a_line_where_they_fit() -> None:
    assert _drawn(Title(["5", LONG_ID]), 41) == [f"5. {LONG_ID}"]
    assert _drawn(Title([LONG_ID]), 20) == [LONG_ID]  # an id alone is never broken
