"""Exports through nbconvert: module PDFs, worksheets, slides, the facilitator's handbook, my answers.

Every export starts from a small notebook of raw HTML cells built from content
(`documents.py`); nbconvert exporters with our offline templates (`exporters.py`) turn it
into HTML, PDF (printed by the system Chromium, `printer.py`) or reveal.js slides.
"""

import sys

# nbformat imports jsonschema, whose optional IRI format check (rfc3987_syntax) builds a large
# grammar at import: 0.8 s and about 20 MiB in every reader's kernel that makes a copy of their
# answers. Exports never check IRI formats, so that optional module is kept from loading.
sys.modules.setdefault("rfc3987_syntax", None)
