"""Normal forms that entity resolution compares: web/email domains, e-mail addresses and
company names (their legal forms are data: :mod:`ingest.legal_forms`).

>>> domain_key("https://www.Acme-Corp.de/kontakt"), domain_key("ann@ACME-corp.de")
('acme-corp.de', 'acme-corp.de')
>>> domain_key("ann@gmail.com") is None
True
>>> name_key("ACME Corp."), name_key("Acme S.A."), name_key("Müller & Söhne GmbH & Co. KG")
('acme', 'acme', 'muller sohne')
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from ingest.legal_forms import LegalForms, load_legal_forms

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

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
_WORD = re.compile(r"[^\W_]+")
_DOTTED = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.)+[^\W\d_](?![^\W_])\.?")
_APOSTROPHES = re.compile(r"['`\u00b4\u2018\u2019]")
_LETTERS = str.maketrans(
    {"ß": "ss", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)


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
    """Lower case without accents, and full-width or styled letters as plain ones.

    >>> fold("Müller"), fold("Łódź Ørsted Straße"), fold("ＡＣＭＥ")
    ('muller', 'lodz orsted strasse', 'acme')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain if plain.isascii() else unicodedata.normalize("NFC", plain)


def name_words(text: str) -> list[str]:
    """The words of a name, folded: a dot between single letters joins them (``S.A.`` is
    ``sa``), apostrophes join, anything else that is not a letter or digit separates.

    >>> name_words("S.p.A. GmbH&Co.KG McDonald's AT&T 3M")
    ['spa', 'gmbh', 'co', 'kg', 'mcdonalds', 'at', 't', '3m']
    """
    folded = _DOTTED.sub(lambda match: match.group().replace(".", ""), fold(text))
    return _WORD.findall(_APOSTROPHES.sub("", folded))


@cache
def legal_forms() -> LegalForms:
    """The table of legal forms (:mod:`ingest.legal_forms`), read once."""
    return load_legal_forms(name_words)


def name_key(name: str | None) -> str | None:
    """A company name without case, accents, punctuation, notes such as ``(old)``, connectors
    (``&``, ``and``, ``und``…) and the legal forms and designators at its ends
    (:mod:`ingest.legal_forms`); ``None`` for a name without letters or digits.

    >>> name_key("Siemens Aktiengesellschaft"), name_key("SIEMENS AG (continued)")
    ('siemens', 'siemens')
    >>> name_key("Procter &amp; Gamble Co."), name_key("Procter and Gamble Company")
    ('procter gamble', 'procter gamble')
    >>> name_key("Toyota Motor Co., Ltd. - DO NOT USE"), name_key("Holding AG"), name_key("---")
    ('toyota motor', 'holding', None)
    """
    if not name:
        return None
    forms = legal_forms()
    words = forms.strip(name_words(forms.strip_notes(fold(html.unescape(name)))))
    return " ".join(words) or None


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
