"""The relationship network as a whole: ego networks, brokers and communities.

Semantics in DESIGN.md ("Query semantics", Network). Every capability reads
the network through a :class:`~queries.view.NetworkView` (exact for any
``as_of``) plus the links of :mod:`queries.network.links`, so both backends
give the same answer.
"""

from queries.network.brokers import Broker, Brokers, brokers
from queries.network.communities import Communities, Community, communities
from queries.network.ego import EgoEdge, EgoNetwork, EgoNode, ego_network

__all__ = [
    "Broker",
    "Brokers",
    "Communities",
    "Community",
    "EgoEdge",
    "EgoNetwork",
    "EgoNode",
    "brokers",
    "communities",
    "ego_network",
]
