"""Type-ahead over people and companies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.deps import AsOf, StoreDep, guarded_router, searched_text
from queries.search import SearchAnswer, search
from queries.search.models import Kind

router = guarded_router("read", "entities")


@router.get("/search", response_model=SearchAnswer)
def find(
    store: StoreDep,
    q: Annotated[
        str, searched_text("part of a name, e-mail, domain or id; any case, accents optional")
    ],
    kind: Annotated[Kind | None, Query(description="only people or only companies")] = None,
    limit: Annotated[int, Query(ge=1, le=50, description="at most this many hits")] = 10,
    as_of: AsOf = None,
) -> SearchAnswer:
    """People and companies whose name, e-mail, domain, id or former name holds ``q``, with
    case and accents folded ("koehler" and "kohler" find "Köhler", "Muller" finds
    "Müller"). Hits come best first: the whole of a name or id, then the start of one,
    then the start of a word, then anywhere; each level in list order (the folded name,
    then the id). A person comes with their employer at ``as_of`` (now by default)."""
    return search(store, q, kind, limit, as_of)
