"""Locates the shipped protocols/ and resources/ folders, installed or from a source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """Return the folder `name` inside the wheel, or the checkout's top-level one."""
    inside = Path(str(files("massage_desktop") / name))
    if inside.is_dir():
        return inside
    # An editable install does not apply hatchling's force-include: use the source tree.
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"massage-desktop: the shipped folder {name!r} is missing")


def protocols_dir() -> Path:
    """The folder of protocol TOML files shipped with the program."""
    return _shipped("protocols")


def resources_dir() -> Path:
    """The folder of body diagrams, sounds and icons shipped with the program."""
    return _shipped("resources")
