"""The records in the window: children, the session history, reports and their wiring."""
