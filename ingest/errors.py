"""The error of an export that cannot be read at all."""


class ExportError(ValueError):
    """An export that cannot be read at all (missing, not a folder or zip, bad header)."""
