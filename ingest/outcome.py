"""What a run did, told honestly: a run that ingested nothing of something fails, and a run
of old interactions says what its answers "as of now" will look like.

>>> from ingest.writer import FileCounts
>>> nothing_ingested({"companies.csv": FileCounts(read=2, rejected=2)}, {}, [])
'nothing of companies.csv was ingested: every one of its 2 rows was rejected'
>>> nothing_ingested({}, {"people.csv": ["id", "name"]}, [])
'nothing was ingested: the export holds no rows (people.csv)'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from ingest.records import Reject
from ingest.writer import FileCounts, InteractionSpan

HALF_LIVES_OF_OLD = 3
"""Interactions older than this many half-lives weigh less than an eighth of a new one."""
NEARLY_ALL = 0.9


def nothing_ingested(
    files: Mapping[str, FileCounts], headers: Mapping[str, Sequence[str]], rejects: list[Reject]
) -> str | None:
    """Why the run failed although nothing stopped it, or ``None``: the export held no row
    at all, or every row of one of its files was rejected (naming the files, their first
    reasons and the columns they have)."""
    if not any(c.read for c in files.values()):
        named = ", ".join(sorted(headers)) or "no .csv or .jsonl file"
        return f"nothing was ingested: the export holds no rows ({named})"
    lost = sorted(path for path, c in files.items() if c.read and c.rejected == c.read)
    if not lost:
        return None
    parts = []
    for path in lost:
        reasons = Counter(r.reason for r in rejects if r.file == path)
        why = "; ".join(
            f"{reason} ({n:,}×)" if n > 1 else reason for reason, n in reasons.most_common(3)
        )
        found = headers.get(path)
        columns = f"; its columns: {', '.join(found)}" if found else ""
        rows = files[path].read
        parts.append(
            f"nothing of {path} was ingested: every one of its {rows:,} rows was rejected"
            + (f" ({why})" if why else "")
            + columns
        )
    return "; ".join(parts)


def old_interactions_note(span: InteractionSpan, half_life_days: float) -> str | None:
    """A warning when nearly all the interactions a run wrote are old enough that strengths
    "as of now" come out near zero, with the date to ask ``--as-of`` instead."""
    if not span.count or span.last is None or span.old < NEARLY_ALL * span.count:
        return None
    days = HALF_LIVES_OF_OLD * half_life_days
    return (
        f"{span.old / span.count:.0%} of the {span.count:,} interactions ingested are more than "
        f"{days:,.0f} days old ({HALF_LIVES_OF_OLD} half-lives): answers as of now will be near "
        f"zero; ask as of their latest date instead (--as-of {span.last:%Y-%m-%d}, "
        f"?as_of={span.last:%Y-%m-%d})"
    )


def old_before(now: datetime, half_life_days: float) -> datetime:
    """The instant before which an interaction counts as old for :func:`old_interactions_note`."""
    return now - timedelta(days=HALF_LIVES_OF_OLD * half_life_days)
