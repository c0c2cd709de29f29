"""The embedded index's people and jobs, held compactly: every change reads back as stored.

People's briefs are kept in one buffer with titles and levels by number, and a person's
one job without dates as the company's id alone; whatever order names, titles and jobs
change in, the index answers as a plain dict of them would.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime

from graph_model.embedded.index import GraphIndex, Job
from graph_model.embedded.people import People, PersonBrief
from graph_model.scoring import ScoringModel

NAMES = ("Ann", "Jörg Köhler-Müller", "", "Zoë", "A much longer name than any other", "李雷")
WORDS = (None, "", "CEO", "vp", "Head of Procurement")


def test_people_read_back_what_was_put_last() -> None:
    rng = random.Random(7)
    people = People()
    expected: dict[str, PersonBrief] = {}
    for _ in range(2_000):
        person = f"p{rng.randrange(50)}"
        brief = PersonBrief(rng.choice(NAMES), rng.choice(WORDS), rng.choice(WORDS))
        people.put(person, *brief)
        expected[person] = brief
    assert dict(people.items()) == expected
    assert len(people) == len(expected) and "p-none" not in people
    assert people.get("p-none") is None and people.get("p-none", expected["p1"]) == expected["p1"]
    assert len(people._names) < 5 * sum(len(b.name.encode()) for b in expected.values())


def test_jobs_read_back_what_was_put_last() -> None:
    rng = random.Random(11)
    index = GraphIndex(ScoringModel(), None)
    expected: dict[str, dict[str, Job]] = {}
    dates = (None, datetime(2024, 1, 1, tzinfo=UTC), datetime(2025, 6, 1, tzinfo=UTC))
    for _ in range(1_000):
        person, company = f"p{rng.randrange(30)}", f"c{rng.randrange(4)}"
        job = (rng.choice(dates), rng.choice(dates))
        props = {"start": person, "end": company, "started_at": job[0], "ended_at": job[1]}
        index.apply_rel("WORKS_AT", "", {k: v for k, v in props.items() if v is not None})
        expected.setdefault(person, {})[company] = job
        expected.setdefault(company, {})[person] = job
    for node, jobs in expected.items():
        assert list(index.jobs_of(node)) == list(jobs.items())
        assert dict(index.adjacency[node].items()) == jobs
        for other, job in jobs.items():
            assert index.job(node, other) == job
    assert index.job("p0", "c-none") is None and list(index.jobs_of("nobody")) == []
