"""Before a session: who it is for, which massage, and the safety check."""
