"""A progress bar on stderr for the one long wait a store may have: its first index.

A store of an older version, or one read with other scoring weights, has no tie
file for its index yet: the first command or service start folds every
interaction into one (a million in about 25 s on a small machine), once.

>>> from rich.console import Console
>>> bar = IndexingBar(Console(stderr=True))
>>> bar(50_000, 100_000); bar(100_000, 100_000)  # drawn only on a terminal
>>> bar.finished
True
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TimeRemainingColumn


class IndexingBar:
    """Called with ``(done, total)`` interactions; draws, then clears, the bar on ``console``."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._bar: Progress | None = None
        self._task = TaskID(0)
        self.finished = False

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = Progress(
                "indexing interactions (once)",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self._console,
                transient=True,
            )
            self._task = self._bar.add_task("index", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done)
        if done >= total:
            self._bar.stop()
            self.finished = True
