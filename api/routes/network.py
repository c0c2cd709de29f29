"""The relationship network: ego networks, brokers and communities."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from api import problems
from api.admission import HEAVY
from api.auth import CallerDep
from api.deps import AsOf, SettingsDep, StoreDep, guarded_router
from api.paging import Cursor, PageInfo, cut, wanted
from queries.network import Brokers, Communities, EgoNetwork, brokers, communities, ego_network
from queries.network.ego import MAX_HOPS, MAX_LIMIT

router = guarded_router("read", "network", prefix="/v1/network")


@router.get(
    "/ego/{node_id}",
    response_model=EgoNetwork,
    responses=problems.responses(404),
    dependencies=HEAVY,
)
def ego(
    store: StoreDep,
    caller: CallerDep,
    node_id: Annotated[str, Path(description="a person or company id")],
    hops: Annotated[int, Query(ge=1, le=MAX_HOPS, description="how far to walk")] = 2,
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="at most this many nodes, nearest first")
    ] = 500,
    as_of: AsOf = None,
) -> EgoNetwork:
    """People and companies within ``hops`` of a node, and the links between them (who
    supplies whom only with the ``reciprocity`` scope)."""
    found = ego_network(store, node_id, hops, limit, as_of)
    if "reciprocity" not in caller.scopes:
        found.edges = [e for e in found.edges if e.type != "SUPPLIES"]
    return found


class BrokersPage(Brokers, PageInfo):
    """A page of the brokers."""


@router.get("/brokers", response_model=BrokersPage, dependencies=HEAVY)
def get_brokers(
    store: StoreDep,
    settings: SettingsDep,
    limit: Annotated[int, Query(ge=1, le=1000, description="at most this many a page")] = 20,
    cursor: Cursor = None,
    as_of: AsOf = None,
) -> BrokersPage:
    """The people who most often sit on the shortest paths between others (betweenness)."""
    found = brokers(store, as_of, wanted(cursor, limit), settings.path_min_strength)
    people, page = cut(found.brokers, cursor, limit)
    return BrokersPage(brokers=people, sampled=found.sampled, **page.model_dump())


@router.get("/communities", response_model=Communities, dependencies=HEAVY)
def get_communities(
    store: StoreDep,
    settings: SettingsDep,
    min_size: Annotated[int, Query(ge=1, description="leave out smaller communities")] = 2,
    as_of: AsOf = None,
) -> Communities:
    """Groups of people more tied to each other than to the rest (Louvain), largest first."""
    return communities(store, as_of, min_size, settings.path_min_strength)
