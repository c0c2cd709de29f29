"""Adapters turn an export of some CRM into rows of the canonical tables.

Each adapter module defines one class following :class:`~ingest.adapters.base.Adapter`;
:data:`ADAPTERS` lists them in the order format detection tries them.
"""
