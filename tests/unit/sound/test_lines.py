"""The line queue without Qt: the priority rule, generations, and the due time given on."""

from __future__ import annotations

from pathlib import Path

from massage_desktop.speech.lines import LineQueue


class Player:
    def __init__(self) -> None:
        self.playing: int | None = None
        self.played: list[tuple[str, float | None]] = []

    def play(self, path: Path, token: int, due: float | None = None) -> None:
        self.playing = token
        self.played.append((path.name, due))

    def stop(self) -> None:
        self.playing = None


class Journal:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def line_started(self, text: str, kind: str) -> None:
        self.events.append(("started", text))

    def line_finished(self, text: str, kind: str, whole: bool) -> None:
        self.events.append(("ended" if whole else "cut", text))

    def line_dropped(self, text: str, kind: str) -> None:
        self.events.append(("dropped", text))

    def line_failed(self, text: str, message: str) -> None:
        self.events.append(("failed", text))


def queue(player: Player, journal: Journal, now: list[float]) -> LineQueue:
    def lookup(text: str) -> Path | None:
        return None if text.startswith("unrendered") else Path(f"{text}.wav")

    renders: list[tuple[str, int]] = []
    return LineQueue(player, lookup, lambda t, s: renders.append((t, s)), lambda: now[0], journal)


def test_a_line_goes_to_the_player_with_the_moment_it_was_due() -> None:
    player, journal, now = Player(), Journal(), [50.0]
    lines = queue(player, journal, now)
    assert lines.say("Stroke the tummy.", "instruction", due=49.98)
    assert lines.say("four of ten", "count") is False  # a count never cuts a lead
    assert player.played == [("Stroke the tummy..wav", 49.98)]
    assert journal.events == [("dropped", "four of ten")]


def test_leads_queue_and_each_is_heard_a_skip_drops_the_rest() -> None:
    player, journal, now = Player(), Journal(), [0.0]
    lines = queue(player, journal, now)
    lines.say("Welcome.", "welcome")
    assert player.playing is not None
    lines.on_started(player.playing)
    lines.say("Instruction.", "instruction")
    lines.say("Other side.", "side-switch")
    lines.on_finished(player.playing)
    assert player.played[-1] == ("Instruction..wav", None)  # chained: due when it can start
    assert player.playing is not None
    lines.on_started(player.playing)
    lines.skip()
    assert journal.events == [
        ("started", "Welcome."),
        ("ended", "Welcome."),
        ("started", "Instruction."),
        ("dropped", "Other side."),
        ("cut", "Instruction."),
    ]
    assert not lines.speaking


def test_a_rendering_for_an_older_generation_is_never_played() -> None:
    player, journal, now = Player(), Journal(), [0.0]
    lines = queue(player, journal, now)
    lines.say("unrendered stale", "instruction")
    lines.skip()
    lines.say("unrendered fresh", "instruction")
    lines.on_rendered(1, Path("stale.wav"), None)
    assert player.played == []
    lines.on_rendered(2, Path("fresh.wav"), None)
    assert player.played == [("fresh.wav", None)]
