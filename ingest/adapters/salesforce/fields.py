"""Custom fields read in place of standard ones, chosen per run.

Orgs keep what this adapter reads in fields of their own: an activity type in a
``Type__c`` picklist, a job title in ``Job_Title__c``. ``OBJECT.FIELD=COLUMN``
(``srm ingest --custom-field Task.Type=Type__c``) reads COLUMN of OBJECT's files
as FIELD; ``Activity`` stands for Task and Event. A file without COLUMN is read
as it is, with a warning.

>>> custom_fields({"Activity.Type": "Type__c", "contact.title": "Job_Title__c"})
{'Task': {'type': 'type__c'}, 'Event': {'type': 'type__c'}, 'Contact': {'title': 'job_title__c'}}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ingest.adapters.salesforce.files import Source
from ingest.errors import ExportError
from ingest.normalize import text_key

CUSTOMIZABLE: dict[str, tuple[str, ...]] = {
    "Account": ("Name", "Website", "Industry", "Type", "Tier", "BillingCountry", "ShippingCountry"),
    "Contact": ("Title", "Email", "Name", "FirstName", "LastName"),
    "User": ("Title", "Email", "Name", "FirstName", "LastName"),
    "Task": ("Type", "Subject", "ActivityDate", "TaskSubtype"),
    "Event": ("Type", "Subject", "StartDateTime", "ActivityDate", "EventSubtype"),
    "Opportunity": ("StageName", "IsWon", "Amount", "CloseDate"),
    "OpportunityLineItem": ("TotalPrice",),
    "Product2": ("Name", "Family"),
}
"""The fields a custom field can stand in for, by object."""
_GROUPS = {"Activity": ("Task", "Event")}
_OBJECTS = {text_key(name): (name,) for name in CUSTOMIZABLE} | {
    text_key(name): objects for name, objects in _GROUPS.items()
}

CustomFields = dict[str, dict[str, str]]
"""The column (lower-case) to read for each field (lower-case), by object."""


def custom_fields(spec: Mapping[str, str]) -> CustomFields:
    """The custom fields of ``{"OBJECT.FIELD": "COLUMN"}``, checked
    (:class:`~ingest.errors.ExportError` naming what is wrong)."""
    found: CustomFields = {}
    for target, column in spec.items():
        obj_name, dot, field_name = target.strip().partition(".")
        objects = _OBJECTS.get(text_key(obj_name))
        if not dot or objects is None:
            names = ", ".join([*CUSTOMIZABLE, *_GROUPS])
            raise ExportError(
                f"custom field {target}={column}: {target!r} is not OBJECT.FIELD of an object "
                f"this adapter reads ({names})"
            )
        if not column.strip():
            raise ExportError(f"custom field {target}=: name the column to read")
        for obj in objects:
            allowed = {text_key(f): f for f in CUSTOMIZABLE[obj]}
            if text_key(field_name) not in allowed:
                raise ExportError(
                    f"custom field {target}={column}: {obj} field {field_name!r} is not one a "
                    f"custom field can stand in for ({', '.join(CUSTOMIZABLE[obj])})"
                )
            found.setdefault(obj, {})[text_key(field_name)] = text_key(column)
    return found


def with_custom_fields(source: Source, fields: CustomFields) -> tuple[Source, list[str]]:
    """``source`` reading its custom fields in place of the standard ones (the standard
    one where a custom value is blank), and a warning for each custom column it lacks."""
    wanted = fields.get(source.object, {})
    columns = dict(source.columns)
    warnings = []
    shown = {text_key(f): f for f in CUSTOMIZABLE.get(source.object, ())}
    custom: dict[str, str | None] = {}
    for name, column in wanted.items():
        if column in source.headers:
            custom[name] = source.columns.get(name)
            columns[name] = source.headers[column]
        else:
            warnings.append(
                f"{source.path}: no column {column!r} to read as {source.object}."
                f"{shown.get(name, name)} (custom field); the file's own is read"
            )
    if not custom:
        return source, warnings
    return replace(source, columns=columns, custom=custom, values=None), warnings
