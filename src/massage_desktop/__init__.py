"""massage-desktop: a hands-free, spoken guide through a children's massage session."""

__version__ = "0.1.0"
