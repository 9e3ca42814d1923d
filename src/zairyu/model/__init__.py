"""Domain types, their validation, and conversion to the person table."""
