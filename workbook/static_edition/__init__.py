"""The static edition: the workbook run by a Python kernel inside the reader's browser."""
