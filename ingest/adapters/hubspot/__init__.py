"""HubSpot CRM exports as rows of the canonical tables.

Reads the CSV files HubSpot exports from its record and activity views (companies, contacts,
deals, tickets, calls, meetings, e-mails, notes, tasks, or all activities in one file), files
shaped like its import templates (``firstname``, ``dealstage``, ``hs_timestamp`` …) and an
optional owners file ("Owner ID", "First Name", "Last Name", "Email"). What a file holds is
told by its headers, not its name (:mod:`~ingest.adapters.hubspot.files`); header spellings
are matched ignoring case and spacing (:mod:`~ingest.adapters.hubspot.headers`).

=========================  ================================================================
HubSpot                    graph
=========================  ================================================================
company                    Company ``hs:company:<Record ID>``; domain from "Company Domain
                           Name", else "Website URL"; named by its domain when it has no name
company Type Vendor        SUPPLIES company → home
company Type Customer      SUPPLIES home → company; its "Company owner" MANAGES_ACCOUNT (so
                           does the owner of a company at Lifecycle Stage Customer)
contact                    Person ``hs:contact:<Record ID>``, WORKS_AT the associated company
                           (:mod:`~ingest.adapters.hubspot.links`), else the company of its
                           "Company Name", e-mail domain or website
owner                      Person ``hs:owner:<name>`` at the home company
                           (:mod:`~ingest.adapters.hubspot.owners`)
deal                       Opportunity ``hs:deal:<Record ID>`` (open, won or lost); the won
                           deals of a company one SUPPLIES home → company
                           (:mod:`~ingest.adapters.hubspot.deals`)
activity, ticket           Interaction ``hs:activity:<Record ID>``, ``hs:ticket:<Ticket ID>``
                           (:mod:`~ingest.adapters.hubspot.interactions`)
person named by e-mail     Person ``hs:email:<e-mail>``, for an activity's contact that the
                           contacts export does not hold
=========================  ================================================================
"""

from ingest.adapters.hubspot.adapter import HubSpotAdapter

__all__ = ["HubSpotAdapter"]
