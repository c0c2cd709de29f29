"""Pages of the list routes, all alike: ``limit`` and ``cursor`` in, ``next_cursor`` and
``more`` out.

A list answer is sorted (each route says how), so a page is a stretch of it: the
cursor is where the next page starts, to be sent back as it came. A route asks its
question for one item more than the page holds, to tell whether more remain.

>>> cut(list("abcde"), None, 2)
(['a', 'b'], PageInfo(next_cursor='2', more=True))
>>> cut(list("abcde"), "4", 2)
(['e'], PageInfo(next_cursor=None, more=False))
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")

Cursor = Annotated[
    str | None,
    Query(pattern=r"^[0-9]{1,9}$", description="the `next_cursor` of the page before"),
]


class PageInfo(BaseModel):
    """Where the next page starts (``None``: this is the last), and whether there is one."""

    next_cursor: str | None = None
    more: bool = False


def offset(cursor: str | None) -> int:
    """Where the page of ``cursor`` starts in the whole answer."""
    return int(cursor) if cursor else 0


def wanted(cursor: str | None, limit: int) -> int:
    """How many of the answer's first items a page needs: its own, those before, one more."""
    return offset(cursor) + limit + 1


def cut(items: Sequence[T], cursor: str | None, limit: int) -> tuple[list[T], PageInfo]:
    """The page of ``items`` (the answer's first items, at least :func:`wanted` of them
    when there are more) that ``cursor`` and ``limit`` ask for."""
    start = offset(cursor)
    end = start + limit
    more = len(items) > end
    return list(items[start:end]), PageInfo(next_cursor=str(end) if more else None, more=more)
