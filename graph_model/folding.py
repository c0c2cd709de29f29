"""Names folded for search and sorting: no case, no accents, punctuation as spaces.

People type "koehler" or "kohler" for "Köhler" and "muller" for "Müller", and expect
"Ärzte AG" between "Apple" and "Bosch", not after "Zeiss". :func:`fold` makes the
spelling people type without accents; :func:`spellings` adds the German one that spells
an umlaut out (ö as oe), so both find the name. :func:`search_key` joins the folded
terms a node is found by into one string that both backends search the same way (the
embedded store in memory, Neo4j with a text index on the property ``search_key``), and
whose start is the node's place in a list (:func:`collation_key`).

>>> fold("  Köhler-Straße GmbH ")
'kohler strasse gmbh'
>>> spellings("Müller & Söhne")
['muller sohne', 'mueller soehne']
>>> search_key("Köhler", "anna.koehler@example.com", "sf:003")
'\\x1fkohler\\x1fkoehler\\x1f\\x1fanna koehler example com\\x1fsf 003\\x1f'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

SEPARATOR = "\x1f"
"""Between the terms of a search key, and around them."""

_LETTERS = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
"""Letters that Unicode does not decompose into a base letter and an accent."""
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa"})
"""How German and Scandinavian writing without these letters spells them."""
_HAS_SPELLED_OUT = re.compile("[äöüøå]|[aou]\u0308|a\u030a")
_NOT_WORD = re.compile(r"[\W_]+")


class _Bare(dict[int, str]):
    """``str.translate`` table of each character to its letters without accents, filled as
    characters are met (so folding runs at the speed of ``translate`` once it has seen a
    name's letters)."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_LETTERS))
        bare = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = bare = bare.translate(_LETTERS)
        return bare


_BARE = _Bare()


def fold(text: str) -> str:
    """``text`` in lower case without accents, each run of punctuation and spaces one space.

    >>> fold("ÉCOLE  d'Été"), fold("O'Brien & Co."), fold("İstanbul"), fold("Zoe\u0308")
    ('ecole d ete', 'o brien co', 'istanbul', 'zoe')
    """
    if text.isascii():
        return _NOT_WORD.sub(" ", text.lower()).strip()
    return _NOT_WORD.sub(" ", text.casefold().translate(_BARE)).strip()


def spellings(text: str) -> list[str]:
    """The folded ways people write ``text``: without accents, and with umlauts spelled
    out when it has any.

    >>> spellings("Zoë"), spellings("Åse Sørensen")
    (['zoe'], ['ase sorensen', 'aase soerensen'])
    """
    plain = fold(text)
    if text.isascii():
        return [plain]
    lowered = text.casefold()
    if not _HAS_SPELLED_OUT.search(lowered):
        return [plain]
    spelled = fold(unicodedata.normalize("NFC", lowered).translate(_SPELLED_OUT))
    return [plain] if spelled == plain else [plain, spelled]


def search_key(name: str, *others: str | Iterable[str] | None) -> str:
    """The terms a node is found by, each between separators: the spellings of its name,
    an empty term, then the folded ``others`` (an e-mail, a domain, the id, former names).
    The empty term ends the name's spellings, so a key also tells whether a name matches."""
    names = spellings(name)
    terms: list[str] = []
    for other in others:
        values = [other] if isinstance(other, str) else list(other or ())
        for value in values:
            terms += [t for t in spellings(value) if t and t not in terms and t not in names]
    return SEPARATOR + SEPARATOR.join([*names, "", *terms]) + SEPARATOR


FOUND_BY: dict[str, tuple[str, ...]] = {
    "Person": ("email", "id", "aliases"),
    "Company": ("domain", "id", "aliases"),
}
"""What else than its name a node of these labels is found by (others: its id)."""


def node_search_key(label: str, props: dict[str, Any]) -> str:
    """The :func:`search_key` of a node of ``label`` with properties ``props``.

    >>> node_search_key("Company", {"id": "c1", "name": "Zoë AG", "domain": "zoe.example"})
    '\\x1fzoe ag\\x1f\\x1fzoe example\\x1fc1\\x1f'
    """
    found_by = FOUND_BY.get(label, ("id",))
    return search_key(props["name"], *(props.get(p) for p in found_by))


def collation_key(name: str) -> str:
    """Where a name sorts: by its folded spelling (ties are broken by the name, then the id).

    >>> sorted(["Zeiss", "Ärzte AG", "apple", "Bosch"], key=collation_key)
    ['apple', 'Ärzte AG', 'Bosch', 'Zeiss']
    """
    return fold(name)
