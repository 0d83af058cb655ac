"""Tests of the layouts in docs/deploying.md, each with its real components."""
