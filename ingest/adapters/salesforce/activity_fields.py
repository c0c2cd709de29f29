"""What a task or event is: its kind, its time, whether it was sent, its canonical row.

The kind comes from TaskSubtype (set by Salesforce), then the Subject, then the
Type picklist; a Type read from a custom field chosen for the run (a ``Type__c``
picklist of the org's own) comes before the Subject. The owner initiates an
outbound email.

>>> activity_kind("Task", "", "Call", "Quarterly review", "", custom_type=False)
'meeting'
>>> activity_kind("Task", "", "Call", "Quarterly review", "", custom_type=True)
'call'
>>> activity_kind("Task", "", "Fax", "Follow-up", "", custom_type=False) is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from ingest.normalize import text_key

TIME_FIELDS = {
    "Task": ("activitydate", "startdatetime", "activitydatetime", "createddate"),
    "Event": ("startdatetime", "activitydatetime", "activitydate", "createddate"),
}
"""The fields that tell when an activity happened, the first that is not blank."""
_TASK_SUBTYPE_KINDS = {
    "call": "call",
    "email": "email",
    "listemail": "email",
    "linkedin": "message",
}
_OUTBOUND_SUBTYPES = frozenset({"email", "listemail"})
_GENERIC_TYPES = frozenset({"", "task", "event", "other", "cadence", "--none--"})
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (r"^(e-?mail|re|aw|fwd?|wg)\s*:", "email"),
    (r"^(call|anruf|telefonat)\b", "call"),
    (r"conference call|telefonkonferenz", "call"),
    (r"\brf[ipq]\b|\btender|ausschreibung", "rfp"),
    (r"negotiat|verhandlung|rahmenvertrag|konditionen|contract renewal", "negotiation"),
    (r"\bgifts?\b|geschenk|präsent|hamper", "gift"),
    (r"video|\bteams\b|\bzoom\b|webex|google meet", "video_call"),
    (
        r"trade (show|fair)|conference|konferenz|\bmesse\b|\bexpo\b|webinar|veranstaltung"
        r"|dinner|golf|sommerfest|weihnachtsfeier|customer day|supplier day",
        "event",
    ),
    (r"\bcalls?\b|anruf|telefon|rückruf|\bphone\b", "call"),
    (r"e-?mail|\bmail\b", "email"),
    (r"message|nachricht|\bsms\b|whatsapp|linkedin|\bchat\b|inmail", "message"),
    (r"\bnotes?\b|notiz|\bmemo\b", "note"),
    (
        r"meeting|besprechung|\btermin|treffen|visit|besuch|besichtigung|lunch|mittagessen"
        r"|workshop|review|gespräch|on-?site|vor ort|in person|face to face",
        "meeting",
    ),
)
"""Interaction kind of a subject or activity type (case-folded): the first pattern found."""
_KIND_PATTERNS = tuple((re.compile(pattern), kind) for pattern, kind in _KIND_WORDS)


@lru_cache(maxsize=4096)
def kind_in(text: str) -> str | None:
    """The interaction kind ``text`` names, if it names one (the subjects of an export
    repeat, so the answer for each of the last 4,096 is kept).

    >>> kind_in("Telefonat Liefertermine"), kind_in("On-site visit"), kind_in("Follow-up")
    ('call', 'meeting', None)
    """
    folded = text_key(text)
    return next((kind for pattern, kind in _KIND_PATTERNS if pattern.search(folded)), None)


def activity_kind(
    obj: str,
    subtype: str,
    activity_type: str,
    subject: str,
    event_subtype: str,
    *,
    custom_type: bool,
) -> str | None:
    """The kind of a task or event (``obj``) from its TaskSubtype (``subtype``, as a
    :func:`~ingest.normalize.text_key`), Subject and Type (``custom_type``: read from a
    custom field); a meeting for an event and a note for a task that none tells; ``None``
    for a Type none of the kinds is (the row is rejected)."""
    kind = _TASK_SUBTYPE_KINDS.get(subtype)
    if kind is None and custom_type:
        kind = kind_in(activity_type)
    kind = kind or kind_in(subject)
    if kind:
        return kind
    if text_key(activity_type) not in _GENERIC_TYPES:
        return kind_in(activity_type)
    return "meeting" if obj == "Event" or text_key(event_subtype) == "event" else "note"


def interaction_data(
    interaction_id: str,
    kind: str,
    occurred_at: str,
    people: list[str | None],
    owner: str | None,
    subtype: str,
    subject: str,
    account: str | None,
) -> dict[str, str]:
    """The canonical interaction row of an activity: its ``people`` (the owner first), the
    owner initiating an outbound email (by TaskSubtype or an ``Email:`` subject)."""
    outbound = subtype in _OUTBOUND_SUBTYPES or text_key(subject).startswith("email:")
    return {
        "id": interaction_id,
        "kind": kind,
        "occurred_at": occurred_at,
        "participant_ids": ";".join(filter(None, dict.fromkeys(people))),
        "initiator_id": owner if owner and outbound else "",
        "subject": subject,
        "company_id": account or "",
    }
