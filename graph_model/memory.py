"""Memory: automatic collection paused while a process builds, and what it frees given
back to the system."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache


@contextmanager
def collection_paused() -> Iterator[None]:
    """Automatic garbage collection paused inside (and resumed after, if it was on).

    Bulk loads and index builds allocate millions of objects, many of them kept: a
    collection of the young objects then keeps walking them, and only costs time. What
    they make is freed as its last reference goes; a store whose writes leave reference
    cycles collects them itself (see :meth:`graph_model.neo4j.store.Neo4jStore.write`).

    >>> with collection_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@cache
def _trim() -> ctypes._NamedFuncPointer | None:
    """glibc's ``malloc_trim``, where the C library has one."""
    name = ctypes.util.find_library("c")
    try:
        return None if name is None else ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None


def give_back() -> None:
    """Return to the system the memory the C heap holds free (after a build that made and
    dropped many objects, glibc keeps tens of MiB of them, spread through the heap)."""
    trim = _trim()
    if trim is not None:
        trim(0)
