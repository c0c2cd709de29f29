"""The embedded index's stored ties: written once, mapped on every start, kept in step.

Every state the index can be in (a new file, a file mapped again, changes over it from
this process or another, a new file written when too many changed, a file of another
store or model, a damaged one) is checked against the ties folded anew from every
interaction.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from graph_model.embedded import follow, tie_file
from graph_model.embedded.store import EmbeddedStore
from graph_model.scoring import ScoringModel
from graph_model.store import NodeUpsert, RelRow, RelUpsert, Upsert
from graph_model.ties import InteractionFact, Tie, add_interaction
from queries.coverage import coverage_reads
from queries.view import network_view, pair

START = datetime(2025, 1, 1, tzinfo=UTC)
KINDS = ("meeting", "email", "call", "note")


def _people(count: int) -> list[Upsert]:
    people = [{"id": f"p{i:03d}", "name": f"Person {i}"} for i in range(count)]
    return [NodeUpsert("Person", people)]


def _interactions(rng: random.Random, first: int, count: int, people: int) -> list[Upsert]:
    nodes, links = [], []
    for n in range(first, first + count):
        who = rng.sample(range(people), rng.choice((2, 2, 2, 3)))
        at = START + timedelta(days=rng.randrange(500), seconds=rng.randrange(86400))
        starter = rng.choice([None, *who])
        nodes.append(
            {
                "id": f"i{n:05d}",
                "kind": rng.choice(KINDS),
                "occurred_at": at,
                "initiator_id": None if starter is None else f"p{starter:03d}",
            }
        )
        links += [RelRow(f"p{p:03d}", f"i{n:05d}") for p in who]
    return [NodeUpsert("Interaction", nodes), RelUpsert("PARTICIPATED_IN", links)]


def _expected(store: EmbeddedStore, model: ScoringModel) -> dict[tuple[str, str], tuple]:
    """Every tie folded anew from the interactions SQLite holds now."""
    ties: dict[tuple[str, str], Tie] = {}
    with store.reading() as conn:
        rows = conn.execute(
            "SELECT i.id, i.kind, i.occurred_at, group_concat(p.start), i.initiator_id "
            'FROM n_interaction AS i JOIN r_participated_in AS p ON p."end" = i.id '
            "GROUP BY i.id ORDER BY i._seq, i.id"
        ).fetchall()
    for interaction_id, kind, at, people, initiator in rows:
        fact = InteractionFact(interaction_id, kind, at, people.split(","), initiator)
        add_interaction(ties, model, fact)
    return {pair: _aggregates(tie) for pair, tie in ties.items()}


def _aggregates(tie: Tie) -> tuple:
    return (
        round(tie.weight, 9),
        tie.count,
        tie.out_a,
        tie.out_b,
        tie.mutual,
        tie.first,
        tie.last,
    )


def _held(store: EmbeddedStore) -> dict[tuple[str, str], tuple]:
    """Every tie the index holds, read pair by pair and person by person (both agree)."""
    index = store.index
    held = {pair: _aggregates(tie) for pair, tie in index.all_ties()}
    for (a, b), aggregates in held.items():
        assert _aggregates(index.tie(b, a)) == aggregates
    people = {p for pair in held for p in pair}
    around = {(p, q) for p in people for q, _ in index.ties_of(p)}
    assert {tuple(sorted(pair)) for pair in around} == set(held)
    return held


@pytest.fixture
def grown(tmp_path: Path) -> tuple[Path, random.Random]:
    """A store of 40 people and 300 interactions whose index has written its tie file."""
    rng = random.Random(3)
    store = EmbeddedStore(tmp_path)
    store.write(_people(40))
    store.write(_interactions(rng, 0, 300, 40))
    assert _held(store) == _expected(store, store.model)
    store.close()
    return tmp_path, rng


def test_the_first_index_writes_the_tie_file_and_the_next_one_maps_it(
    grown: tuple[Path, random.Random],
) -> None:
    folder, _ = grown
    assert (folder / tie_file.FILE_NAME).exists()
    store = EmbeddedStore(folder)
    index = store.index
    assert index.ties.file is not None and index.ties.changes == 0
    assert index.applied == 40  # the people only: no interaction was folded again
    assert _held(store) == _expected(store, store.model)
    store.close()


def test_changes_after_the_file_are_put_over_it_from_this_process_and_another(
    grown: tuple[Path, random.Random],
) -> None:
    folder, rng = grown
    service, other = EmbeddedStore(folder), EmbeddedStore(folder)
    service.warm_up()
    service.write(_interactions(rng, 300, 40, 40))  # this process
    other.write(_interactions(rng, 340, 40, 40))  # another one
    with service.reader():
        assert service.index.ties.changes > 0
        assert _held(service) == _expected(service, service.model)
    # an older interaction changes: its pairs are counted again
    again = _interactions(random.Random(99), 5, 1, 40)
    other.write(again)
    with service.reader():
        assert _held(service) == _expected(service, service.model)
    reopened = EmbeddedStore(folder)  # the file, and everything after it folded over it
    assert _held(reopened) == _expected(reopened, reopened.model)
    for store in (service, other, reopened):
        store.close()


@pytest.mark.parametrize("days", [250, 600], ids=["as of mid-way", "as of after all"])
def test_strengths_read_in_place_are_those_of_the_ties(
    grown: tuple[Path, random.Random], days: int
) -> None:
    """A strength and a coverage contact scored from the tie file's columns, or from a tie
    changed since, are those the view works out from the tie itself (as of a day before
    some of its interactions, too)."""
    folder, rng = grown
    store = EmbeddedStore(folder)
    store.warm_up()
    store.write(_interactions(rng, 300, 40, 40))  # some ties change after the file
    jobs = [RelRow(f"p{i:03d}", "home" if i < 20 else "acme") for i in range(40)]
    store.write(
        [
            NodeUpsert("Company", [{"id": "home", "name": "Home"}, {"id": "acme", "name": "Acme"}]),
            NodeUpsert(
                "Person",
                [
                    {"id": f"p{i:03d}", "name": f"Person {i}", "seniority": "executive"}
                    for i in range(40)
                ],
            ),
            RelUpsert("WORKS_AT", jobs),
        ]
    )
    view = network_view(store, START + timedelta(days=days))
    index = store.index
    ties = dict(index.all_ties())
    changed = {pair for pair in ties if index.ties.locate(pair)[1] < 0}
    assert changed and len(changed) < len(ties)
    for (a, b), tie in ties.items():
        assert view.strength(b, a) == view.strength_of((a, b), tie)
    staff = coverage_reads(view).staff(["acme"], ["executive"], "home")["acme"]
    assert len(staff) == 20
    for member in staff:
        person = member.person["id"]
        expected = {q: tie for q, tie in index.ties_of(person) if q < "p020"}
        assert {c.person_id for c in member.contacts} == set(expected)
        for c in member.contacts:
            assert c.strength == view.strength_of(pair(person, c.person_id), expected[c.person_id])
            assert c.last == expected[c.person_id].last
    store.close()


def test_when_many_ties_changed_a_new_file_is_written_and_other_processes_take_it(
    grown: tuple[Path, random.Random], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, rng = grown
    monkeypatch.setattr(follow, "CROWDED", 20)
    first, second = EmbeddedStore(folder), EmbeddedStore(folder)
    first.warm_up()
    second.warm_up()
    old_seq = tie_file.TieFile.seq_of(folder / tie_file.FILE_NAME)
    first.write(_interactions(rng, 300, 120, 40))
    first.write(_interactions(rng, 420, 5, 40))  # the catch-up after the crowd writes a file
    new_seq = tie_file.TieFile.seq_of(folder / tie_file.FILE_NAME)
    assert old_seq is not None and new_seq is not None and new_seq > old_seq
    with first.reader():
        assert first.index.ties.file is not None and first.index.ties.file.seq == new_seq
        assert _held(first) == _expected(first, first.model)
    second.write(_interactions(rng, 425, 120, 40))
    second.write(_interactions(rng, 545, 5, 40))  # crowded: takes the newer file first
    with second.reader():
        assert second.index.ties.file is not None
        assert second.index.ties.file.seq == new_seq
        assert _held(second) == _expected(second, second.model)
    first.close()
    second.close()


def test_a_file_of_another_store_or_model_or_a_damaged_one_is_not_used(
    grown: tuple[Path, random.Random], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, rng = grown
    other = tmp_path_factory.mktemp("other")
    store = EmbeddedStore(other)
    store.write(_people(40))
    store.write(_interactions(rng, 0, 300, 40))  # the same rows, another store
    store.close()
    shutil.copy(folder / tie_file.FILE_NAME, other / tie_file.FILE_NAME)
    copied = EmbeddedStore(other)
    assert _held(copied) == _expected(copied, copied.model)
    written = (other / tie_file.FILE_NAME).read_bytes()  # folded anew into a file of its own
    assert written != (folder / tie_file.FILE_NAME).read_bytes()
    copied.close()

    heavier = ScoringModel(weights={"meeting": 5.0, "email": 1.0, "call": 2.0})
    reweighed = EmbeddedStore(folder, model=heavier)
    assert _held(reweighed) == _expected(reweighed, heavier)
    reweighed.close()

    path = folder / tie_file.FILE_NAME
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    damaged = EmbeddedStore(folder)
    assert _held(damaged) == _expected(damaged, damaged.model)
    damaged.close()


def test_a_file_of_an_earlier_layout_is_written_again(grown: tuple[Path, random.Random]) -> None:
    folder, _ = grown
    path = folder / tie_file.FILE_NAME
    current = f'"version": {tie_file.VERSION},'.encode()
    earlier = f'"version": {tie_file.VERSION - 1},'.encode()
    written = path.read_bytes()
    assert written.count(current) == 1
    path.write_bytes(written.replace(current, earlier))
    reopened = EmbeddedStore(folder)
    assert _held(reopened) == _expected(reopened, reopened.model)
    assert path.read_bytes() == written  # the same ties, in the file of today's layout
    reopened.close()


def test_a_folder_where_no_file_can_be_written_keeps_the_ties_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(tie_file, "write", refuse)
    rng = random.Random(5)
    store = EmbeddedStore(tmp_path)
    store.write(_people(20))
    store.write(_interactions(rng, 0, 80, 20))
    reopened = EmbeddedStore(tmp_path)
    assert reopened.index.ties.file is None
    assert _held(reopened) == _expected(reopened, reopened.model)
    store.close()
    reopened.close()


def test_the_first_index_tells_how_far_it_has_got(tmp_path: Path) -> None:
    rng = random.Random(8)
    store = EmbeddedStore(tmp_path)
    store.write(_people(20))
    store.write(_interactions(rng, 0, 50, 20))
    store.close()
    (tmp_path / tie_file.FILE_NAME).unlink(missing_ok=True)
    told: list[tuple[int, int]] = []
    reopened = EmbeddedStore(tmp_path)
    reopened.progress = lambda done, total: told.append((done, total))
    reopened.prepare_index()
    assert told[-1] == (50, 50)
    told.clear()
    again = EmbeddedStore(tmp_path)
    again.progress = lambda done, total: told.append((done, total))
    again.prepare_index()  # the file is there: nothing to fold
    assert told == []
    for each in (reopened, again):
        each.close()


def test_any_id_is_kept_and_what_a_dead_writer_left_is_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])  # a process that has ended: its pid names no writer
    dead.wait()
    leftover = tmp_path / f".{tie_file.FILE_NAME}.{dead.pid}.abc123"
    leftover.write_bytes(b"half a file")
    odd = ["line\nbreak", "Zoë", "semi;colon", 'quote"d']
    store = EmbeddedStore(tmp_path)
    store.write([NodeUpsert("Person", [{"id": p, "name": p} for p in odd])])
    met = {"id": "m1", "kind": "meeting", "occurred_at": START}
    store.write(
        [
            NodeUpsert("Interaction", [met]),
            RelUpsert("PARTICIPATED_IN", [RelRow(p, "m1") for p in odd]),
        ]
    )
    assert len(_held(store)) == 6
    store.close()
    assert not leftover.exists()
    reopened = EmbeddedStore(tmp_path)
    assert reopened.index.ties.file is not None
    assert sorted(reopened.index.ties.file.names) == sorted(odd)
    assert _held(reopened) == _expected(reopened, reopened.model)
    reopened.close()
