"""Normal forms that entity resolution compares: web/email domains and company names.

>>> domain_key("https://www.Acme-Corp.de/kontakt"), domain_key("ann@ACME-corp.de")
('acme-corp.de', 'acme-corp.de')
>>> domain_key("ann@gmail.com") is None
True
>>> name_key("ACME Corp."), name_key("Acme S.A."), name_key("Müller & Söhne GmbH & Co. KG")
('acme', 'acme', 'muller sohne')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "yahoo.com",
        "yahoo.de",
        "yahoo.co.uk",
        "ymail.com",
        "hotmail.com",
        "hotmail.de",
        "hotmail.co.uk",
        "outlook.com",
        "outlook.de",
        "live.com",
        "live.de",
        "msn.com",
        "aol.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "gmx.at",
        "gmx.ch",
        "gmx.com",
        "web.de",
        "t-online.de",
        "freenet.de",
        "posteo.de",
        "mail.de",
        "arcor.de",
        "mail.ru",
        "yandex.ru",
        "qq.com",
        "163.com",
        "zoho.com",
        "fastmail.com",
        "hey.com",
        "orange.fr",
        "free.fr",
        "laposte.net",
        "libero.it",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "seznam.cz",
        "bluewin.ch",
    }
)

LEGAL_SUFFIXES = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "ltd",
        "limited",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "kgaa",
        "ohg",
        "gbr",
        "ug",
        "ev",
        "se",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "asa",
        "aps",
        "sp",
        "zoo",
        "pty",
        "pvt",
        "kk",
        "holding",
        "holdings",
        "group",
        "gruppe",
        "und",
        "and",
        "the",
    }
)

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WORD = re.compile(r"[a-z0-9]+")


def domain_key(text: str | None) -> str | None:
    """The registrable-looking host of a URL or e-mail address; ``None`` for free-mail and blanks."""
    if not text:
        return None
    value = text.strip().lower()
    if "@" in value:
        value = value.rsplit("@", 1)[1]
    value = _SCHEME.sub("", value).split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    value = value.strip(". ")
    if value.startswith("www."):
        value = value[4:]
    if "." not in value or value in FREE_MAIL_DOMAINS:
        return None
    return value


def fold(text: str) -> str:
    """Lower case without accents: ``Müller`` → ``muller``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def name_key(name: str | None) -> str | None:
    """A company name without case, accents, punctuation or legal-form words."""
    if not name:
        return None
    words = _WORD.findall(fold(name).replace(".", "").replace("&", " "))
    kept = [w for w in words if w not in LEGAL_SUFFIXES]
    return " ".join(kept or words) or None


def email_key(email: str | None) -> str | None:
    """An e-mail address compared case-insensitively."""
    value = (email or "").strip().lower()
    return value if "@" in value else None


def text_key(text: str) -> str:
    """Text compared without case and with its whitespace collapsed (headers, picklist values).

    >>> text_key("  Account\tName "), text_key("STRASSE"), text_key("Straße")
    ('account name', 'strasse', 'strasse')
    """
    return " ".join(text.casefold().split())


@dataclass
class Lookup:
    """Ids by a normalised key; a key that two ids share finds neither.

    >>> names = Lookup()
    >>> names.add("acme", "c1"); names.add("beta", "c2"); names.add("beta", "c3")
    >>> names.get("acme"), names.get("beta"), names.get("")
    ('c1', None, None)
    """

    ids: dict[str, str | None] = field(default_factory=dict)

    def add(self, key: str, value: str) -> None:
        """Index ``value`` under ``key`` (neither blank)."""
        if key and value:
            self.ids[key] = value if self.ids.get(key, value) == value else None

    def get(self, key: str) -> str | None:
        return self.ids.get(key) if key else None
