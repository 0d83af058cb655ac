"""In an installed package, the project's `content/` and `notebooks/` folders live here.

pyproject.toml maps `workbook.bundled.content` to `content/` and `workbook.bundled.notebooks`
to `notebooks/`, so a wheel carries them; in a checkout this folder holds only this file and
`workbook.config.bundled_folder` finds them beside the package.
"""
