"""Parsers for cell values; each raises ``ValueError`` with a reason a person understands.

>>> parse_datetime("2025-03-01")
datetime.datetime(2025, 3, 1, 0, 0, tzinfo=datetime.timezone.utc)
>>> parse_datetime("2025-03-01T09:30:00+02:00")
datetime.datetime(2025, 3, 1, 7, 30, tzinfo=datetime.timezone.utc)
>>> parse_bool("Yes"), parse_float("1,250.50"), parse_list("p1; p2;;p3")
(True, 1250.5, ['p1', 'p2', 'p3'])
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

_TRUE = frozenset({"true", "t", "yes", "y", "1", "x", "ja", "wahr"})
_FALSE = frozenset({"false", "f", "no", "n", "0", "nein", "falsch"})


def parse_datetime(text: str) -> datetime:
    """An ISO-8601 date or date-time as an aware UTC datetime (naive means UTC)."""
    value = text.strip()
    try:
        if len(value) == 10:
            parsed = datetime.combine(date.fromisoformat(value), datetime.min.time())
        else:
            parsed = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        raise ValueError(
            f"{text!r} is not an ISO-8601 date or date-time (like 2025-03-01 or 2025-03-01T09:30:00Z)"
        ) from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_bool(text: str) -> bool:
    """``true``/``false`` and their usual spellings (yes/no, 1/0, ja/nein)."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false")


def parse_float(text: str) -> float:
    """A finite number; thousands separators (``1,250.50``) are accepted."""
    value = text.strip().replace(",", "").replace("_", "")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


def parse_list(text: str, separator: str = ";") -> list[str]:
    """The non-blank items of a separated list, stripped, in order, without repeats."""
    items = (item.strip() for item in text.split(separator))
    return list(dict.fromkeys(item for item in items if item))
