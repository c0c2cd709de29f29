"""Relationship paths (warm introductions) from a person to a person or a company."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

from api.admission import HEAVY
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from queries.paths import MAX_HOPS, MAX_K, PathsResult, configured_paths

router = guarded_router("read", "relationships", 404)


@router.get("/paths", response_model=PathsResult, dependencies=HEAVY)
def get_paths(
    store: StoreDep,
    settings: SettingsDep,
    source: Annotated[str, Query(alias="from", description="the person who asks")],
    target: Annotated[str, Query(alias="to", description="a person, or a company")],
    mode: Annotated[
        Literal["strongest", "shortest"],
        Query(description="strongest: highest score; shortest: fewest hops, then score"),
    ] = "strongest",
    k: Annotated[int, Query(ge=1, le=MAX_K, description="how many paths")] = 3,
    max_hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="at most this many edges")] = 6,
    min_strength: Annotated[
        float | None,
        Query(ge=0, le=100, description="weakest tie a path may use; default the setting (5)"),
    ] = None,
    as_of: AsOf = None,
) -> PathsResult:
    """The best paths, best first; an empty list when there is none."""
    return configured_paths(store, settings, source, target, mode, k, max_hops, min_strength, as_of)
