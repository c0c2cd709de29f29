"""The embedded backend: SQLite as the source of truth, networkx as the in-memory index."""
