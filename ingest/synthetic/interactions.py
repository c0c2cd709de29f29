"""The interactions of a dataset: how many on each business day, of which kind, between whom.

Days weigh by month, weekday, the holidays and a growth over the two years; each
interaction picks a pair active that day (:mod:`~ingest.synthetic.pairs`), a kind,
extra participants, a time of day, an initiator by the kind's rule and a subject.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import accumulate
from operator import itemgetter
from random import Random

from ingest.synthetic.pairs import external_pairs, internal_pairs
from ingest.synthetic.sampling import Weighted, width
from ingest.synthetic.vocabulary import CATEGORIES, INTERNAL_SUBJECTS, SUBJECTS
from ingest.synthetic.world import HOME, Row, World, stop

INTERNAL_SHARE = 0.08
INTERNAL_EXTRA_SHARE = 0.35
MANAGER_EXTRA_SHARE = 0.5
UNDIRECTED_CALL_SHARE = 0.15
MONTH_ACTIVITY: tuple[float, ...] = (0.9, 1.0, 1.05, 1.0, 1.0, 1.0, 0.85, 0.65, 1.05, 1.1, 1.1, 0.8)
WEEKDAY_ACTIVITY: tuple[float, ...] = (0.95, 1.05, 1.05, 1.0, 0.85)
HOLIDAY_ACTIVITY = 0.3
GROWTH = 0.3

KINDS: tuple[str, ...] = (
    "email",
    "call",
    "meeting",
    "video_call",
    "message",
    "event",
    "negotiation",
    "rfp",
    "gift",
    "note",
)
EXTERNAL_KIND_WEIGHTS: tuple[float, ...] = (
    0.35,
    0.18,
    0.14,
    0.12,
    0.09,
    0.04,
    0.03,
    0.025,
    0.015,
    0.01,
)
INTERNAL_KIND_WEIGHTS: tuple[float, ...] = (0.30, 0.08, 0.35, 0.15, 0.12, 0, 0, 0, 0, 0)
SCHEDULED_KINDS = frozenset({"meeting", "event", "video_call", "negotiation"})
INITIATOR_RULES = {
    "email": "either",
    "call": "mostly",
    "meeting": "mutual",
    "video_call": "mutual",
    "message": "either",
    "event": "mutual",
    "negotiation": "mutual",
    "rfp": "buyer",
    "gift": "seller",
    "note": "internal",
}
EXTRA_PARTICIPANTS: dict[str, tuple[int, ...]] = {
    "email": (0, 0, 0, 0, 0, 0, 1, 1, 2),
    "call": (0, 0, 0, 0, 0, 0, 0, 0, 0, 1),
    "meeting": (0, 0, 0, 0, 1, 1, 1, 2, 2, 3),
    "video_call": (0, 0, 0, 1, 1, 2, 3),
    "message": (0,),
    "event": (1, 2, 2, 3, 3, 4, 4, 6, 8, 10),
    "negotiation": (1, 1, 2, 2, 3),
    "rfp": (0, 0, 1, 2),
    "gift": (0,),
    "note": (0,),
}
HOUR_WEIGHTS: tuple[tuple[int, float], ...] = (
    (7, 0.02),
    (8, 0.08),
    (9, 0.13),
    (10, 0.14),
    (11, 0.12),
    (12, 0.06),
    (13, 0.09),
    (14, 0.12),
    (15, 0.11),
    (16, 0.08),
    (17, 0.04),
    (18, 0.01),
)
SCHEDULED_MINUTES: tuple[tuple[int, float], ...] = ((0, 0.45), (15, 0.1), (30, 0.35), (45, 0.1))


def interaction_rows(rng: Random, world: World, count: int) -> Iterator[Row]:
    """``count`` interaction rows over the days of ``world``, in time order."""
    if count == 0:
        return
    factory = _InteractionFactory(rng, world)
    digits = width(count, 7)
    number = 0
    for day, day_count in _day_counts(rng, world.first_day, world.last_day, count):
        for row in factory.day(day, day_count):
            number += 1
            yield (f"i{number:0{digits}d}", *row)


def _day_counts(
    rng: Random, first_day: int, last_day: int, total: int
) -> Iterator[tuple[int, int]]:
    days = [day for day in range(first_day, last_day + 1) if date.fromordinal(day).weekday() < 5]
    weights = [
        _day_weight(date.fromordinal(day), position / len(days)) * rng.uniform(0.75, 1.25)
        for position, day in enumerate(days)
    ]
    cumulative = list(accumulate(weights))
    bounds = [min(total, round(value * total / cumulative[-1])) for value in cumulative]
    bounds[-1] = total
    previous = 0
    for day, bound in zip(days, bounds, strict=True):
        yield day, bound - previous
        previous = bound


def _day_weight(day: date, progress: float) -> float:
    holidays = (day.month == 12 and day.day >= 22) or (day.month == 1 and day.day <= 6)
    return (
        MONTH_ACTIVITY[day.month - 1]
        * WEEKDAY_ACTIVITY[day.weekday()]
        * (HOLIDAY_ACTIVITY if holidays else 1.0)
        * (1.0 + GROWTH * progress)
    )


def _time_table(minutes: Sequence[tuple[int, float]]) -> Weighted[str]:
    slots = [
        (f"{hour:02d}:{minute:02d}:00Z", hour_weight * minute_weight)
        for hour, hour_weight in HOUR_WEIGHTS
        for minute, minute_weight in minutes
    ]
    return Weighted([slot for slot, _ in slots], [weight for _, weight in slots])


class _InteractionFactory:
    """Draws one day's interactions at a time from the precomputed pairs."""

    def __init__(self, rng: Random, world: World) -> None:
        people, companies = world.people, world.companies
        self._random = rng.random
        self._ids = [person.id for person in people]
        self._start = [person.start for person in people]
        self._stop = [stop(person, world.last_day) for person in people]
        self._managers = [-1 if person.manager is None else person.manager for person in people]
        self._members = [company.people for company in companies]
        self._company_ids = [""] + [company.id for company in companies[1:]]
        self._roles = [company.role for company in companies]
        self._topics = [company.topics for company in companies]
        self._external = external_pairs(rng, world)
        self._internal = internal_pairs(rng, world)
        self._external_kinds = Weighted(KINDS, EXTERNAL_KIND_WEIGHTS)
        self._internal_kinds = Weighted(KINDS, INTERNAL_KIND_WEIGHTS)
        self._scheduled_times = _time_table(SCHEDULED_MINUTES)
        self._any_times = _time_table([(minute, 1.0) for minute in range(60)])
        self._subjects: dict[tuple[str, int, int, int], str] = {}

    def day(self, ordinal: int, count: int) -> list[Row]:
        """Return ``count`` interactions on the given day, in time order."""
        today = date.fromordinal(ordinal)
        prefix = today.isoformat() + "T"
        quarter = (today.month - 1) // 3 + 1
        rows = [self._row(ordinal, prefix, today.year, quarter) for _ in range(count)]
        rows.sort(key=itemgetter(1))
        return rows

    def _row(self, day: int, prefix: str, year: int, quarter: int) -> Row:
        random = self._random
        internal = random() < INTERNAL_SHARE
        pairs = self._internal if internal else self._external
        index = pairs.pick(random, day)
        first, second, company = pairs.first[index], pairs.second[index], pairs.company[index]
        kind = (self._internal_kinds if internal else self._external_kinds).draw(random)
        participants = [first, second]
        extras = EXTRA_PARTICIPANTS[kind]
        for _ in range(extras[int(random() * len(extras))]):
            self._add_extra(participants, company, day)
        times = self._scheduled_times if kind in SCHEDULED_KINDS else self._any_times
        initiator = self._initiator(kind, first, second, company)
        ids = self._ids
        return (
            kind,
            prefix + times.draw(random),
            ";".join([ids[participant] for participant in participants]),
            "" if initiator < 0 else ids[initiator],
            self._subject(kind, company, year, quarter),
            self._company_ids[company],
        )

    def _add_extra(self, participants: list[int], company: int, day: int) -> None:
        random = self._random
        if company == HOME or random() < INTERNAL_EXTRA_SHARE:
            manager = self._managers[participants[0]]
            if manager >= 0 and random() < MANAGER_EXTRA_SHARE:
                candidate = manager
            else:
                candidate = self._members[HOME][int(random() * len(self._members[HOME]))]
        else:
            members = self._members[company]
            candidate = members[int(random() * len(members))]
        if candidate not in participants and self._start[candidate] <= day < self._stop[candidate]:
            participants.append(candidate)

    def _initiator(self, kind: str, first: int, second: int, company: int) -> int:
        rule = INITIATOR_RULES[kind]
        if rule == "mutual" or (rule == "mostly" and self._random() < UNDIRECTED_CALL_SHARE):
            return -1
        if rule == "internal":
            return first
        role = self._roles[company]
        if rule in ("seller", "buyer") and role in ("supplier", "customer"):
            return second if (role == "supplier") == (rule == "seller") else first
        return first if self._random() < 0.5 else second

    def _subject(self, kind: str, company: int, year: int, quarter: int) -> str:
        random = self._random
        templates = INTERNAL_SUBJECTS if company == HOME else SUBJECTS[kind]
        template = templates[int(random() * len(templates))]
        topics = self._topics[company]
        topic = topics[int(random() * len(topics))]
        key = (template, topic, year, quarter)
        subject = self._subjects.get(key)
        if subject is None:
            category = CATEGORIES[topic]
            subject = template.format(
                category=category.name,
                category_de=category.german,
                year=year,
                next_year=year + 1,
                quarter=f"Q{quarter}",
            )
            self._subjects[key] = subject
        return subject
