"""The voice in the window: its dialog, its set-up from the settings, its link to a session."""
