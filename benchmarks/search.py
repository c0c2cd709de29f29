"""People and company search in the query benchmark: realistic names for the benchmark's
people, the texts a type-ahead sends, and a naive scan as the baseline.

The texts mix what people type: a whole name spelled without accents ("joerg koehler"),
the first letters of a last name ("kohl"), and an e-mail or id (a single exact hit, so
every weaker level is searched to fill the list: the slowest case). The baseline folds
every key once, then answers each text by testing every key and sorting the hits, as a
straightforward implementation would.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

NAMES = Path(__file__).resolve().parent.parent / "ingest" / "synthetic" / "names.json"
LIMIT = 10


def person_names(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` (name, e-mail) pairs in the languages of the sample data."""
    from graph_model.folding import fold

    lists = json.loads(NAMES.read_text(encoding="utf-8"))
    found = []
    for i in range(count):
        names = lists[rng.choice(sorted(lists))]
        first = rng.choice(names[rng.choice(("female", "male"))])
        last = rng.choice(names["last"])
        email = f"{fold(first).replace(' ', '-')}.{fold(last).replace(' ', '-')}.{i}@example.com"
        found.append((f"{first} {last}", email))
    return found


def cases(folder: Path, samples: int, seed: int) -> list[str]:
    """What a type-ahead is sent, ``samples`` times."""
    from graph_model.folding import spellings

    conn = sqlite3.connect(folder / "graph.sqlite")
    people = conn.execute("SELECT id, name, email FROM n_person ORDER BY id").fetchall()
    conn.close()
    rng = random.Random(seed)
    texts = []
    for n in range(samples):
        node_id, name, email = rng.choice(people)
        if n % 3 == 0:
            texts.append(spellings(name)[-1])
        elif n % 3 == 1:
            texts.append(name.split()[-1][:4])
        else:
            texts.append(email if n % 2 else node_id)
    return texts


def time_service(store: Any, texts: list[str]) -> list[float]:
    """Milliseconds of each search through the function the API calls (the first builds
    the keys in memory and is left out)."""
    from queries.search import search

    search(store, "warm up")
    durations = []
    for text in texts:
        start = time.perf_counter()
        search(store, text, limit=LIMIT)
        durations.append((time.perf_counter() - start) * 1000)
    return durations


def time_baseline(folder: Path, texts: list[str]) -> list[float]:
    """Milliseconds of each search by testing every folded key."""
    from graph_model.folding import fold, node_search_key

    conn = sqlite3.connect(folder / "graph.sqlite")
    keys = [
        (node_search_key(label, {"id": i, "name": n, found_by: e}), i)
        for label, found_by, table in (
            ("Person", "email", "n_person"),
            ("Company", "domain", "n_company"),
        )
        for i, n, e in conn.execute(f"SELECT id, name, {found_by} FROM {table}")
    ]
    conn.close()
    durations = []
    for text in texts:
        start = time.perf_counter()
        folded = fold(text)
        sorted((key, i) for key, i in keys if folded in key)[:LIMIT]
        durations.append((time.perf_counter() - start) * 1000)
    return durations
