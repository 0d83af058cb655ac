"""The static edition: the workbook with its Python kernel running in the browser (Pyodide)."""
