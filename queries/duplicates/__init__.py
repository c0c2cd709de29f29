"""Near-duplicate companies: pairs that look like one company but were not merged.

Ingest merges a row into an existing company only on an equal domain or an
unambiguous equal name (:mod:`ingest.resolve`); this report lists what is left
for a person to judge, with the evidence for each pair.

Rules (:class:`Rule`), each with a weight:

* a name rule, the strongest that fires, on the normalised names
  (:func:`ingest.normalize.name_key`: case, accents, punctuation, connectors,
  notes such as "(old)" and legal forms set aside):
  ``same_name`` 0.9; ``similar_name`` for names of as many words, each a slip
  away from its counterpart (one edit for words of 4-9 letters, two for 10-19,
  three beyond, none below 4; swapping two neighbours is one edit), or the same
  letters spaced differently, 0.9 × the share of letters that agree;
  ``shared_words`` when the words they share carry at least half the weight of
  all their words (a word weighs more the fewer names contain it), 0.8 × that
  share.
* a domain rule, when both have a web domain: ``same_domain`` 0.9;
  ``same_domain_name`` 0.6 when only the suffix differs (``acme.de``,
  ``acme.co.uk``); otherwise ``different_domains``, a factor of 0.7 against.

``score = (1 - Π(1 - weight of each rule in favour)) × 0.7 if the domains differ``;
a pair needs at least one rule in favour. Same name and same domain score 0.99,
the same name alone 0.9, the same name with different domains 0.63.

Only companies that share a block are compared (:mod:`queries.duplicates.blocking`).
Every pair with the same name or the same domain is found; so is every pair with
the same domain name, or with shared words that can reach ``min_score`` on their
own, unless what they share is common to more than
:data:`~queries.duplicates.blocking.MAX_BLOCK` companies. A ``similar_name``
pair is found when the first two words of both names are alike: each equal to
its counterpart or sharing its first four letters or its consonants ("Müller"
and "Mueller"), or one equal and the other one edit away ("Weber Logistik" and
"Weser Logistik").

>>> import tempfile, pathlib
>>> from graph_model.embedded.store import EmbeddedStore
>>> from graph_model.store import NodeUpsert
>>> store = EmbeddedStore(pathlib.Path(tempfile.mkdtemp()))
>>> _ = store.write([NodeUpsert("Company", [
...     {"id": "c1", "name": "Müller & Söhne GmbH", "domain": "mueller-soehne.de"},
...     {"id": "c2", "name": "Mueller und Soehne KG"},
...     {"id": "c3", "name": "Kestrel Components Ltd", "domain": "kestrel.com"},
... ])])
>>> [(p.a.id, p.b.id, p.score) for p in near_duplicates(store).pairs]
[('c1', 'c2', 0.7615)]
>>> [(e.rule.value, e.a, e.b, e.detail) for e in near_duplicates(store).pairs[0].evidence]
[('similar_name', 'muller sohne', 'mueller soehne', '2 edits apart: muller/mueller, sohne/soehne')]
>>> store.close()
"""

from queries.duplicates.compute import find_duplicates, near_duplicates
from queries.duplicates.models import CompanySide, DuplicatePair, Duplicates, Evidence, Rule

__all__ = [
    "CompanySide",
    "DuplicatePair",
    "Duplicates",
    "Evidence",
    "Rule",
    "find_duplicates",
    "near_duplicates",
]
