"""The compiled store: a checked base written to SQLite, and the cache that keeps it."""
