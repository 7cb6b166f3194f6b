"""Protocol files: the pydantic models of a massage protocol and the loader that validates them."""

from massage_desktop.protocol.loader import LoadResult, Problem, load_dir, load_file, load_library
from massage_desktop.protocol.models import Position, Protocol, Sides, Stage, Step

__all__ = [
    "LoadResult",
    "Position",
    "Problem",
    "Protocol",
    "Sides",
    "Stage",
    "Step",
    "load_dir",
    "load_file",
    "load_library",
]
