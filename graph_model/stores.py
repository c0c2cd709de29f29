"""Open the store the settings name.

>>> import tempfile
>>> store = open_store(Settings(data_dir=tempfile.mkdtemp()))
>>> store.backend
'embedded'
>>> store.close()
"""

from __future__ import annotations

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
