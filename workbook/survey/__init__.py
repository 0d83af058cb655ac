"""The anonymous survey: its form (in a reader's kernel), its database and its report."""
