"""Readers, validation and batched upsert of CRM exports."""
