"""Reading and checking: TOML in, checked documents out. Imports nothing above it."""
