"""The columns of HubSpot's exports: header spellings by field, and the headers that tell
which object a file holds.

HubSpot names columns after property labels ("Record ID", "Deal Stage") in exports made in
the app, and after internal names (``dealstage``, ``hs_timestamp``) in files shaped like its
import templates; both are listed, the preferred first. Headers are compared by
:func:`header_key`: without case, accents or spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ingest.normalize import fold

Columns = Mapping[str, tuple[str, ...]]
"""Header spellings by field, the preferred first."""


def header_key(header: str) -> str:
    """A header as it is compared: without case, accents or spaces (punctuation stays, so
    Pipedrive's "Deal - Stage" is not HubSpot's "Deal Stage").

    >>> header_key("Country / Region") == header_key("country/region"), header_key("First Name")
    (True, 'firstname')
    """
    return "".join(fold(header).split())


RECORD_ID = ("Record ID", "hs_object_id")

ASSOCIATIONS: Columns = {
    "company_ids": (
        "Associated Company IDs (Primary)",
        "Associated Company ID (Primary)",
        "Primary Associated Company ID",
        "associatedcompanyid",
        "Associated Company IDs",
        "Associated Company ID",
    ),
    "company_domains": (
        "Associated Company Domain",
        "Associated Company Domains",
        "Associated Company Domain Name",
    ),
    "company_names": ("Associated Company (Primary)", "Associated Company", "Associated Companies"),
    "contact_ids": ("Associated Contact IDs", "Associated Contact ID"),
    "contact_emails": ("Associated Contact Email", "Associated Contact Emails"),
    "contact_names": ("Associated Contact", "Associated Contacts"),
    "deal_ids": ("Associated Deal IDs", "Associated Deal ID"),
    "deal_names": ("Associated Deal", "Associated Deals"),
}
"""How a record names the records it is associated with: ids (``;`` lists, the primary
first), company domains, names, contact e-mails or ``Name (email)`` labels."""


@dataclass(frozen=True)
class HubSpotObject:
    """A kind of HubSpot file: its columns by field and the headers that mark it."""

    name: str
    columns: Columns
    markers: tuple[str, ...]
    """Headers of this object and of no other; the object of a file is the one whose
    markers it has most of."""

    @property
    def id_header(self) -> str:
        """The id column named in rejects."""
        return self.columns["id"][0]


COMPANIES = HubSpotObject(
    "companies",
    {
        "id": (*RECORD_ID, "Company ID"),
        "name": ("Company name", "Name", "name"),
        "domain": ("Company Domain Name", "Domain", "domain"),
        "website": ("Website URL", "Website", "website"),
        "country": ("Country/Region", "Country", "country"),
        "industry": ("Industry", "industry"),
        "owner": ("Company owner", "HubSpot owner", "hubspot_owner_id"),
        "type": ("Type", "type"),
        "lifecycle": ("Lifecycle Stage", "lifecyclestage"),
    },
    (
        "Company name",
        "Company Domain Name",
        "Company owner",
        "Company ID",
        "Number of Employees",
        "Annual Revenue",
        "name",
        "domain",
    ),
)
CONTACTS = HubSpotObject(
    "contacts",
    {
        "id": (*RECORD_ID, "Contact ID"),
        "first_name": ("First Name", "firstname"),
        "last_name": ("Last Name", "lastname"),
        "email": ("Email", "Email Address", "email"),
        "title": ("Job Title", "jobtitle"),
        "owner": ("Contact owner", "HubSpot owner", "hubspot_owner_id"),
        "company": ("Company Name", "company"),
        "website": ("Website URL", "website"),
        **ASSOCIATIONS,
    },
    (
        "First Name",
        "Last Name",
        "Email",
        "Job Title",
        "Contact owner",
        "Contact ID",
        "firstname",
        "lastname",
        "email",
        "jobtitle",
    ),
)
DEALS = HubSpotObject(
    "deals",
    {
        "id": (*RECORD_ID, "Deal ID"),
        "name": ("Deal Name", "dealname"),
        "stage": ("Deal Stage", "dealstage"),
        "pipeline": ("Pipeline", "pipeline"),
        "amount": ("Amount", "amount"),
        "close_date": ("Close Date", "closedate"),
        "currency": ("Currency", "Deal currency code", "deal_currency_code"),
        "owner": ("Deal owner", "HubSpot owner", "hubspot_owner_id"),
        "won": ("Is Closed Won", "hs_is_closed_won"),
        "closed": ("Is Deal Closed?", "Is closed", "hs_is_closed"),
        **ASSOCIATIONS,
    },
    (
        "Deal Name",
        "Deal Stage",
        "Deal owner",
        "Deal ID",
        "Amount",
        "Is Closed Won",
        "dealname",
        "dealstage",
    ),
)
TICKETS = HubSpotObject(
    "tickets",
    {
        "id": ("Ticket ID", *RECORD_ID),
        "name": ("Ticket name", "subject"),
        "status": ("Ticket status", "hs_pipeline_stage"),
        "priority": ("Priority", "hs_ticket_priority"),
        "date": ("Create date", "createdate"),
        "owner": ("Ticket owner", "HubSpot owner", "hubspot_owner_id"),
        "description": ("Ticket description", "content"),
        **ASSOCIATIONS,
    },
    (
        "Ticket ID",
        "Ticket name",
        "Ticket status",
        "Ticket owner",
        "Ticket description",
        "hs_pipeline_stage",
        "hs_ticket_priority",
    ),
)
ACTIVITIES = HubSpotObject(
    "activities",
    {
        "id": (*RECORD_ID, "Activity ID"),
        "type": ("Activity type", "Engagement type", "hs_engagement_type"),
        "date": (
            "Meeting start time",
            "hs_meeting_start_time",
            "Activity date",
            "Call date",
            "Timestamp",
            "hs_timestamp",
            "Due date",
            "Create date",
            "hs_createdate",
        ),
        "done_at": ("Completed at", "Task completion date", "hs_task_completion_date"),
        "owner": ("Activity assigned to", "Assigned to", "HubSpot owner", "hubspot_owner_id"),
        "meeting_type": (
            "Call and meeting type",
            "hs_activity_type",
            "Meeting location",
            "Meeting location type",
            "hs_meeting_location",
        ),
        "email_direction": ("Email direction", "hs_email_direction"),
        "call_direction": ("Call direction", "hs_call_direction"),
        "call_outcome": ("Call outcome", "hs_call_disposition"),
        "call_status": ("Call status", "hs_call_status"),
        "meeting_outcome": ("Meeting outcome", "hs_meeting_outcome"),
        "email_status": ("Email send status", "hs_email_status"),
        "task_status": ("Task status", "hs_task_status"),
        "subject": (
            "Subject",
            "Title",
            "Activity subject",
            "Call title",
            "Meeting name",
            "Email subject",
            "Task title",
            "hs_call_title",
            "hs_meeting_title",
            "hs_email_subject",
            "hs_task_subject",
        ),
        "body": (
            "Body preview",
            "Note body",
            "Call notes",
            "Meeting description",
            "Email body",
            "Email text",
            "Task notes",
            "hs_body_preview",
            "hs_note_body",
            "hs_call_body",
            "hs_meeting_body",
            "hs_email_text",
            "hs_task_body",
        ),
        **ASSOCIATIONS,
    },
    (
        "Activity type",
        "Activity date",
        "Activity assigned to",
        "Call title",
        "Call notes",
        "Call outcome",
        "Call direction",
        "Call date",
        "Call status",
        "Call duration",
        "Meeting name",
        "Meeting start time",
        "Meeting end time",
        "Meeting outcome",
        "Meeting description",
        "Call and meeting type",
        "Email subject",
        "Email direction",
        "Email send status",
        "Email body",
        "Note body",
        "Task title",
        "Task status",
        "Task type",
        "Completed at",
        "Body preview",
        "Timestamp",
        "hs_timestamp",
        "hs_engagement_type",
        "hs_call_title",
        "hs_call_direction",
        "hs_meeting_title",
        "hs_email_direction",
        "hs_email_subject",
        "hs_note_body",
        "hs_task_subject",
    ),
)
OWNERS = HubSpotObject(
    "owners",
    {
        "id": ("Owner ID", "User ID", "hubspot_owner_id"),
        "name": ("Name", "Full name", "Owner name"),
        "first_name": ("First Name", "firstname"),
        "last_name": ("Last Name", "lastname"),
        "email": ("Email", "Email address", "User email"),
        "title": ("Job Title", "Title"),
    },
    ("Owner ID", "User ID"),
)
OBJECTS = (OWNERS, ACTIVITIES, TICKETS, DEALS, CONTACTS, COMPANIES)
"""In the order that breaks a tie between two objects' markers."""

ACTIVITY_HEADER_PREFIXES: Mapping[str, tuple[str, ...]] = {
    "call": ("call ", "hs_call_"),
    "meeting": ("meeting ", "hs_meeting_"),
    "email": ("email ", "hs_email_"),
    "note": ("note ", "hs_note_"),
    "task": ("task ", "hs_task_"),
}
"""The activity type whose own columns a header starts with (``Call outcome``: call), for
the exports of one type, which have no type column."""
SHARED_ACTIVITY_HEADERS = frozenset({"call and meeting type"})

HUBSPOT_ONLY = frozenset(
    header_key(h)
    for h in (
        *RECORD_ID,
        *(spelling for spellings in ASSOCIATIONS.values() for spelling in spellings),
        "Company Domain Name",
        "Company owner",
        "Deal owner",
        "Ticket owner",
        "Activity assigned to",
        "Deal Stage",
        "Ticket status",
        "Ticket name",
        "Lifecycle Stage",
        "Create Date",
        "Country/Region",
        "hubspot_owner_id",
    )
)
"""Headers that no other system's export has: a file needs one to be taken for HubSpot's
when the format is detected (``hs_…`` internal names count too)."""
