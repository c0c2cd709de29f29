"""Weighted draws and the small formats the generator writes (ids, dates)."""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable, Sequence
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

_T = TypeVar("_T")

DAYS_PER_YEAR = 365


class Weighted(Generic[_T]):
    """Draws items with the given relative weights.

    >>> Weighted("ab", [0.0, 1.0]).draw(lambda: 0.5)
    'b'
    """

    __slots__ = ("_cumulative", "_items", "_last")

    def __init__(self, items: Sequence[_T], weights: Sequence[float]) -> None:
        cumulative = list(accumulate(weights))
        self._items = items
        self._cumulative = [value / cumulative[-1] for value in cumulative]
        self._last = len(cumulative) - 1

    def draw(self, random: Callable[[], float]) -> _T:
        """Return one item, using one call of ``random``."""
        return self._items[min(bisect(self._cumulative, random()), self._last)]


def width(count: int, minimum: int) -> int:
    """Digits of the zero-padded ids of ``count`` items, at least ``minimum``."""
    return max(minimum, len(str(count)))


def iso(ordinal: int) -> str:
    """The ISO date of a proleptic Gregorian ordinal.

    >>> iso(739432)
    '2025-06-30'
    """
    return date.fromordinal(ordinal).isoformat()
