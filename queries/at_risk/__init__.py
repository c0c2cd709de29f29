"""At-risk relationships: ties that weakened, and key accounts whose executives went quiet.

Semantics in DESIGN.md ("Query semantics", at-risk), with these choices:

* *ties*: pairs with ``s(as_of - window) > 0`` whose strength fell by at least
  ``drop`` of it by ``as_of``, and with at least one side an internal person
  (a current employee of the home company): the relationships our people
  should look after. A tie that only decays loses at most
  ``1 - 2 ** (-window / half_life)`` of its strength in a window (29.3 % for
  90 days and a half-life of 180), so at the default settings a tie is flagged
  only when its reciprocity fell too, i.e. the outreach became one-sided.
* *accounts*: companies of tier ``key`` or ``strategic`` (other than the home
  company) whose current executives (the coverage levels) had no interaction
  that counts for strength (see :mod:`graph_model.scoring`) with an internal
  person in ``(as_of - window, as_of]``. Accounts without an executive on
  record are left out: there is nobody to have touched.

Both instants are read through their own :class:`~queries.view.NetworkView`,
exact for any ``as_of`` on both backends.
"""

from queries.at_risk.compute import (
    AtRisk,
    FallingTie,
    QuietAccount,
    at_risk,
    configured_at_risk,
)
from queries.common import NoHomeCompany

__all__ = [
    "AtRisk",
    "FallingTie",
    "NoHomeCompany",
    "QuietAccount",
    "at_risk",
    "configured_at_risk",
]
