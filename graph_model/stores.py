"""Open the store the settings name.

>>> import tempfile
>>> store = open_store(Settings(data_dir=tempfile.mkdtemp()))
>>> store.backend
'embedded'
>>> store.close()
"""

from __future__ import annotations

import gc

from graph_model.embedded.store import EmbeddedStore
from graph_model.scoring import ScoringModel
from graph_model.settings import Settings
from graph_model.store import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """An open :class:`GraphStore` for ``settings.backend``; close it when done."""
    if settings.backend == "neo4j":
        from graph_model.neo4j.store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            (settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            settings.neo4j_database,
            model=ScoringModel.from_settings(settings),
        )
    return EmbeddedStore(
        settings.data_dir,
        model=ScoringModel.from_settings(settings),
        cache_mib=settings.sqlite_cache_mib,
    )


def open_for_serving(settings: Settings) -> GraphStore:
    """:func:`open_store`, ready for a long-running service: the embedded index is built now
    rather than on the first request, and what the process holds then is left out of
    garbage collection for good (it lives as long as the process; a full collection over
    a million ties would stall a request for a third of a second)."""
    store = open_store(settings)
    if isinstance(store, EmbeddedStore):
        store.index  # noqa: B018 - builds it
    gc.collect()
    gc.freeze()
    return store
