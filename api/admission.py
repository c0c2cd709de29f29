"""Admission of the heavy questions: a bounded wait for a slot, then a clear 503.

Paths, networks (ego, brokers, communities), the portfolio and at-risk take tens of
milliseconds to seconds of one core each. Run many at once and each takes that many times
longer (they share the interpreter), so past a point every client waits longer than it
would ever accept. At most ``SRM_HEAVY_SLOTS`` of them run at once; the others wait for a
slot on the event loop (holding no thread, so cheap questions and ``/healthz`` go on being
answered), and one that finds none within ``SRM_BUSY_WAIT_SECONDS`` is answered at once with
503 and ``Retry-After`` instead of hanging.

>>> import asyncio
>>> async def two_at_once() -> list[str]:
...     admission = Admission(slots=1, wait=0.01)
...     async with admission.slot():
...         try:
...             async with admission.slot():
...                 return ["admitted"]
...         except Busy as busy:
...             return [str(busy)]
>>> asyncio.run(two_at_once())
['1 heavy question is being answered and none more fit in 0.01 s: ask again in a few seconds']
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, HTTPException, Request

RETRY_AFTER_SECONDS = 2


class Busy(Exception):
    """No slot freed in time."""


class Admission:
    """At most ``slots`` heavy questions at once, waiting at most ``wait`` seconds for one."""

    def __init__(self, slots: int, wait: float) -> None:
        self.slots, self.wait = slots, wait
        self._free = asyncio.Semaphore(slots)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        try:
            await asyncio.wait_for(self._free.acquire(), self.wait)
        except TimeoutError:
            raise Busy(
                f"{self.slots} heavy question{'s are' if self.slots > 1 else ' is'} being "
                f"answered and none more fit in {self.wait:g} s: ask again in a few seconds"
            ) from None
        try:
            yield
        finally:
            self._free.release()


async def _admitted(request: Request) -> AsyncIterator[None]:
    admission: Admission = request.app.state.admission
    try:
        async with admission.slot():
            yield
    except Busy as busy:
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        raise HTTPException(503, str(busy), headers=headers) from None


HEAVY = [Depends(_admitted)]
"""The dependencies of a heavy route: a slot of the app's :class:`Admission`."""
