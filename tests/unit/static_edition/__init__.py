"""Tests of the static edition (the workbook run in the browser)."""
