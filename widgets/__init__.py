"""The self-help workbook: content loading, exercise widgets, module pages and the app."""

__version__ = "0.1.0"
