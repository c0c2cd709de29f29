"""Load Cypher from ``.cypher`` files and bind schema tokens into them.

Labels, relationship types and property names cannot be query parameters, so
the files name them with placeholders (``__LABEL__``, ``__START__``,
``__END__``, ``__TYPE__``, ``__PROP__``) that are replaced only by names from
the schema's allow-list. A line with ``__TIMES__`` stands once for each of the
datetime properties named by ``TIMES`` (comma-separated; none drops the line).
Everything else reaches Neo4j as a parameter; datetimes as ``[epoch seconds,
nanoseconds]`` (:func:`instant`), which the driver packs several times faster. Reads
that return many datetimes return them the same way (``[t.epochSeconds,
t.nanosecond]``, :func:`moment`): the driver turns each datetime value into a Python
object at some 50 µs, and two integers at a fraction of a microsecond.

>>> print(render(CYPHER_DIR / "node_get.cypher", LABEL="Company"))
UNWIND $ids AS id
MATCH (n:Company {id: id})
RETURN collect(properties(n)) AS found
>>> render(CYPHER_DIR / "node_upsert.cypher", LABEL="Interaction", TIMES="occurred_at").count(
...     "occurred_at: datetime("
... )
1
>>> render(CYPHER_DIR / "node_get.cypher", LABEL="Company) DETACH DELETE (n")
Traceback (most recent call last):
...
ValueError: 'Company) DETACH DELETE (n' is not a LABEL of the schema
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from graph_model.schema import NODE_TYPES, REL_TYPES, PropType

CYPHER_DIR = Path(__file__).parent / "cypher"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

_ALL_PROPS = frozenset(
    [p.name for n in NODE_TYPES.values() for p in n.properties]
    + [p.name for r in REL_TYPES.values() for p in r.properties]
)
_DATETIMES = frozenset(
    [p.name for n in NODE_TYPES.values() for p in n.properties if p.type is PropType.DATETIME]
    + [p.name for r in REL_TYPES.values() for p in r.properties if p.type is PropType.DATETIME]
)
_ALLOWED: dict[str, frozenset[str]] = {
    "LABEL": frozenset(NODE_TYPES),
    "START": frozenset(NODE_TYPES),
    "END": frozenset(NODE_TYPES),
    "TYPE": frozenset(REL_TYPES),
    "PROP": _ALL_PROPS,
    "TIMES": _DATETIMES,
}


@cache
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@cache
def render(path: Path, **tokens: str) -> str:
    """The Cypher in ``path`` with each ``__TOKEN__`` replaced by an allowed schema name."""
    text = _read(path)
    times = [t for t in tokens.pop("TIMES", "").split(",") if t]
    for token, value in [*tokens.items(), *(("TIMES", t) for t in times)]:
        if value not in _ALLOWED[token]:
            raise ValueError(f"{value!r} is not a {token} of the schema")
    for token, value in tokens.items():
        text = text.replace(f"__{token}__", value)
    lines = []
    for line in text.splitlines():
        if "__TIMES__" in line:
            lines += [line.replace("__TIMES__", t) for t in times]
        elif not line.lstrip().startswith("//"):
            lines.append(line)
    return "\n".join(lines).strip()


def instant(value: datetime) -> list[int]:
    """``[epoch seconds, nanoseconds]`` of an aware datetime, as the ``.cypher`` files take
    datetimes (``datetime({epochSeconds: t[0], nanosecond: t[1]})``).

    >>> instant(datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC))
    [-1, 500000000]
    """
    micros = (value - EPOCH) // timedelta(microseconds=1)
    seconds, rest = divmod(micros, 1_000_000)
    return [seconds, rest * 1000]


def moment(value: list[int | None]) -> datetime | None:
    """The datetime of ``[epoch seconds, nanoseconds]`` as a ``.cypher`` file returns it
    (``[t.epochSeconds, t.nanosecond]``; ``[null, null]`` for a missing ``t``): the inverse
    of :func:`instant`, to the microsecond.

    >>> moment(instant(datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=UTC)))
    datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, tzinfo=datetime.timezone.utc)
    >>> moment([None, None]) is None
    True
    """
    seconds, nanos = value
    if seconds is None or nanos is None:
        return None
    return EPOCH + timedelta(seconds=seconds, microseconds=nanos // 1000)
