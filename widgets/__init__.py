"""The exercise widgets: one `widget_<kind>.py` per exercise kind, and the registry of kinds."""
