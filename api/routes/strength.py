"""Relationship strength between two people or two companies."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Query

from api.deps import Answer, AsOf, StoreDep, guarded_router
from queries.strength import StrengthResult, strength

router = guarded_router("read", "relationships", 404)


@router.get("/strength", response_model=StrengthResult)
def get_strength(
    store: StoreDep,
    a: Annotated[str, Query(description="a person or company id")],
    b: Annotated[str, Query(description="another person, or another company")],
    as_of: AsOf = None,
) -> Answer:
    """How strong the relationship is (0-100), and what it is made of."""
    try:
        return Answer(strength(store, a, b, as_of))
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc
