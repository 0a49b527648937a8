"""Tools for curators: add a record (`new`), lay a file out one way (`fmt`), compare two
versions of a base (`diff`), and report problems where editors and CI show them.

Only these commands import this package; tomlkit is imported inside the functions that
read a file's layout, never at start-up.
"""
