"""The rules that say two companies may be one, with their weights (see :mod:`queries.duplicates`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from queries.duplicates.models import Rule
from queries.duplicates.record import Record
from queries.duplicates.similarity import allowed_edits, edit_distance, rarity

SAME_NAME = 0.9
SAME_DOMAIN = 0.9
SAME_DOMAIN_NAME = 0.6
SIMILAR_NAME = 0.9
"""Times the share of letters that agree (1 - edits / letters of the longer name)."""
SHARED_WORDS = 0.8
"""Times the weighted word overlap."""
MIN_OVERLAP = 0.5
"""A smaller word overlap is no evidence."""
DIFFERENT_DOMAINS = 0.7
"""The factor a score is multiplied by when the domains disagree."""


@dataclass(frozen=True, slots=True)
class Finding:
    """A rule that fired for a pair, before it becomes evidence (most candidates never do)."""

    rule: Rule
    weight: float
    detail: str


class NameRules:
    """The name rules, with the word weights of the companies compared.

    >>> from queries.duplicates.record import record
    >>> a, b, c = (record({"id": n, "name": n}) for n in ("Acme Logistics", "ACME Logisitcs", "Acmelogistics"))
    >>> rules = NameRules([a, b, c])
    >>> rules.finding(a, b)
    Finding(rule=<Rule.SIMILAR_NAME: 'similar_name'>, weight=0.8308, detail='1 edit apart: logistics/logisitcs')
    >>> rules.finding(a, c).detail
    'the same letters, spaced differently'
    """

    def __init__(self, records: Iterable[Record]) -> None:
        listed = list(records)
        frequency = Counter(word for r in listed for word in r.word_set)
        self.weights = {word: rarity(n, len(listed)) for word, n in frequency.items()}
        self._totals: dict[frozenset[str], float] = {}

    def finding(self, x: Record, y: Record, *, slips: bool = True) -> Finding | None:
        """The strongest of the name rules for ``x`` and ``y``, if any fires (``similar_name``
        only when ``slips``: the names may be a few slips apart)."""
        if not x.key or not y.key:
            return None
        if x.key == y.key:
            return Finding(Rule.SAME_NAME, SAME_NAME, f"both {x.key!r}")
        if x.letters == y.letters:
            spaces = abs(len(x.words) - len(y.words))
            weight = round(SIMILAR_NAME * (1 - spaces / len(max(x.key, y.key, key=len))), 4)
            return Finding(Rule.SIMILAR_NAME, weight, "the same letters, spaced differently")
        return max(
            (f for f in (_similar(x, y) if slips else None, self._shared(x, y)) if f),
            key=lambda f: f.weight,
            default=None,
        )

    def overlap(self, x: Record, y: Record) -> float:
        """The weight of the words ``x`` and ``y`` share over the weight of all their words
        (a weighted Jaccard index, to 9 places so that an exact half is one)."""
        common = sum(self.weights[w] for w in x.word_set & y.word_set)
        union = self._total(x.word_set) + self._total(y.word_set) - common
        return round(common / union, 9) if union else 0.0

    def _total(self, words: frozenset[str]) -> float:
        total = self._totals.get(words)
        if total is None:
            total = self._totals[words] = sum(self.weights[w] for w in words)
        return total

    def _shared(self, x: Record, y: Record) -> Finding | None:
        shared = x.word_set & y.word_set
        if not shared:
            return None
        overlap = self.overlap(x, y)
        if overlap < MIN_OVERLAP:
            return None
        detail = f"share {' '.join(sorted(shared))} ({overlap:.0%} of the words' weight)"
        return Finding(Rule.SHARED_WORDS, round(SHARED_WORDS * overlap, 4), detail)


def _similar(x: Record, y: Record) -> Finding | None:
    """Names of as many words, each a slip away from its counterpart (:func:`allowed_edits`
    of the shorter of the two words)."""
    if len(x.words) != len(y.words):
        return None
    edits = 0
    slips = []
    for a, b in zip(x.words, y.words, strict=True):
        if a != b:
            apart = edit_distance(a, b, allowed_edits(min(len(a), len(b))))
            if apart is None:
                return None
            edits += apart
            slips.append(f"{a}/{b}")
    weight = round(SIMILAR_NAME * (1 - edits / max(len(x.letters), len(y.letters))), 4)
    plural = "s" if edits > 1 else ""
    return Finding(Rule.SIMILAR_NAME, weight, f"{edits} edit{plural} apart: {', '.join(slips)}")


def domain_finding(x: Record, y: Record) -> Finding | None:
    """What the domains say, when both companies have one."""
    if not x.host or not y.host:
        return None
    if x.host == y.host:
        return Finding(Rule.SAME_DOMAIN, SAME_DOMAIN, f"both {x.host}")
    if x.label == y.label:
        detail = f"{x.host} and {y.host} differ only in their suffix"
        return Finding(Rule.SAME_DOMAIN_NAME, SAME_DOMAIN_NAME, detail)
    detail = f"{x.host} and {y.host} name different things"
    return Finding(Rule.DIFFERENT_DOMAINS, DIFFERENT_DOMAINS, detail)


def combined(findings: list[Finding]) -> float:
    """The chance from the rules in favour times the factors against; 0 with none in favour.

    >>> combined([Finding(Rule.SAME_NAME, 0.9, ""), Finding(Rule.DIFFERENT_DOMAINS, 0.7, "")])
    0.63
    """
    against = 1.0
    unlikely = 1.0
    for finding in findings:
        if finding.rule is Rule.DIFFERENT_DOMAINS:
            against *= finding.weight
        else:
            unlikely *= 1 - finding.weight
    return 0.0 if unlikely == 1.0 else round((1 - unlikely) * against, 4)
