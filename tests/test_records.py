"""The shared vocabularies: the enums in verify.records are the values the store's schema allows."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from verify.claimreview import RATING_NAMES, RATING_SCALE
from verify.records import Rating, Verdict


def _allowed(column: str) -> list[str]:
    """The values a CHECK (column IN (...)) constraint of schema.sql allows, in its order."""
    schema = resources.files("verify.store").joinpath("schema.sql").read_text(encoding="utf-8")
    found = re.findall(rf"\b{column}\s+TEXT\b[^,]*?CHECK\s*\(\s*{column}\s+IN\s*\(([^)]*)\)\s*\)", schema, re.I)
    assert len(found) == 1, f"expected one CHECK on {column} in schema.sql, found {len(found)}"
    return re.findall(r"'([^']*)'", found[0])


@pytest.mark.parametrize("column, enum", [("verdict", Verdict), ("rating", Rating)])
def test_enum_values_are_the_values_the_schema_allows(column, enum):
    assert [member.value for member in enum] == _allowed(column)


def test_every_rating_has_a_claimreview_value_and_name():
    assert set(RATING_SCALE) == set(Rating) == set(RATING_NAMES)
    assert RATING_SCALE["true"] == 5 and RATING_NAMES["misleading"] == "Misleading"  # stored strings look up


def test_enum_members_are_their_stored_strings():
    assert Verdict.CONFIRMED == "confirmed" and f"{Rating.UNPROVEN}" == "unproven"
    assert Verdict("unsure") is Verdict.UNSURE
