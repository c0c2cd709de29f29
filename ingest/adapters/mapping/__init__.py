"""Any CRM's export, or a public data set, as rows of the canonical tables, as a YAML mapping
file describes it.

The mapping file (``--mapping FILE``, which implies ``--format mapping``; the format is
never detected) lists tables: which export files hold one canonical table, how each
canonical column is made from the files' columns, which rows to leave out, how rows that
share a key combine. Its format is documented, with examples, in
``ingest/mappings/README.md``, and published as a JSON Schema
(``ingest/mappings/mapping.schema.json``); the mappings shipped there and their worked
examples can be named without folder and extension (``--mapping dynamics365``,
``--mapping enron``).

The modules, each with one job:

* :mod:`.templates` — ``{Column}`` templates;
* :mod:`.values` — how one value is made (fallbacks, cleanup, maps, dates);
* :mod:`.parts` — conditions, direction, lookups and joins, the rule for repeated keys;
* :mod:`.model` — the mapping file and its tables, as typed, checked parts;
* :mod:`.schema` — the published JSON Schema, and mistakes against it;
* :mod:`.loading` — reading the YAML, every mistake with its line;
* :mod:`.lookups` — files looked up by key (joins);
* :mod:`.rows` — the rows one entry makes from a file;
* :mod:`.duplicates` — rows that share a key, combined;
* :mod:`.home` — which company is the home company;
* :mod:`.adapter` — the adapter, tying them together.
"""

from ingest.adapters.mapping.adapter import MappingAdapter
from ingest.adapters.mapping.loading import load_mapping, resolve_mapping
from ingest.adapters.mapping.model import MappingFile
from ingest.mappings import SHIPPED

__all__ = ["SHIPPED", "MappingAdapter", "MappingFile", "load_mapping", "resolve_mapping"]
