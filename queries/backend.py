"""How a question finds the reads of its store's backend.

A capability declares what it reads from the store as a protocol in its
``reads.py``; each backend implements it as a class ``Reads`` in a module named
after the backend beside it: ``embedded.py`` reads the embedded store's index,
``neo4j.py`` runs the Cypher files of that folder. :func:`backend_reads` picks
the module of the store's backend, so no question ever asks which backend it
runs on (the backend itself is chosen once, by :func:`graph_model.stores.open_store`).

>>> from queries.view.reads import NetworkReads
>>> backend_module(NetworkReads, "neo4j").__name__
'queries.view.neo4j'
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any, TypeVar, cast

R = TypeVar("R")


@cache
def backend_module(protocol: Callable[..., Any], backend: str) -> ModuleType:
    """The module of ``backend`` beside the module that declares ``protocol`` (looked up once:
    a question asks for it on every request)."""
    package = protocol.__module__.rpartition(".")[0]
    return import_module(f"{package}.{backend}")


def backend_reads(protocol: Callable[..., R], backend: str, *args: Any) -> R:
    """``Reads(*args)`` of ``backend``'s module for the capability of ``protocol``."""
    return cast(R, backend_module(protocol, backend).Reads(*args))
