"""Whether a process still runs: what tells a run or a file left by a process that died.

>>> import os
>>> alive(os.getpid())
True
"""

from __future__ import annotations

import os


def alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this host (one of another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
