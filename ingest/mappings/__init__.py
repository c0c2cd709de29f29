"""The mapping files shipped with srm-graph (see README.md here), the JSON Schema of the format
(``mapping.schema.json``) and worked examples for public data sets (``examples/``)."""

from pathlib import Path

SHIPPED = Path(__file__).resolve().parent
"""Where the shipped mappings are (``dynamics365.yaml``, ``pipedrive.yaml``)."""
EXAMPLES = SHIPPED / "examples"
"""The worked examples (``enron.yaml``, ``usaspending.yaml``, ``maven_crm.yaml``)."""
SCHEMA_FILE = SHIPPED / "mapping.schema.json"
"""The published JSON Schema of mapping files."""
