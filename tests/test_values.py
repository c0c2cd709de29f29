"""Cell parsers: dates in the forms exports write, read alike however they are read."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ingest.values import parse_datetime


@given(st.dates(min_value=date(1000, 1, 1)), st.booleans(), st.booleans())
def test_a_slashed_day_is_that_day(day: date, day_first: bool, padded: bool) -> None:
    month, dom = (f"{day.month:02d}", f"{day.day:02d}") if padded else (day.month, day.day)
    text = f"{dom}/{month}/{day.year:04d}" if day_first else f"{month}/{dom}/{day.year:04d}"
    expected = datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert parse_datetime(text, day_first=day_first) == expected
    assert parse_datetime(f"{text} 0:00", day_first=day_first) == expected


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("7/1/2024", False, datetime(2024, 7, 1, tzinfo=UTC)),
        ("7/1/2024", True, datetime(2024, 1, 7, tzinfo=UTC)),
        ("2024/07/01", False, datetime(2024, 7, 1, tzinfo=UTC)),
        ("12/31/24", False, datetime(2024, 12, 31, tzinfo=UTC)),
        ("1/2/2024 3:04 PM", False, datetime(2024, 1, 2, 15, 4, tzinfo=UTC)),
        ("31.12.2024", False, datetime(2024, 12, 31, tzinfo=UTC)),
    ],
)
def test_forms(text: str, day_first: bool, expected: datetime) -> None:
    assert parse_datetime(text, day_first=day_first) == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("2/30/2024", ""),
        ("13/1/2024", " (it would be, read day first)"),
        ("1/13/2024 x", ""),
        ("//2024", ""),
    ],
)
def test_what_is_no_day_is_an_error_saying_so(text: str, hint: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_datetime(text)
    assert str(raised.value).startswith(
        f"{text!r} is not a date or date-time this reader knows{hint}; expected forms like"
    )
