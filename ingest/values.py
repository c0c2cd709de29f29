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
import re
from datetime import UTC, datetime

_TRUE = frozenset({"true", "t", "yes", "y", "1", "x", "ja", "wahr"})
_FALSE = frozenset({"false", "f", "no", "n", "0", "nein", "falsch"})


_SLASHED = re.compile(
    r"(?P<a>\d{1,4})[/.-](?P<b>\d{1,2})[/.-](?P<c>\d{2,4})"
    r"(?:[ T]+(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?$"
)


def parse_datetime(text: str, *, day_first: bool = False) -> datetime:
    """A date or date-time as an aware UTC datetime (naive means UTC).

    ISO-8601 first; then the forms CRM and spreadsheet exports use:
    ``M/D/YYYY``, ``MM/DD/YY`` (``D/M`` with ``day_first``), ``DD.MM.YYYY``
    (always day first), ``YYYY/MM/DD``, each optionally followed by a time
    ``hh:mm[:ss]`` with or without ``AM``/``PM``. Two-digit years are 2000-2068
    or 1969-1999, as in Excel.

    >>> parse_datetime("03/04/25 2:30 PM")
    datetime.datetime(2025, 3, 4, 14, 30, tzinfo=datetime.timezone.utc)
    >>> parse_datetime("03/04/2025", day_first=True).month, parse_datetime("31.12.2024").day
    (4, 31)
    """
    value = text.strip()
    parsed: datetime | None
    if "/" in value:  # never ISO-8601: not tried as such (a raised error costs)
        parsed = _local_format(value, day_first)
    else:
        try:
            parsed = _iso(value)
        except ValueError:
            parsed = _local_format(value, day_first)
    if parsed is None:
        hint = ""
        if _local_format(value, not day_first) is not None:
            hint = " (it would be, read " + ("month first" if day_first else "day first") + ")"
        raise ValueError(
            f"{text!r} is not a date or date-time this reader knows{hint}; expected forms like "
            "2025-03-01, 2025-03-01T09:30:00Z, 3/1/2025, 01.03.2025, 3/1/25 9:30 AM"
        )
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed if parsed.tzinfo is UTC else parsed.astimezone(UTC)


def _iso(value: str) -> datetime:
    if len(value) == 10 and value[4] == "-":  # a day: its midnight in UTC, made as one
        return datetime.fromisoformat(f"{value}T00:00+00:00")
    return datetime.fromisoformat(value.replace("z", "Z"))


def _local_format(value: str, day_first: bool) -> datetime | None:
    lead, _, rest = value.partition("/")
    middle, _, year_text = rest.partition("/")
    digits = lead + middle + year_text
    if len(year_text) == 4 and len(lead) <= 2 and digits.isdigit() and value.isascii():
        # M/D/YYYY, the form most exports write: its day in one step, without the pattern
        month_text, day_text = (middle, lead) if day_first else (lead, middle)
        try:
            return datetime.fromisoformat(
                f"{year_text}-{month_text:0>2}-{day_text:0>2}T00:00+00:00"
            )
        except ValueError:
            return None
    match = _SLASHED.match(value)
    if match is None:
        return None
    a, b, c = (match[k] for k in "abc")
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    else:
        dotted = "." in value.split(" ")[0]
        first, second = int(a), int(b)
        day, month = (first, second) if (day_first or dotted) else (second, first)
        year = int(c) if len(c) == 4 else (2000 + int(c) if int(c) < 69 else 1900 + int(c))
    hour, minute, second_ = int(match["h"] or 0), int(match["mi"] or 0), int(match["s"] or 0)
    if ampm := match["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "Pp" else 0)
    try:
        return datetime(year, month, day, hour, minute, second_, tzinfo=UTC)
    except ValueError:
        return None


def parse_bool(text: str) -> bool:
    """``true``/``false`` and their usual spellings (yes/no, 1/0, ja/nein)."""
    value = text.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{text!r} is not true or false")


def parse_float(text: str) -> float:
    """A finite number, with the thousands and decimal separators of either convention.

    ``1,250.50`` and ``1.250,50`` are both 1250.5; a lone comma is a decimal comma
    unless exactly three digits follow it (``1,250`` is 1250, ``12,5`` is 12.5).

    >>> parse_float("1.250,00"), parse_float("12,5"), parse_float("-3e2"), parse_float("€ 99")
    (1250.0, 12.5, -300.0, 99.0)
    """
    value = text.strip().replace("\u00a0", "").replace(" ", "").replace("_", "").replace("'", "")
    value = value.strip("€$£¥").removesuffix("EUR").removesuffix("USD").strip()
    if "," in value and "." in value:
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "").replace(",", ".")
    elif value.count(",") == 1 and not re.fullmatch(r"-?\d{1,3},\d{3}", value):
        value = value.replace(",", ".")
    else:
        value = value.replace(",", "")
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is not a finite number")
    return number


def parse_list(text: str, separator: str = ";") -> list[str]:
    """The non-blank items of a separated list, stripped, in order, without repeats."""
    items = [item for item in map(str.strip, text.split(separator)) if item]
    return items if len(set(items)) == len(items) else list(dict.fromkeys(items))
