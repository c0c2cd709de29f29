"""The service's log lines (the ``srm`` loggers) on stderr, one line each: ``srm serve``'s
and, once it has become one, the workers' supervisor's."""

from __future__ import annotations

import logging


def to_stderr() -> None:
    """Log ``srm`` and its children (``srm.api``, ``srm.workers``…) at INFO on stderr, with
    the time and the level, unless something set up its handlers already."""
    service = logging.getLogger("srm")
    if not service.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        service.addHandler(handler)
        service.setLevel(logging.INFO)
