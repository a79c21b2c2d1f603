"""Interview Journal: log interviews, evaluate them honestly, follow up when it makes sense."""

__version__ = "0.1.0"
