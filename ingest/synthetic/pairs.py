"""Who deals with whom: weighted pairs of people, each active over a span of days.

External pairs link a person of home with one of another company (its account
managers more often, strategic accounts and senior people more often); internal
pairs link colleagues at home. Each company has an anchor pair (an executive of
home and its head) that is always active.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from random import Random

from ingest.synthetic.sampling import Weighted
from ingest.synthetic.world import HOME, Person, World, stop

LEVEL_ACTIVITY: tuple[float, ...] = (0.4, 0.6, 0.8, 1.2, 1.0)
TIER_ACTIVITY = {"strategic": 3.0, "key": 2.0, "standard": 1.0}
INTERNAL_FUNCTIONS: dict[str, tuple[str, ...]] = {
    "supplier": ("procurement", "supply_chain"),
    "customer": ("sales", "key_account"),
    "both": ("procurement", "supply_chain", "sales", "key_account"),
}
CONTACT_COUNTS: tuple[int, ...] = (0, 1, 1, 1, 2, 2, 3)
PAIR_PARETO_ALPHA = 1.3
PAIR_WEIGHT_CAP = 60.0
ACCOUNT_MANAGER_ACTIVITY = 2.0
ACCOUNT_MANAGER_CONTACT_SHARE = 0.5
LATE_START_SHARE = 0.12
EARLY_END_SHARE = 0.12
PICK_ATTEMPTS = 8


@dataclass(slots=True)
class Pairs:
    """Weighted (internal, counterpart) person pairs, each active on a day range."""

    first: list[int] = field(default_factory=list)
    second: list[int] = field(default_factory=list)
    company: list[int] = field(default_factory=list)
    active_from: list[int] = field(default_factory=list)
    active_until: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    anchors: list[int] = field(default_factory=list)
    sampler: Weighted[int] = field(init=False)

    def add(
        self,
        first: int,
        second: int,
        company: int,
        days: tuple[int, int],
        weight: float,
        *,
        anchor: bool = False,
    ) -> None:
        """Add a pair; anchors are active on every day and serve as fallback."""
        if anchor:
            self.anchors.append(len(self.first))
        self.first.append(first)
        self.second.append(second)
        self.company.append(company)
        self.active_from.append(days[0])
        self.active_until.append(days[1])
        self.weights.append(weight)

    def freeze(self) -> None:
        """Prepare the weights for sampling."""
        self.sampler = Weighted(range(len(self.weights)), self.weights)

    def pick(self, random: Callable[[], float], day: int) -> int:
        """Draw a pair by weight among those active on ``day``."""
        draw = self.sampler.draw
        for _ in range(PICK_ATTEMPTS):
            index = draw(random)
            if self.active_from[index] <= day < self.active_until[index]:
                return index
        return self.anchors[int(random() * len(self.anchors))]


def _pair_weight(rng: Random) -> float:
    return min(rng.paretovariate(PAIR_PARETO_ALPHA), PAIR_WEIGHT_CAP)


def _pair_days(rng: Random, world: World, first: Person, second: Person) -> tuple[int, int] | None:
    start = max(first.start, second.start, world.first_day)
    end = min(stop(first, world.last_day), stop(second, world.last_day))
    if start >= end:
        return None
    draw = rng.random()
    if draw < LATE_START_SHARE:
        start = rng.randint(start, end - 1)
    elif draw < LATE_START_SHARE + EARLY_END_SHARE:
        end = rng.randint(start + 1, end)
    return start, end


def external_pairs(rng: Random, world: World) -> Pairs:
    """Pairs of a person of home and one of another company."""
    people, home = world.people, world.companies[HOME]
    executives = [member for member in home.people if people[member].level == 0]
    pools = {
        role: [member for member in home.people if people[member].function in functions]
        or home.people
        for role, functions in INTERNAL_FUNCTIONS.items()
    }
    pairs = Pairs()
    for index, company in enumerate(world.companies[1:], start=1):
        _add_account_pairs(rng, world, pairs, index, rng.choice(executives), pools[company.role])
    pairs.freeze()
    return pairs


def _add_account_pairs(
    rng: Random, world: World, pairs: Pairs, index: int, executive: int, pool: list[int]
) -> None:
    people, company = world.people, world.companies[index]
    managers = world.account_managers.get(index, [])
    top = company.people[0]
    pairs.add(
        executive,
        top,
        index,
        (world.first_day, world.last_day + 1),
        TIER_ACTIVITY[company.tier] * LEVEL_ACTIVITY[0],
        anchor=True,
    )
    seen = {(executive, top)}
    for member in company.people:
        for _ in range(rng.choice(CONTACT_COUNTS)):
            use_manager = bool(managers) and rng.random() < ACCOUNT_MANAGER_CONTACT_SHARE
            internal = rng.choice(managers if use_manager else pool)
            days = _pair_days(rng, world, people[internal], people[member])
            if days is None or (internal, member) in seen:
                continue
            seen.add((internal, member))
            weight = (
                _pair_weight(rng)
                * TIER_ACTIVITY[company.tier]
                * LEVEL_ACTIVITY[people[member].level]
                * (ACCOUNT_MANAGER_ACTIVITY if internal in managers else 1.0)
            )
            pairs.add(internal, member, index, days, weight)


def internal_pairs(rng: Random, world: World) -> Pairs:
    """Pairs of colleagues at home: each person with their manager and a peer."""
    people, members = world.people, world.companies[HOME].people
    by_function: dict[str, list[int]] = {}
    for member in members:
        by_function.setdefault(people[member].function, []).append(member)
    pairs = Pairs()
    pairs.add(members[0], members[1], HOME, (world.first_day, world.last_day + 1), 1.0, anchor=True)
    for member in members:
        person = people[member]
        for colleague in (person.manager, rng.choice(by_function[person.function])):
            if colleague is None or colleague == member:
                continue
            days = _pair_days(rng, world, person, people[colleague])
            if days is not None:
                pairs.add(member, colleague, HOME, days, _pair_weight(rng))
    pairs.freeze()
    return pairs
