"""Memory a long-running process frees given back to the system."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


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
