"""`zairyu assess`: assess one household (placeholder until the engine lands)."""
