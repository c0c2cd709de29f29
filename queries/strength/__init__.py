"""Relationship strength between two people or two companies, and what it is made of.

Person–person strength is the tie's ``s`` at ``as_of`` (see
:mod:`graph_model.scoring`); its components are recounted from the
interactions the two shared, so the explanation and the number always agree.
Company–company strength combines the ties between their current people:
``S = 100 * (1 - prod(1 - s(p, q) / 100))``; its components count each
interaction between the two companies' people once.
"""

from queries.strength.compute import (
    Components,
    PairStrength,
    StrengthResult,
    company_strength,
    person_strength,
    strength,
)

__all__ = [
    "Components",
    "PairStrength",
    "StrengthResult",
    "company_strength",
    "person_strength",
    "strength",
]
