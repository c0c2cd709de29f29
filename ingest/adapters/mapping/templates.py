"""Templates: text in which ``{Name}`` stands for a value of the row being read.

A name is an export column, a computed field, the item of ``for_each``, or a column of a
joined lookup row (``{agent.manager}``); ``{home}`` is the home company's id, ``{@row}``
the row's number in its file (1 for the first row under the header) and ``{@file}`` the
file's name without folder or extension. ``{{`` and ``}}`` are literal braces.

A template that reads names gives no value when all of them are blank; its result is
stripped.

>>> values = {"First": "Ann", "Last": " Lee ", "home": "h1"}
>>> render("{First} {Last}", values.__getitem__), render("x:{Missing}", lambda n: "")
('Ann Lee', None)
>>> render("{{literal}} {home}", values.__getitem__)
'{literal} h1'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

HOME = "home"
"""The name that stands for the home company's id."""
ROW = "@row"
FILE = "@file"
SPECIAL = frozenset({HOME, ROW, FILE})
"""Names that are not read from the row: blank rows do not blank them."""
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

Getter = Callable[[str], str]
"""The value of a name in the row being read ('' when blank)."""


@cache
def parse(template: str) -> tuple[tuple[str, str | None], ...]:
    """``template`` as (text, name) pairs: text, then the name read after it (or None).

    >>> parse("id:{Nr}")
    (('id:', 'Nr'), ('', None))
    >>> parse("{Nr")
    Traceback (most recent call last):
    ValueError: unmatched '{' in '{Nr' (write {{)
    """
    parts: list[tuple[str, str | None]] = []
    text, start = "", 0
    for match in _TOKEN.finditer(template):
        text += template[start : match.start()]
        start = match.end()
        if match[0] in ("{{", "}}"):
            text += match[0][0]
        elif match[1] is None:
            raise ValueError(f"unmatched {match[0]!r} in {template!r} (write {match[0] * 2})")
        elif not (name := match[1].strip()):
            raise ValueError(f"empty {{}} in {template!r}: name a column, as in {{Account Name}}")
        elif name.startswith("@") and name not in SPECIAL:
            raise ValueError(f"unknown name {{{name}}} in {template!r}; known: {{@row}}, {{@file}}")
        else:
            parts.append((text, name))
            text = ""
    parts.append((text + template[start:], None))
    return tuple(parts)


def names(template: str) -> frozenset[str]:
    """The names of the row ``template`` reads (not ``home``, ``@row``, ``@file``).

    >>> sorted(names("{home}:{B}-{A}:{@row}"))
    ['A', 'B']
    """
    return frozenset(n for _, n in parse(template) if n is not None and n not in SPECIAL)


def render(template: str, get: Getter) -> str | None:
    """``template`` filled by ``get``; None when every name of the row it reads is blank."""
    out: list[str] = []
    read = filled = 0
    for text, name in parse(template):
        out.append(text)
        if name is not None:
            value = get(name).strip()
            if name not in SPECIAL:
                read, filled = read + 1, filled + bool(value)
            out.append(value)
    if read and not filled:
        return None
    return "".join(out).strip() or None


def check(template: str) -> str:
    """``template`` if it parses (a pydantic validator)."""
    parse(template)
    return template
