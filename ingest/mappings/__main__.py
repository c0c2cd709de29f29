"""``python -m ingest.mappings``: write mapping.schema.json again, after a change to the
mapping format or to the canonical tables."""

from ingest.adapters.mapping.schema import write_schema
from ingest.mappings import SCHEMA_FILE

write_schema()
print(f"wrote {SCHEMA_FILE}")
