"""Storage on disk: user folders, settings, children and session history."""
