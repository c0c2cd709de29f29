"""Legal forms of companies, as data: the words around a company's name that tell no company apart.

The table is ``legal_forms.yaml`` beside this module (its header explains each section): legal
forms by language or country ("GmbH & Co. KG", "S.p.A.", "Co., Ltd.", "Kabushiki Kaisha"),
designators ("Group", "Holding", a leading "The"), connectors ("and", "und", "et"), and the
notes CRM users add to a record's name ("(old)", "- DO NOT USE"). The forms are read with the
same ``words`` function that splits the names they are taken off, so both always agree on
what a word is.

>>> from ingest.normalize import name_words
>>> forms = load_legal_forms(name_words)
>>> forms.strip("muller und sohne gmbh co kg".split())
['muller', 'sohne']
>>> forms.strip("ab volvo ab publ".split()), forms.strip("holding ag".split())
(['volvo'], ['holding'])
>>> forms.strip_notes("zz acme ltd (old) - do not use")
'acme ltd'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TABLE = Path(__file__).with_name("legal_forms.yaml")
"""The table of legal forms that :func:`load_legal_forms` reads by default."""

Words = Callable[[str], list[str]]
Forms = dict[str, tuple[tuple[str, ...], ...]]

_OPEN = r"[(\[{<]"
_DASH = r"[-\u2010-\u2015]"
_MARK = r"[:/|_*~#]"
_END = r"(?![^\W_])"
_REST = r"[\W_]*"


@dataclass(frozen=True)
class LegalForms:
    """The table, indexed for taking its words off the ends of a name."""

    connectors: frozenset[str]
    trailing: Forms
    """Word sequences that may end a name, by their last word, longest first."""
    leading: Forms
    """Word sequences that may start a name, by their first word, longest first."""
    affixes: tuple[str, ...]
    """Forms written without a space before or after the name, longest first."""
    trailing_notes: re.Pattern[str]
    leading_notes: re.Pattern[str]

    def strip(self, words: Sequence[str]) -> list[str]:
        """``words`` without connectors between two words and without the legal forms and
        designators at either end, taken off one after the other; never all of them.

        >>> from ingest.normalize import name_words
        >>> forms = load_legal_forms(name_words)
        >>> forms.strip(["the", "boeing", "company"]), forms.strip(["y", "combinator"])
        (['boeing'], ['y', 'combinator'])
        >>> forms.strip(["トヨタ自動車株式会社"]), forms.strip(["株", "トヨタ"])
        (['トヨタ自動車'], ['トヨタ'])
        """
        kept = [w for i, w in enumerate(words) if not self._joins(words, i)]
        start, end = 0, len(kept)
        while end - start > 1:
            if n := _matched(self.trailing.get(kept[end - 1], ()), kept, start, end, at_end=True):
                end -= n
            elif n := _matched(self.leading.get(kept[start], ()), kept, start, end, at_end=False):
                start += n
            else:
                break
        result = kept[start:end]
        if result:
            result[-1] = self._without_affix(result[-1], at_end=True)
            result[0] = self._without_affix(result[0], at_end=False)
        return result

    def strip_notes(self, text: str) -> str:
        """``text`` (folded: lower case, no accents) without the notes and markers at its start
        and end; unchanged when nothing else would remain.

        >>> from ingest.normalize import name_words
        >>> forms = load_legal_forms(name_words)
        >>> forms.strip_notes("acme gmbh (continued)"), forms.strip_notes("dnu: acme")
        ('acme gmbh', 'acme')
        >>> forms.strip_notes("acme-old"), forms.strip_notes("oldcastle - old"), forms.strip_notes("(old)")
        ('acme-old', 'oldcastle', '(old)')
        """
        current = text
        while True:
            shorter = self.leading_notes.sub("", self.trailing_notes.sub("", current, count=1))
            if shorter == current:
                return current.strip()
            if not shorter.strip():
                return text.strip()
            current = shorter

    def _joins(self, words: Sequence[str], index: int) -> bool:
        return 0 < index < len(words) - 1 and words[index] in self.connectors

    def _without_affix(self, word: str, *, at_end: bool) -> str:
        for affix in self.affixes:
            if len(word) > len(affix) and (word.endswith if at_end else word.startswith)(affix):
                return word[: -len(affix)] if at_end else word[len(affix) :]
        return word


def _matched(
    forms: Iterable[tuple[str, ...]], words: list[str], start: int, end: int, *, at_end: bool
) -> int:
    """The length of the longest of ``forms`` at the end (or start) of ``words[start:end]``
    that leaves a word over; 0 for none."""
    for form in forms:
        n = len(form)
        if (
            n < end - start
            and tuple(words[end - n : end] if at_end else words[start : start + n]) == form
        ):
            return n
    return 0


def load_legal_forms(words: Words, path: Path = TABLE) -> LegalForms:
    """The table at ``path``, its entries split into words by ``words`` (a :class:`ValueError`
    naming the file and the entry for anything that is not one)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(
            f"{path}: expected sections forms, designators, connectors, notes, markers"
        )
    connectors = frozenset(w for text in _texts(data, path, "connectors") for w in words(text))

    def split(text: str) -> tuple[str, ...]:
        parts = words(text)
        return tuple(
            w for i, w in enumerate(parts) if not (0 < i < len(parts) - 1 and w in connectors)
        )

    trailing: list[tuple[str, ...]] = []
    leading: list[tuple[str, ...]] = []
    affixes: list[str] = []
    groups = data.get("forms")
    if not isinstance(groups, dict):
        raise ValueError(f"{path}: 'forms' should map each group to its trailing/leading forms")
    for group in groups:
        for position, into in (("trailing", trailing), ("leading", leading)):
            into += (split(t) for t in _texts(data, path, "forms", group, position))
        affixes += ("".join(words(t)) for t in _texts(data, path, "forms", group, "affixes"))
    trailing += (split(t) for t in _texts(data, path, "designators", "trailing"))
    leading += (split(t) for t in _texts(data, path, "designators", "leading"))
    notes = [split(t) for t in _texts(data, path, "notes")]
    markers = [split(t) for t in _texts(data, path, "markers")]
    return LegalForms(
        connectors=connectors,
        trailing=_index(trailing, last=True),
        leading=_index(leading, last=False),
        affixes=tuple(sorted({a for a in affixes if a}, key=lambda a: (-len(a), a))),
        trailing_notes=re.compile(
            rf"(?:[\s_]*{_OPEN}{_REST}{_either(notes)}{_END}"
            rf"|(?:\s+{_DASH}+|\s*{_MARK}+){_REST}{_either(notes)}{_END}"
            rf"|[\s_]+{_either(markers)}{_END}){_REST}$"
        ),
        leading_notes=re.compile(
            rf"^{_REST}(?:{_OPEN}{_REST}{_either(notes)}{_END}[^\w(\[{{<]*[)\]}}>]"
            rf"|{_either(notes)}{_END}(?:\s*{_DASH}+\s|\s*{_MARK}+)"
            rf"|{_either(markers)}{_END}[\W_])\s*"
        ),
    )


