"""Print layouts drawn with matplotlib into a Figure they are given (no Qt)."""
