"""Exports through nbconvert: module PDFs, worksheets, slides, the facilitator's handbook, my answers.

Every export starts from a small notebook of raw HTML cells built from content
(`documents.py`); nbconvert exporters with our offline templates (`exporters.py`) turn it
into HTML, PDF (printed by the system Chromium, `printer.py`) or reveal.js slides.
"""
