"""Rows an export holds that are left out: deleted ones, invitees' copies of events, the
series records of recurring activities, open tasks, users who are not ours.

>>> flag("TRUE"), flag(" "), flag("maybe")
(True, None, None)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from functools import lru_cache

from ingest.adapters.salesforce.files import MAPPED, Source
from ingest.values import parse_bool


@lru_cache(maxsize=64)
def flag(text: str) -> bool | None:
    """A checkbox value; ``None`` when blank or not one."""
    try:
        return parse_bool(text) if text else None
    except ValueError:
        return None


def _is_true(text: str) -> bool:
    return flag(text) is True


def _is_false(text: str) -> bool:
    return flag(text) is False


def _not_internal(user_type: str) -> bool:
    return bool(user_type) and user_type.casefold() != "standard"


SKIPS: tuple[tuple[frozenset[str], str, Callable[[str], bool], str], ...] = (
    (MAPPED, "isdeleted", _is_true, "deleted (IsDeleted)"),
    (
        frozenset({"Event"}),
        "ischild",
        _is_true,
        "an invitee's copy of an event (IsChild); invitees come from EventRelation",
    ),
    (
        frozenset({"Task", "Event"}),
        "isrecurrence",
        _is_true,
        "the series record of a recurring activity (IsRecurrence); its occurrences are imported",
    ),
    (frozenset({"Task"}), "isclosed", _is_false, "an open task (IsClosed false): not happened"),
    (
        frozenset({"User"}),
        "usertype",
        _not_internal,
        "not an internal user (UserType other than Standard)",
    ),
)
"""Rows left out: objects, field, test of its value, and why (for the warning)."""


class LeftOut:
    """Which rows of ``source`` are left out (:data:`SKIPS`), counted by why."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.tests = [
            (name, test, why)
            for objs, name, test, why in SKIPS
            if source.object in objs and name in source.columns
        ]
        self.counts: dict[str, int] = defaultdict(int)

    def keeps(self, fields: Mapping[str, str]) -> bool:
        """Whether the row of ``fields`` is kept (else counted)."""
        why = self.why(fields)
        if why is not None:
            self.counts[why] += 1
        return why is None

    def why(self, fields: Mapping[str, str]) -> str | None:
        """Why the row of ``fields`` is left out; ``None`` if it is kept."""
        return next((why for name, test, why in self.tests if test(fields.get(name, ""))), None)