def _texts(data: dict[str, Any], path: Path, *keys: str) -> list[str]:
    """The list of strings under ``keys`` (empty when absent)."""
    value: Any = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    entries = value or []
    where = ".".join(keys)
    if not isinstance(entries, list):
        raise ValueError(f"{path}: {where} should be a list")
    for entry in entries:
        if not isinstance(entry, str) or not entry.strip():
            raise ValueError(f"{path}: {where} has {entry!r}, which is not a word or phrase")
    return entries


def _index(forms: Iterable[tuple[str, ...]], *, last: bool) -> Forms:
    """Distinct non-empty ``forms`` by their last (or first) word, longest first."""
    by_word: dict[str, set[tuple[str, ...]]] = {}
    for form in forms:
        if form:
            by_word.setdefault(form[-1] if last else form[0], set()).add(form)
    return {w: tuple(sorted(f, key=lambda f: (-len(f), f))) for w, f in by_word.items()}


def _either(phrases: Iterable[tuple[str, ...]]) -> str:
    """A group matching any of ``phrases``, their words apart by anything but letters and digits."""
    spelled = {r"[\W_]+".join(map(re.escape, p)) for p in phrases if p}
    return "(?:" + "|".join(sorted(spelled, key=lambda s: (-len(s), s))) + ")"
