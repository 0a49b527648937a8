"""The kinds of record a fact base holds, each declared once, and the base that holds them."""
