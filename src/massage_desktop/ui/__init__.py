"""The Qt layer: the window, its widgets and the adapters between the core and Qt."""
