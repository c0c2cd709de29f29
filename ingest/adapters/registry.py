"""The adapters by format name, and detection of an export's format."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import NamedTuple

from ingest.adapters.base import Adapter
from ingest.errors import ExportError
from ingest.sources import ExportFile

# Detection tries these in order: the CRM formats first, the canonical one last. HubSpot
# goes before Salesforce: it claims only files with headers no Salesforce export has
# ("Record ID", "Associated Company", hs_… names), while a HubSpot export can carry labels
# a Salesforce report has too ("Contact ID", "First Name").
_CLASSES = {
    "hubspot": "ingest.adapters.hubspot:HubSpotAdapter",
    "salesforce": "ingest.adapters.salesforce:SalesforceAdapter",
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


_SHOWN = 5
"""Files a detection names (it counts the others)."""


class Detected(NamedTuple):
    format: str
    reason: str
    """Which files made it that format."""


def detect_format(files: Mapping[str, ExportFile]) -> str:
    """The first format whose adapter recognises ``files`` (the mapping format is never
    guessed); :class:`~ingest.errors.ExportError` when none does."""
    return detected(files).format


def detected(files: Mapping[str, ExportFile]) -> Detected:
    """:func:`detect_format`, with the reason."""
    for name in FORMATS:
        if name != "mapping" and (marked := adapter_class(name).detect(files)):
            shown = ", ".join(marked[:_SHOWN])
            more = f" and {len(marked) - _SHOWN} more" if len(marked) > _SHOWN else ""
            how = "by their names" if name == "canonical" else "by their headers"
            return Detected(name, f"{shown}{more}: {name} files {how}")
    names = ", ".join(sorted(f.path for f in files.values())) or "no .csv, .jsonl or .json files"
    raise ExportError(
        f"cannot tell the format of this export ({names}): its files look like neither a "
        "Salesforce nor a HubSpot export nor the canonical format; name the format with "
        "--format, or map its columns with --format mapping --mapping FILE (see "
        "ingest/mappings/README.md)"
    )
