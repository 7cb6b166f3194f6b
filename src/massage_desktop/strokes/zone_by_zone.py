"""Outward strokes over zones of different routes: each zone from the middle out, one by one.

"From the middle of the face out to the sides" on the forehead and the cheeks is two strokes:
the forehead from its middle out, the hand lifted back to the middle, then the cheeks. Each
zone goes on its own route (the one carrying it and the fewest other zones), in the order the
step names them; one route carrying every zone and the direction's start and end keeps them
as one stroke (the middle of the forehead out to the temples).
"""

from __future__ import annotations

from massage_desktop.bodymap import View
from massage_desktop.strokes.heading import Heading
from massage_desktop.strokes.tracks import Route, routes, routes_for


def zone_by_zone(
    zones: tuple[str, ...], view: View, heading: Heading
) -> tuple[tuple[Route, tuple[str, ...]], ...]:
    """Each route to stroke in turn with the zones it carries; () when one stroke does."""
    if not heading.outward or len(zones) < 2 or _one_route(zones, view, heading):
        return ()
    own: dict[str, Route] = {}
    for zone_id in zones:
        found = routes_for(view, (zone_id,))
        if found:
            own[zone_id] = min(found, key=lambda r: len(r.zones))
    order = list(dict.fromkeys(r.name for r in own.values()))
    if len(order) < 2:
        return ()
    by_name = {r.name: r for r in own.values()}
    return tuple(
        (by_name[name], tuple(z for z, r in own.items() if r.name == name)) for name in order
    )


def _one_route(zones: tuple[str, ...], view: View, heading: Heading) -> bool:
    """Whether one route carries every zone and the places the direction goes from and to."""
    if not heading.along:
        return False
    return any(
        all(z in r.zones for z in zones)
        and r.index(heading.start or "") is not None
        and r.index(heading.end or "") is not None
        for r in routes(view)
    )
