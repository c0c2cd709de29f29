"""Salesforce exports: Data Export and Data Loader files, report exports, ``sf data tree``
JSON files, and files written by hand.

A Data Export or Data Loader file holds one object, is named after it
(``Account.csv``; any other name works when the prefix of its first ``Id``
tells the object) and has API field names as its header, in any case
(:mod:`.files`). A file without Salesforce's system columns (``IsDeleted``,
``OwnerId``, ``CreatedDate``…), a ``User.csv`` written by hand say, is read when
it is named after its object, with defaults and a warning. A report export has
field labels as its header ("Account Name", "Assigned", "Close Date"), told and
mapped by :mod:`.reports`; an ``sf data tree`` export is read by :mod:`.tree`.
All then map alike:

==========================  ==============================================================
Salesforce                  graph
==========================  ==============================================================
User                        person at the home company: Name, Title, Email, ManagerId
Contact                     person at its AccountId: Name, Title, Email, ReportsToId;
                            started_at/ended_at from its direct AccountContactRelation
Account                     company: Name, Website (host) → domain, BillingCountry (else
                            ShippingCountry), Industry, tier from a ``…Tier__c`` field,
                            else a "Strategic"/"Key" Type; the owner manages the account;
                            Type "Customer…" → home supplies it, "Vendor"/"Supplier" → it
                            supplies home ("Partner" and the rest: neither)
Product2                    product: Name, Family → category
Opportunity, won            home supplies the account: one row per product of the line
(OpportunityLineItem,       items (TotalPrice; Product2Id, else through PricebookEntry),
PricebookEntry)             or per account without items (Amount); summed over all won
                            opportunities, ``since`` the earliest CloseDate; home offers
                            every product sold (:mod:`.deals`)
Task, Event                 interaction: kind from TaskSubtype, Subject, Type; time from
(EventRelation)             ActivityDate (task) or StartDateTime (event); the owner, a
                            contact WhoId and the event's contacts and users from
                            EventRelation take part; the owner initiates an outbound email
                            (:mod:`.activities`)
==========================  ==============================================================

Ids are ``sf:`` and the 18-character id (a 15-character id is the same record); ids
that are not Salesforce's are kept as they are (:mod:`.ids`). Rows without ids
(reports, trees, files without an Id column) get ids from names,
``sf:name:account:acme gmbh`` (``sf:row:…`` from the content, for activities), and
records named in them resolve by name to those of the export that have ids;
owners and accounts named nowhere else become people of the home company and
companies. Without a User file, record owners are people of the home company by
id (:mod:`.people`). Custom fields chosen for a run stand in for standard ones
(:mod:`.fields`: ``Task.Type=Type__c``).

Left out, each with a warning: deleted rows, invitees' copies of events
(IsChild), the series records of recurring activities, open tasks (they have not
happened), users other than UserType Standard (portal, guest, automated users),
leads (they are not imported, so a lead WhoId is no participant), declined or
uninvited event invitees, indirect account-contact relations (not employment).
Inactive users are imported like the others, without ``ended_at``: Salesforce
does not record when a user left. Only the columns above are read; AnnualRevenue
and other fields do not become properties, so companies and people look the same
whichever system they come from.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from ingest.adapters.base import AdapterContext, AdapterReport, CanonicalTables
from ingest.adapters.salesforce.accounts import Accounts
from ingest.adapters.salesforce.activities import Activities
from ingest.adapters.salesforce.deals import Deals
from ingest.adapters.salesforce.export import Export
from ingest.adapters.salesforce.files import recognised
from ingest.adapters.salesforce.ids import salesforce_id
from ingest.adapters.salesforce.people import People
from ingest.adapters.salesforce.tree import is_tree_file
from ingest.records import SourceRow
from ingest.sources import ExportFile

__all__ = ["SalesforceAdapter", "salesforce_id"]


class SalesforceAdapter:
    """Reads a Salesforce Data Export or Data Loader folder, report exports, ``sf data
    tree`` JSON files, or files written by hand in their shape."""

    format: ClassVar[str] = "salesforce"

    @staticmethod
    def detect(files: Mapping[str, ExportFile]) -> list[str]:
        """The files that are Salesforce's by their header (or, for JSON, their records)."""
        return sorted(f.path for f in files.values() if recognised(f) or is_tree_file(f))

    def tables(
        self, files: Mapping[str, ExportFile], context: AdapterContext, report: AdapterReport
    ) -> CanonicalTables:
        export = Export(files, context, report)
        accounts, deals, activities = Accounts(export), Deals(export), Activities(export)
        return {
            "companies": accounts.companies(),
            "products": deals.products(),
            "people": People(export, activities).people(),
            "offers": deals.offers(),
            "supplies": _supplies(deals, accounts),
            "interactions": activities.interactions(),
            "account_managers": accounts.account_managers(),
        }


def _supplies(deals: Deals, accounts: Accounts) -> Iterator[SourceRow]:
    """Won opportunities' sales, then the supply links of account Types (but to the
    accounts those sales name)."""
    yield from deals.supplies()
    yield from accounts.supplies(deals.customers())
