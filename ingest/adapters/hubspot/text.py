"""Values as HubSpot writes them: picklist codes, people named with their e-mail, id lists
and timestamps.

>>> code("Closed won (Sales Pipeline)"), code("Abgeschlossen und gewonnen"), code("NO_ANSWER")
('closed_won', 'abgeschlossen_und_gewonnen', 'no_answer')
>>> name_and_email("Lena Fischer (Lena.Fischer@acme.de)"), name_and_email("ann@acme.de")
(('Lena Fischer', 'lena.fischer@acme.de'), ('', 'ann@acme.de'))
>>> person_key("Weber,  Jana"), person_key(email_name("jana.weber@home.example"))
('weber jana', 'jana weber')
>>> parse_when("1740821400000"), parse_when("2025-03-01 09:30")
(datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.timezone.utc), datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.timezone.utc))
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import lru_cache

from ingest.normalize import fold
from ingest.values import parse_datetime, parse_list

_NOTES = re.compile(r"\(.*?\)")
_NOT_CODE = re.compile(r"[^0-9a-z]+")
_NOT_WORD = re.compile(r"[\W_]+")
_LABELLED = re.compile(r"(?P<name>.*?)\s*[(<](?P<email>[^()<>\s]+@[^()<>\s]+)[)>]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_EPOCH_MS = re.compile(r"\d{12,13}")


@lru_cache(maxsize=1024)
def code(value: str) -> str:
    """A picklist value as a code: lower case, no accents, notes in brackets dropped, words
    joined by ``_``."""
    return _NOT_CODE.sub("_", _NOTES.sub("", fold(value))).strip("_")


def words(value: str) -> frozenset[str]:
    """The words of a value's code: ``Closed won`` has ``closed`` and ``won``."""
    return frozenset(filter(None, code(value).split("_")))


def person_key(name: str) -> str:
    """A person's name for matching: no case, accents or punctuation."""
    return " ".join(_NOT_WORD.sub(" ", fold(name)).split())


def slug(name: str) -> str:
    """``Jana Weber`` as ``jana-weber``, for ids."""
    return person_key(name).replace(" ", "-")


def name_and_email(label: str) -> tuple[str, str]:
    """A person as HubSpot names one: ``Name (email)``, ``Name <email>``, an e-mail or a name;
    the e-mail in lower case, ``""`` where there is none."""
    text = label.strip()
    if match := _LABELLED.fullmatch(text):
        return match["name"].strip(), match["email"].casefold()
    if _EMAIL.fullmatch(text):
        return "", text.casefold()
    return text, ""


def email_name(email: str) -> str:
    """The name an e-mail address spells before its ``@`` (``jana.weber``), to match a person
    named elsewhere."""
    return email.partition("@")[0]


def ids(text: str) -> list[str]:
    """The ids of an association cell, separated by ``;`` or ``,``."""
    return parse_list(text.replace(",", ";"))


def parse_when(text: str, *, day_first: bool = False) -> datetime:
    """A timestamp of an export: the forms :func:`~ingest.values.parse_datetime` reads, or
    milliseconds since 1970 as the import templates and the API write them."""
    value = text.strip()
    if _EPOCH_MS.fullmatch(value):
        return datetime.fromtimestamp(int(value) / 1000, UTC)
    return parse_datetime(value, day_first=day_first)


def first_line(text: str) -> str:
    """The first non-blank line of a text (a note's body as its subject)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
