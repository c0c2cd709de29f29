"""Near-duplicate companies: candidate pairs by blocking, then the evidence and score of each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph_model.store import GraphStore
from ingest.snapshot import EVERYTHING
from queries.duplicates.blocking import candidate_pairs
from queries.duplicates.models import DuplicatePair, Duplicates, Evidence, Rule
from queries.duplicates.record import Record, record
from queries.duplicates.rules import (
    MIN_OVERLAP,
    SHARED_WORDS,
    Finding,
    NameRules,
    combined,
    domain_finding,
)


def find_duplicates(
    companies: Iterable[Mapping[str, Any]], min_score: float = 0.5, limit: int | None = None
) -> Duplicates:
    """Pairs of ``companies`` (property dicts with ``id``, ``name``, ``domain``, ``country``)
    scoring at least ``min_score``, best first, at most ``limit`` of them.

    >>> found = find_duplicates([
    ...     {"id": "c1", "name": "Siemens AG", "domain": "siemens.com"},
    ...     {"id": "c2", "name": "SIEMENS Aktiengesellschaft (old)", "domain": "www.siemens.com"},
    ...     {"id": "c3", "name": "Brightline", "domain": "brightline.io"},
    ... ])
    >>> [(p.a.id, p.b.id, p.score, [e.rule.value for e in p.evidence]) for p in found.pairs]
    [('c1', 'c2', 0.99, ['same_name', 'same_domain'])]
    """
    if not 0 < min_score <= 1:
        raise ValueError(f"min_score must be above 0 and at most 1, not {min_score}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    records = sorted((record(props) for props in companies), key=lambda r: r.side.id)
    names = NameRules(records)
    # Shared words alone score SHARED_WORDS x the overlap; pairs that have more to show meet
    # in the name and domain blocks, so the word blocks need only reach the overlap that can
    # score min_score on its own.
    overlap = min(1.0, max(MIN_OVERLAP, min_score / SHARED_WORDS))
    candidates = candidate_pairs(records, names.weights, overlap)
    pairs = []
    for i, j in candidates.pairs:
        x, y = records[i], records[j]
        name = names.finding(x, y, slips=(i, j) in candidates.slips)
        findings = [f for f in (name, domain_finding(x, y)) if f]
        if (score := combined(findings)) >= min_score:
            pairs.append(_pair(x, y, findings, score))
    pairs.sort(key=lambda p: (-p.score, p.a.id, p.b.id))
    return Duplicates(
        companies=len(records), min_score=min_score, total=len(pairs), pairs=pairs[:limit]
    )


def near_duplicates(
    store: GraphStore, min_score: float = 0.5, limit: int | None = None
) -> Duplicates:
    """:func:`find_duplicates` over every company in ``store``."""
    return find_duplicates(store.find_nodes("Company", "", EVERYTHING), min_score, limit)


def _pair(x: Record, y: Record, findings: list[Finding], score: float) -> DuplicatePair:
    """The pair, each finding with the values it compared."""
    evidence = []
    for f in findings:
        on_domains = f.rule in (Rule.SAME_DOMAIN, Rule.SAME_DOMAIN_NAME, Rule.DIFFERENT_DOMAINS)
        a, b = (x.side.domain, y.side.domain) if on_domains else (x.key, y.key)
        evidence.append(
            Evidence(rule=f.rule, a=a or "", b=b or "", weight=f.weight, detail=f.detail)
        )
    return DuplicatePair(a=x.side, b=y.side, score=score, evidence=evidence)
