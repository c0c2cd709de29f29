"""The adapters by format name, and detection of an export's format."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

from ingest.adapters.base import Adapter
from ingest.sources import ExportError, ExportFile

# Detection tries these in order: the CRM formats first, the canonical one last.
_CLASSES = {
    "salesforce": "ingest.adapters.salesforce:SalesforceAdapter",
    "hubspot": "ingest.adapters.hubspot:HubSpotAdapter",
    "canonical": "ingest.adapters.canonical:CanonicalAdapter",
    "mapping": "ingest.adapters.mapping:MappingAdapter",
}
FORMATS = tuple(_CLASSES)


def adapter_class(name: str) -> type[Adapter]:
    """The adapter of format ``name``."""
    if name not in _CLASSES:
        raise ExportError(f"unknown format {name!r}; expected one of: {', '.join(FORMATS)}")
    module, _, cls = _CLASSES[name].partition(":")
    found: type[Adapter] = getattr(import_module(module), cls)
    return found


def detect_format(files: Mapping[str, ExportFile]) -> str:
    """The first format whose adapter recognises ``files`` (the mapping format is never guessed)."""
    for name in FORMATS:
        if name != "mapping" and adapter_class(name).detect(files):
            return name
    names = ", ".join(sorted(f.path for f in files.values())) or "no .csv or .jsonl files"
    raise ExportError(f"cannot tell the format of this export ({names}); name the format")
