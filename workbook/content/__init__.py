"""Content: the schema of content files, loading them, the notebooks made from them, quality checks."""
