"""bilateral: answers about the relations between two countries from a curated fact base."""

__version__ = "0.2.0"
