"""A company as the near-duplicates report compares it: its normalised name and domain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ingest.normalize import domain_key, name_key
from queries.duplicates.models import CompanySide

_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "gv", "ltd"})


@dataclass(frozen=True, slots=True)
class Record:
    """One company: ``key`` is its normalised name (:func:`ingest.normalize.name_key`),
    ``words`` its words in order, ``letters`` the key without spaces, ``host`` the normalised
    domain and ``label`` the domain's name (:func:`domain_name`)."""

    side: CompanySide
    key: str | None
    words: tuple[str, ...]
    word_set: frozenset[str]
    letters: str
    host: str | None
    label: str | None


def domain_name(host: str) -> str:
    """The name a domain stands for: its label before the public suffix (roughly: the last
    label, and a second-level one such as ``co`` or ``com`` before it, are the suffix).

    >>> domain_name("acme.de"), domain_name("shop.acme.co.uk"), domain_name("acme.com.br")
    ('acme', 'acme', 'acme')
    """
    labels = host.split(".")[:-1]
    if len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
        labels.pop()
    return labels[-1] if labels else host


def record(props: Mapping[str, Any]) -> Record:
    """The record of a company's stored properties.

    >>> r = record({"id": "c1", "name": "Müller & Söhne GmbH", "domain": "www.mueller.co.uk"})
    >>> r.key, r.words, r.letters, r.host, r.label
    ('muller sohne', ('muller', 'sohne'), 'mullersohne', 'mueller.co.uk', 'mueller')
    """
    side = CompanySide(
        id=props["id"],
        name=props.get("name") or props["id"],
        domain=props.get("domain"),
        country=props.get("country"),
    )
    key = name_key(side.name)
    words = tuple(key.split()) if key else ()
    host = domain_key(side.domain)
    label = domain_name(host) if host else None
    return Record(side, key, words, frozenset(words), "".join(words), host, label)
