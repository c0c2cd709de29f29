"""Open the store the settings name: the one place where the backend is chosen.

>>> import tempfile
>>> store = open_store(Settings(data_dir=tempfile.mkdtemp()))
>>> store.backend
'embedded'
>>> store.close()
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from graph_model.embedded.store import EmbeddedStore
from graph_model.scoring import ScoringModel
from graph_model.settings import Settings
from graph_model.store import GraphStore


def _embedded(settings: Settings) -> GraphStore:
    return EmbeddedStore(
        settings.data_dir,
        model=ScoringModel.from_settings(settings),
        cache_mib=settings.sqlite_cache_mib,
    )


def _neo4j(settings: Settings) -> GraphStore:
    from graph_model.neo4j.store import Neo4jStore  # the driver costs 30 MiB: only when used

    return Neo4jStore(
        settings.neo4j_uri,
        (settings.neo4j_user, settings.neo4j_password.get_secret_value()),
        settings.neo4j_database,
        model=ScoringModel.from_settings(settings),
    )


BACKENDS: dict[str, Callable[[Settings], GraphStore]] = {"embedded": _embedded, "neo4j": _neo4j}


def open_store(settings: Settings) -> GraphStore:
    """An open :class:`GraphStore` for ``settings.backend``; close it when done."""
    return BACKENDS[settings.backend](settings)


def open_for_serving(settings: Settings) -> GraphStore:
    """:func:`open_store`, ready for a long-running service: warmed up now rather than on the
    first request, and what the process holds then left out of garbage collection for good
    (it lives as long as the process; a full collection over a million ties would stall a
    request for a third of a second)."""
    store = open_store(settings)
    store.warm_up()
    gc.collect()
    gc.freeze()
    return store
