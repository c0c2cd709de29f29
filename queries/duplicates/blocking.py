"""Which companies to compare: pairs that share a block, never all pairs.

Blocks, and the rule each serves:

* ``n:`` the normalised name without spaces, ``d:`` the domain: equal names and
  domains (and names that differ only in spacing) always meet.
* ``l:`` the domain's name: domains that differ only in their suffix.
* ``s:`` the word count with a feature of the first word and one of the second
  (the word itself, its first :data:`PREFIX` letters, or its consonants): names
  whose words are each a slip away from the other's meet when each of their
  first two words agrees with its counterpart in one feature.
* ``w:`` the words of a name's weighted prefix (rarest first, until the words
  left weigh less than ``min_overlap`` of the name): two names whose shared
  words carry at least ``min_overlap`` of both names' weight share a word of
  both prefixes (the prefix filter of set-similarity joins), so none is lost.

Blocks other than ``n:`` and ``d:`` pair nobody when they hold more than
:data:`MAX_BLOCK` companies: a feature that common says nothing on its own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import combinations, groupby, product

from queries.duplicates.record import Record

MAX_BLOCK = 200
"""The most companies a block other than an equal name or domain may hold and still pair."""
PREFIX = 4
"""Words longer than this also block by their first letters, so slips later in a word meet."""
_VOWELS = str.maketrans("", "", "aeiouy")


def features(word: str) -> set[str]:
    """What a word may share with a slip of it: itself, its start, and its consonants with
    doubled letters as one.

    >>> sorted(features("mueller")), sorted(features("muller")), sorted(features("acme"))
    (['c:mlr', 'p:muel', 'w:mueller'], ['c:mlr', 'p:mull', 'w:muller'], ['c:cm', 'w:acme'])
    """
    found = {f"w:{word}"}
    if len(word) > PREFIX:
        found.add(f"p:{word[:PREFIX]}")
    consonants = "".join(letter for letter, _ in groupby(word.translate(_VOWELS)))
    if len(consonants) >= 2:
        found.add(f"c:{consonants}")
    return found


def deletions(word: str) -> set[str]:
    """The word and the word without one of its letters: two words one edit apart share one.

    >>> sorted(deletions("weber") & deletions("weser")), sorted(deletions("acme") & deletions("acm"))
    (['d:weer'], ['d:acm'])
    """
    return {f"d:{word}"} | {f"d:{word[:i]}{word[i + 1 :]}" for i in range(len(word))}


def weighted_prefix(
    words: tuple[str, ...], weights: Mapping[str, float], share: float
) -> list[str]:
    """The words of a name, rarest (heaviest) first, until those left weigh less than
    ``share`` of all of them.

    >>> weighted_prefix(("acme", "logistics", "services"), {"acme": 5, "logistics": 3, "services": 2}, 0.5)
    ['acme', 'logistics']
    """
    ordered = sorted(set(words), key=lambda w: (-weights.get(w, 1.0), w))
    total = left = sum(weights.get(w, 1.0) for w in ordered)
    prefix = []
    for word in ordered:
        if left < share * total:
            break
        prefix.append(word)
        left -= weights.get(word, 1.0)
    return prefix


@dataclass(frozen=True)
class Candidates:
    """Pairs ``(i, j)``, ``i < j``, of record indexes to compare."""

    pairs: set[tuple[int, int]]
    """Every pair that shares a block."""
    slips: set[tuple[int, int]]
    """The pairs that share an ``s:`` block: the ones worth an edit distance."""


def candidate_pairs(
    records: list[Record], weights: Mapping[str, float], min_overlap: float
) -> Candidates:
    """The pairs of ``records`` that share a block; ``min_overlap`` for the ``w:`` blocks."""
    pairs: set[tuple[int, int]] = set()
    slips: set[tuple[int, int]] = set()
    for key, block in _blocks(records, weights, min_overlap):
        (slips if key.startswith("s:") else pairs).update(combinations(block, 2))
    return Candidates(pairs | slips, slips)


def _blocks(
    records: list[Record], weights: Mapping[str, float], min_overlap: float
) -> Iterator[tuple[str, list[int]]]:
    exact: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    for index, company in enumerate(records):
        keys = []
        if company.letters:
            exact.setdefault(f"n:{company.letters}", []).append(index)
        if company.host:
            exact.setdefault(f"d:{company.host}", []).append(index)
            keys.append(f"l:{company.label}")
        keys += _slip_keys(company.words)
        keys += (f"w:{w}" for w in weighted_prefix(company.words, weights, min_overlap))
        for key in set(keys):  # a name may reach a key twice ("crescent crest": p:cres)
            loose.setdefault(key, []).append(index)
    yield from ((key, block) for key, block in exact.items() if len(block) > 1)
    yield from ((key, block) for key, block in loose.items() if 1 < len(block) <= MAX_BLOCK)


def _slip_keys(words: tuple[str, ...]) -> list[str]:
    """The ``s:`` keys of a name: its word count with features of its first two words."""
    if not words:
        return []
    first = features(words[0]) | (deletions(words[0]) if len(words[0]) > 3 else set())
    if len(words) == 1:
        return [f"s:1|{f}" for f in first]
    second = features(words[1])
    keys = [f"s:{len(words)}|{f}|{g}" for f, g in product(features(words[0]), second)]
    if len(words[0]) > 3:
        keys += (f"s:{len(words)}|{d}|w:{words[1]}" for d in deletions(words[0]))
    if len(words[1]) > 3:
        keys += (f"s:{len(words)}|w:{words[0]}|{d}" for d in deletions(words[1]))
    return keys
