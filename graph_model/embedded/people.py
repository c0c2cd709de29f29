"""What lists of people show of each person, held without an object per person.

:class:`People` maps a person's id to their :class:`PersonBrief` (name, title,
seniority). The names are kept encoded one after another in one buffer, and titles
and levels, which many people share, by number; a brief is made when asked for.
So a process holds a few arrays rather than some 300,000 objects at 100,000 people,
and the workers forked from it read them without writing to the pages they share (a
read of a Python object writes its reference count).

>>> people = People()
>>> people.put("p1", "Jörg Köhler", "CFO", "executive")
>>> people.put("p2", "Anna Kohl", None, None)
>>> people.put("p1", "Jörg Köhler", "CEO", "executive")
>>> people["p1"], len(people), "p2" in people, people.get("p3")
(PersonBrief(name='Jörg Köhler', title='CEO', seniority='executive'), 2, True, None)
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import NamedTuple


class PersonBrief(NamedTuple):
    """What lists of people show of someone."""

    name: str
    title: str | None
    seniority: str | None


_tuple = tuple.__new__
"""Makes a brief from its fields at a fifth of the cost of calling the class."""


class People(Mapping[str, PersonBrief]):
    """Briefs of people by id."""

    def __init__(self) -> None:
        self._row: dict[str, int] = {}
        """Each person's row."""
        self._names = bytearray()
        """The names, UTF-8, row ``i``'s from ``_starts[i]`` to ``_ends[i]``."""
        self._held = 0
        """How many bytes of ``_names`` the names take (replaced ones leave gaps)."""
        self._starts = array("Q")
        self._ends = array("Q")
        self._titles = array("I")
        self._levels = array("I")
        self._words: list[str | None] = [None]
        """Titles and levels by number (0: none)."""
        self._numbers: dict[str | None, int] = {None: 0}

    def put(self, person_id: str, name: str, title: str | None, seniority: str | None) -> None:
        """The person's brief as stored now (a name no longer than before takes its place)."""
        encoded, row = name.encode(), self._row.get(person_id)
        held = 0 if row is None else self._ends[row] - self._starts[row]
        self._held += len(encoded) - held
        if row is not None and len(encoded) <= held:
            start = self._starts[row]
            self._names[start : start + len(encoded)] = encoded
        else:
            if len(self._names) > 2 * self._held + 4096:
                self._compact()
            start = len(self._names)
            self._names += encoded
        end, title_at, level_at = start + len(encoded), self._number(title), self._number(seniority)
        if row is None:
            self._row[sys.intern(person_id)] = len(self._starts)
            self._starts.append(start)
            self._ends.append(end)
            self._titles.append(title_at)
            self._levels.append(level_at)
        else:
            self._starts[row], self._ends[row] = start, end
            self._titles[row], self._levels[row] = title_at, level_at

    def _compact(self) -> None:
        """The names written again one after another, without the space of names replaced."""
        names, starts, ends = bytearray(), self._starts, self._ends
        for row in range(len(starts)):
            start = len(names)
            names += self._names[starts[row] : ends[row]]
            starts[row], ends[row] = start, len(names)
        self._names = names

    def _number(self, word: str | None) -> int:
        number = self._numbers.get(word)
        if number is None:
            number = self._numbers[word] = len(self._words)
            self._words.append(word)
        return number

    def get(self, person_id: str, default: PersonBrief | None = None) -> PersonBrief | None:  # type: ignore[override]
        row = self._row.get(person_id)
        return default if row is None else self._brief(row)

    def __getitem__(self, person_id: str) -> PersonBrief:
        return self._brief(self._row[person_id])

    def _brief(self, row: int) -> PersonBrief:
        words = self._words
        name = self._names[self._starts[row] : self._ends[row]].decode()
        return _tuple(PersonBrief, (name, words[self._titles[row]], words[self._levels[row]]))

    def seniority(self, person_id: str) -> str | None:
        """A person's seniority alone (``None`` for someone unknown)."""
        row = self._row.get(person_id)
        return None if row is None else self._words[self._levels[row]]

    def at_levels(self, person_ids: Iterable[str], levels: Iterable[str]) -> list[str]:
        """Those of ``person_ids`` whose seniority is one of ``levels``, in their order.

        >>> people = People()
        >>> people.put("p1", "Ann", None, "vp"); people.put("p2", "Bo", None, "staff")
        >>> people.at_levels(["p2", "p1", "p3"], ["vp", "executive"])
        ['p1']
        """
        numbers = {self._numbers[w] for w in levels if w in self._numbers}
        rows, held = self._row, self._levels
        return [p for p in person_ids if (row := rows.get(p)) is not None and held[row] in numbers]

    def __contains__(self, person_id: object) -> bool:
        return person_id in self._row

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)
