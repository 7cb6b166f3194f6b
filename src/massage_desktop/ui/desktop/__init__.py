"""The program's place on the desktop: one instance per data folder, the screen kept awake."""
