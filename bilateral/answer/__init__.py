"""Answering: queries and search over the compiled store. Returns plain records; knows
nothing of click or rich."""
