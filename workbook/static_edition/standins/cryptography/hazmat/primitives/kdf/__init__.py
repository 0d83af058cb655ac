"""Mirrors cryptography.hazmat so the workbook's imports resolve unchanged."""
