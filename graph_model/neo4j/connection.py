"""The Bolt connection of the Neo4j store, and what its failures mean to a person.

Every call to the driver goes through :meth:`Connection.answering`, which turns
the driver's errors about reaching the server into one
:class:`~graph_model.store.StoreUnavailable` that names the setting to look at
(``NEO4J_URI``, ``NEO4J_USER``/``NEO4J_PASSWORD``, ``NEO4J_DATABASE``).

>>> str(Connection("bolt://db:7687", ("neo4j", "x"), "graph").explain(OSError("refused")))
'cannot reach Neo4j at bolt://db:7687 (NEO4J_URI): refused'
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    ConnectionPoolError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph_model.store import StoreUnavailable

CONNECTION_TIMEOUT = 5.0
"""Seconds to wait for a server that does not answer."""
RETRY_TIME = 15.0
"""Seconds a transaction is retried on transient errors (deadlocks, a leader switch)."""
FETCH_SIZE = 10_000
"""Records pulled at a time: the questions read rings of thousands of ties in one query."""


def shown(uri: str) -> str:
    """``uri`` as a message may show it: without a user and password written into it.

    >>> shown("bolt://neo4j:secret@db.example:7687"), shown("neo4j://db:7687")
    ('bolt://db.example:7687', 'neo4j://db:7687')
    """
    scheme, sep, rest = uri.partition("://")
    if not sep:
        return uri.rpartition("@")[2]
    host, slash, path = rest.partition("/")
    return f"{scheme}://{host.rpartition('@')[2]}{slash}{path}"


class Connection:
    """A driver for one database, its settings and its error translation."""

    def __init__(self, uri: str, auth: tuple[str, str], database: str) -> None:
        self.uri, self.user, self.database = shown(uri), auth[0], database
        try:
            self.driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=CONNECTION_TIMEOUT,
                max_transaction_retry_time=RETRY_TIME,
                fetch_size=FETCH_SIZE,
                # the server's query notices (a property no node has yet, say) are for
                # people writing Cypher; the Cypher files are linted in CI instead
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as exc:
            why = str(exc).replace(uri, self.uri)
            raise StoreUnavailable(
                f"NEO4J_URI {self.uri!r} is not a Neo4j address: {why}"
            ) from None
        self.bookmarks = self.driver.execute_query_bookmark_manager
        """Shared by every session, so that a read follows the writes before it."""

    def session(self) -> Any:
        """A session on the database, chained to every other by bookmarks."""
        return self.driver.session(database=self.database, bookmark_manager=self.bookmarks)

    def explain(self, exc: BaseException) -> StoreUnavailable:
        """What a driver error means for whoever runs the service."""
        if isinstance(exc, AuthError):
            return StoreUnavailable(
                f"Neo4j at {self.uri} refused user {self.user!r} "
                f"(check NEO4J_USER and NEO4J_PASSWORD): {exc.message}"
            )
        if isinstance(exc, ClientError) and exc.code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreUnavailable(
                f"Neo4j at {self.uri} has no database {self.database!r} (NEO4J_DATABASE)"
            )
        if isinstance(exc, Neo4jError):
            return StoreUnavailable(f"Neo4j at {self.uri} cannot answer now: {exc.message}")
        return StoreUnavailable(f"cannot reach Neo4j at {self.uri} (NEO4J_URI): {exc}")

    @contextmanager
    def answering(self) -> Iterator[None]:
        """Inside, a server that cannot be reached or used raises :class:`StoreUnavailable`."""
        try:
            yield
        except (
            AuthError,
            ServiceUnavailable,
            SessionExpired,
            ConnectionPoolError,
            TransientError,
            OSError,
        ) as exc:
            raise self.explain(exc) from exc
        except ClientError as exc:
            if exc.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise self.explain(exc) from exc
            raise

    def close(self) -> None:
        self.driver.close()
