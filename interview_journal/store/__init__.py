"""The only place with SQL. Everything above it gets and gives domain objects."""

from interview_journal.store.journal import Journal, open_journal

__all__ = ["Journal", "open_journal"]
