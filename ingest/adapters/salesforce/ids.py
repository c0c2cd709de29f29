"""Salesforce record ids: one id in its 15- and 18-character forms, and the object it is of.

An id is kept as ``sf:`` and its 18-character form, so the two forms of one
record are one id. Ids that are not Salesforce's (a file written by hand, another
tool's keys) are kept as they are, and ids of records known by name only (report
rows, ``sf data tree`` records) are made from the names.

>>> record_id("001A0000006Vm9r"), record_id(" 001a0000006vm9riac "), record_id("acct-17")
('sf:001A0000006Vm9rIAC', 'sf:001A0000006Vm9rIAC', 'sf:acct-17')
>>> object_of("sf:001A0000006Vm9rIAC"), object_of("sf:acct-17")
('Account', None)
"""

from __future__ import annotations

import re
import string

from ingest.normalize import text_key

_SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
_SUFFIX_SET = frozenset(_SUFFIX_ALPHABET)
_UPPER_FLAGS = {
    char: tuple(bool(index >> bit & 1) for bit in range(5))
    for index, char in enumerate(_SUFFIX_ALPHABET)
}
"""Which of its five characters a suffix character marks upper-case, by that character."""
_CASE_MARKS = str.maketrans(
    string.ascii_uppercase + string.ascii_lowercase + string.digits, "1" * 26 + "0" * 36
)
"""An id's characters as ``1`` (upper-case letter) or ``0``."""
_SUFFIX_CHARS = {
    "".join("1" if upper else "0" for upper in flags): char for char, flags in _UPPER_FLAGS.items()
}
"""The suffix character of five characters, by their case marks."""
_LONG_SHAPE = re.compile(r"[A-Za-z0-9]{18}")
EMPTY_KEY = "000000000000000"
"""The 15 characters of the id Salesforce writes for "no record"."""

KEY_PREFIXES: dict[str, str] = {
    "001": "Account",
    "003": "Contact",
    "005": "User",
    "006": "Opportunity",
    "00k": "OpportunityLineItem",
    "01t": "Product2",
    "01u": "PricebookEntry",
    "00T": "Task",
    "00U": "Event",
    "0RE": "EventRelation",
    "07k": "AccountContactRelation",
    "00Q": "Lead",
    "00G": "Group",
}
"""Object of an id, by its first three characters (``00G``: a queue or public group)."""


class DamagedId(ValueError):
    """An 18-character id whose last three characters do not fit its first fifteen."""


def salesforce_id(text: str) -> str | None:
    """The 18-character form of a 15- or 18-character Salesforce id; ``None`` if not one.

    The last three characters of an 18-character id spell out which of the first
    15 are upper-case, so an 18-character id whose case was lost is restored.

    >>> salesforce_id("001A0000006Vm9r"), salesforce_id("001a0000006vm9riac")
    ('001A0000006Vm9rIAC', '001A0000006Vm9rIAC')
    """
    value = text.strip()
    if len(value) not in (15, 18) or not (value.isascii() and value.isalnum()):
        return None
    base = value[:15]
    if len(value) == 15:
        return base + _suffix(base)
    suffix = value[15:].upper()
    if suffix == _suffix(base):
        return base + suffix  # its case is the one the suffix records: nothing to restore
    if not _SUFFIX_SET.issuperset(suffix):
        return None
    recased = _recased(base, suffix)
    return None if recased is None else recased + suffix  # which _suffix(recased) is


def record_id(text: str) -> str | None:
    """``sf:`` and the id in ``text``: a Salesforce id in its 18-character form, any other
    id as it is; ``None`` when blank or Salesforce's empty key.

    :class:`DamagedId` for 18 letters and digits that are no Salesforce id (its case
    changed where the suffix cannot restore it, or a character changed).
    """
    return read(text)[0]


def read(text: str) -> tuple[str | None, bool]:
    """:func:`record_id` of ``text``, and whether it is an id Salesforce made.

    >>> read("001A0000006Vm9r"), read("acct-17")
    (('sf:001A0000006Vm9rIAC', True), ('sf:acct-17', False))
    """
    value = text.strip()
    if not value:
        return None, False
    found = salesforce_id(value)
    if found is not None:
        return (None if found.startswith(EMPTY_KEY) else f"sf:{found}"), True
    if _LONG_SHAPE.fullmatch(value):
        raise DamagedId(
            f"{value!r} has the length of an 18-character Salesforce id, but its last three "
            "characters do not fit the first fifteen (changed by hand or by a spreadsheet?)"
        )
    return f"sf:{value}", False


def is_salesforce(record: str) -> bool:
    """Whether ``record`` (an ``sf:`` id) holds an id Salesforce made.

    >>> is_salesforce("sf:001A0000006Vm9rIAC"), is_salesforce("sf:acct-17")
    (True, False)
    """
    value = record.removeprefix("sf:")
    return len(value) == 18 and salesforce_id(value) == value


def object_of(record: str) -> str | None:
    """The object of a Salesforce id by its key prefix; ``None`` for other ids."""
    return KEY_PREFIXES.get(record[3:6]) if is_salesforce(record) else None


def named(obj: str, name: str, qualifier: str = "") -> str:
    """The id of a record known by name only: ``sf:name:contact:acme gmbh/ann lee``.

    >>> named("Contact", "Ann  Lee", "ACME GmbH")
    'sf:name:contact:acme gmbh/ann lee'
    """
    prefix = f"{text_key(qualifier)}/" if qualifier else ""
    return f"sf:name:{obj.lower()}:{prefix}{text_key(name)}"


def _suffix(base: str) -> str:
    """The case suffix of a 15-character id (letters and digits only)."""
    marks = base.translate(_CASE_MARKS)
    return _SUFFIX_CHARS[marks[:5]] + _SUFFIX_CHARS[marks[5:10]] + _SUFFIX_CHARS[marks[10:15]]


def _recased(base: str, suffix: str) -> str | None:
    """``base`` in the case ``suffix`` records; ``None`` when it marks a digit upper-case."""
    chars = []
    flags = (upper for mark in suffix for upper in _UPPER_FLAGS[mark])
    for char, upper in zip(base, flags, strict=True):
        if upper and not char.isalpha():
            return None
        chars.append(char.upper() if upper else char.lower())
    return "".join(chars)
