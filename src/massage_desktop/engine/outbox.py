"""Events wait in order until the engine's call has finished changing state, then go out."""

from __future__ import annotations

from collections import deque
from dataclasses import replace

from massage_desktop.engine.events import Event, Listener

ROUNDING_S = 1e-6


class Outbox:
    """Queues events and hands them to the listener, each once, in the order they happened."""

    def __init__(self, listener: Listener) -> None:
        self._listener = listener
        self._queue: deque[Event] = deque()
        self._delivering = False
        self._last_t = 0.0

    def put(self, event: Event) -> None:
        """Queue `event`; a time a hair before the last one's is taken as the same moment."""
        # A pause shifts the schedule by a float difference; rounding must not reorder events.
        if self._last_t - ROUNDING_S < event.t < self._last_t:
            event = replace(event, t=self._last_t)
        self._last_t = event.t
        self._queue.append(event)

    def deliver(self) -> None:
        """Hand every queued event to the listener (a listener that acts adds to the queue)."""
        if self._delivering:
            return  # a listener acted: its events follow the ones being delivered
        self._delivering = True
        try:
            while self._queue:
                self._listener(self._queue.popleft())
        finally:
            self._delivering = False
