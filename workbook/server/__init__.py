"""The Voilà server process: the app, kernels and their cap, the busy page, hardening, static assets.

Never imports reader-side code (`workbook.reader`, `workbook.answers`, `widgets`).
"""
