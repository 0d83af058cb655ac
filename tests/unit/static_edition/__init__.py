"""Tests of the static edition (the workbook with its kernel in the browser)."""
