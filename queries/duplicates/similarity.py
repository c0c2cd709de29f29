"""How alike two words are: a bounded edit distance, and how much a word weighs.

>>> edit_distance("muller", "mueller", 1), edit_distance("acme", "zenith", 2)
(1, None)
"""

from __future__ import annotations

import math

__all__ = ["allowed_edits", "edit_distance", "rarity"]


def allowed_edits(length: int) -> int:
    """How many edits still count as a slip in a name of ``length`` characters: none below 4,
    one up to 9, two up to 19, three beyond.

    >>> [allowed_edits(n) for n in (3, 4, 9, 10, 19, 20)]
    [0, 1, 1, 2, 2, 3]
    """
    if length < 4:
        return 0
    if length < 10:
        return 1
    return 2 if length < 20 else 3


def edit_distance(a: str, b: str, bound: int) -> int | None:
    """The edit distance of ``a`` and ``b`` (insertions, deletions, substitutions and swaps of
    two neighbouring letters: the optimal string alignment distance), or ``None`` when it is
    above ``bound``. Only a band of ``2 * bound + 1`` cells a row is computed, after the
    shared start and end are skipped.

    >>> edit_distance("kitten", "sitting", 3), edit_distance("kitten", "sitting", 2)
    (3, None)
    >>> edit_distance("logistics", "logisitcs", 1), edit_distance("", "abc", 3)
    (1, 3)
    """
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > bound:
        return None
    start = 0
    while start < len(a) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    a, b = a[start:end_a], b[start:end_b]
    if not a:
        return len(b)
    over = bound + 1
    before: list[int] = []
    previous = [j if j <= bound else over for j in range(len(b) + 1)]
    for i, char in enumerate(a, start=1):
        current = [over] * (len(b) + 1)
        current[0] = i if i <= bound else over
        best = current[0]
        for j in range(max(1, i - bound), min(len(b), i + bound) + 1):
            cost = min(previous[j - 1] + (char != b[j - 1]), previous[j] + 1, current[j - 1] + 1)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == b[j - 1]:
                cost = min(cost, before[j - 2] + 1)
            current[j] = min(cost, over)
            best = min(best, current[j])
        if best > bound:
            return None
        before, previous = previous, current
    return previous[-1] if previous[-1] <= bound else None


def rarity(document_frequency: int, documents: int) -> float:
    """The weight of a word that ``document_frequency`` of ``documents`` names contain: the
    smoothed inverse document frequency ``ln((n + 1) / (df + 1)) + 1``, so a word every name
    has still weighs 1 and a rare one more.

    >>> rarity(1, 1), round(rarity(1, 99), 3)
    (1.0, 4.912)
    """
    return math.log((documents + 1) / (document_frequency + 1)) + 1
