"""Search: people and companies found by part of a name, e-mail, domain or id."""

from queries.search.compute import prepare, search
from queries.search.models import Hit, SearchAnswer

__all__ = ["Hit", "SearchAnswer", "prepare", "search"]
