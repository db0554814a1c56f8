"""Open Letter Archive: turn the raw text of open letters into a browsable, searchable site."""

__version__ = "0.1.0"
