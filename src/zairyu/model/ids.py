"""The rule for an id (of a household, a member, a person in a caseload): one definition for the
household model, the caseload checks and the message that states it."""

ID_PATTERN = r"^[\p{L}\p{M}\p{N}_.\-]+$"  # Unicode classes: the Rust regex of pydantic and Polars
ID_LENGTH = 64
ID_RULE = f"an id is 1 to {ID_LENGTH} letters, digits, '_', '.' or '-', without spaces"
