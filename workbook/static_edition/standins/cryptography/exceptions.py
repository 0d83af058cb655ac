"""The one exception of `cryptography` the workbook catches."""


class InvalidTag(Exception):
    """The AES-GCM tag did not verify: wrong key, or the data or its associated data changed."""
