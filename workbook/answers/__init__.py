"""A reader's answers: the answers document, its encryption, the bridge to the device, the answers panel.

Runs in each reader's kernel; the server process never imports it.
"""
