"""Reusable pieces of the UI. They never touch the journal: they post messages."""
