"""At-risk relationships: ties that weakened, and key accounts whose executives went quiet.

Semantics in DESIGN.md ("Query semantics", at-risk), with these choices:

* *ties*: pairs with at least one side an internal person (a current employee of
  the home company: the relationships our people should look after) that were
  strong a window ago, ``s(as_of - window) >= min_strength`` (50 by default), and
  since either had no interaction that counts (``went quiet``) or lost at least
  ``drop`` of that strength all the same (``weakened``: the outreach became
  one-sided). A tie that only decays loses at most ``1 - 2 ** (-window /
  half_life)`` of its ``R`` in a window (29.3 % for 90 days and a half-life of
  180), and less of its strength, so silence is told by itself, not by ``drop``.
  Largest loss (``strength_before - strength``) first.
* *accounts*: companies of tier ``key`` or ``strategic`` (other than the home
  company) whose current executives (the coverage levels) had no interaction
  that counts for strength (see :mod:`graph_model.scoring`) with an internal
  person in ``(as_of - window, as_of]``. Accounts without an executive on
  record are left out: there is nobody to have touched. Strategic accounts
  first, then the longest untouched.
* each list holds its first ``limit`` items, and counts them all.

Both instants are read through their own :class:`~queries.view.NetworkView`,
exact for any ``as_of`` on both backends.
"""

from queries.at_risk.compute import LIMIT, MIN_STRENGTH, at_risk, configured_at_risk
from queries.at_risk.models import AtRisk, FallingTie, QuietAccount
from queries.common import NoHomeCompany

__all__ = [
    "LIMIT",
    "MIN_STRENGTH",
    "AtRisk",
    "FallingTie",
    "NoHomeCompany",
    "QuietAccount",
    "at_risk",
    "configured_at_risk",
]
