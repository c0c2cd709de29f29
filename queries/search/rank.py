"""How well a search key matches folded text: exactly, at a term's start, at a word's
start, or anywhere (:class:`Match`, best first).

A search key (:func:`graph_model.folding.search_key`) holds terms between separators
whose words are separated by single spaces, so each level is one substring test, the
same in Python and in Cypher (``CONTAINS``).

>>> from graph_model.folding import search_key
>>> key = search_key("Anna Köhler", "anna.koehler@example.com", "sf:003")
>>> [match(key, q) for q in ("anna kohler", "anna", "koehler", "ohle", "zz")]
[<Match.EXACT: 'exact'>, <Match.PREFIX: 'prefix'>, <Match.WORD: 'word'>, <Match.SUBSTRING: 'substring'>, None]
"""

from __future__ import annotations

from enum import StrEnum

from graph_model.folding import SEPARATOR


class Match(StrEnum):
    """How a hit matched, best first."""

    EXACT = "exact"
    PREFIX = "prefix"
    WORD = "word"
    SUBSTRING = "substring"

    @property
    def level(self) -> int:
        """0 for the best match, 3 for the weakest."""
        return list(Match).index(self)


def needles(folded: str) -> dict[Match, str]:
    """The substring a key holds when it matches ``folded`` at each level.

    >>> needles("ann")[Match.PREFIX]
    '\\x1fann'
    """
    return {
        Match.EXACT: SEPARATOR + folded + SEPARATOR,
        Match.PREFIX: SEPARATOR + folded,
        Match.WORD: " " + folded,
        Match.SUBSTRING: folded,
    }


def match(key: str, folded: str) -> Match | None:
    """The best level at which ``key`` matches ``folded`` (``None``: not at all)."""
    for level, needle in needles(folded).items():
        if needle in key:
            return level
    return None
