"""Session keys: which key does what, reassignable, with PageDown/PageUp for a foot pedal."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)


class Action(StrEnum):
    """What a key can do during a session (the names used in settings.json)."""

    PAUSE = "pause"
    NEXT = "next"
    BACK = "back"
    REPEAT = "repeat"
    ADD_TIME = "add30"
    FINISH_GENTLY = "finish_gently"
    STOP = "stop"
    UNSETTLED = "unsettled"
    FULL_SCREEN = "full_screen"
    COMPACT = "compact"


LABELS: dict[Action, str] = {
    Action.PAUSE: "Pause or resume",
    Action.NEXT: "Next step",
    Action.BACK: "Previous step",
    Action.REPEAT: "Repeat this step",
    Action.ADD_TIME: "30 seconds more",
    Action.FINISH_GENTLY: "Finish gently",
    Action.STOP: "Stop the session",
    Action.UNSETTLED: "Baby unsettled",
    Action.FULL_SCREEN: "Full screen",
    Action.COMPACT: "Compact window",
}

DEFAULTS: dict[Action, tuple[str, ...]] = {
    Action.PAUSE: ("Space",),
    Action.NEXT: ("Right", "PageDown"),
    Action.BACK: ("Left", "PageUp"),
    Action.REPEAT: ("R",),
    Action.ADD_TIME: ("+",),
    Action.FINISH_GENTLY: ("F",),
    Action.STOP: ("Escape",),
    Action.UNSETTLED: ("U",),
    Action.FULL_SCREEN: ("F11",),
    Action.COMPACT: ("C",),
}

# Names people (and settings.json) use that Qt's parser does not know.
_ALIASES = {"pagedown": "PgDown", "pageup": "PgUp", "plus": "+", "minus": "-", "escape": "Esc"}


def parse_key(name: str) -> QKeySequence | None:
    """The single key `name` stands for ('Space', 'PageDown', 'Ctrl+R'), or None if unknown."""
    text = _ALIASES.get(name.strip().lower(), name.strip())
    seq = QKeySequence.fromString(text, QKeySequence.SequenceFormat.PortableText)
    if seq.count() != 1 or not seq.toString():  # an unknown name parses to Key_unknown
        return None
    return seq


def key_text(seq: QKeySequence) -> str:
    """How a key is shown in the window: 'Space', 'PgDown', '+'."""
    return seq.toString(QKeySequence.SequenceFormat.NativeText)


@dataclass(frozen=True, slots=True)
class KeyMap:
    """Each action's keys, the main key first; a key belongs to one action only."""

    keys: Mapping[Action, tuple[QKeySequence, ...]]

    @classmethod
    def defaults(cls) -> KeyMap:
        """The keys the program ships with."""
        return cls.from_bindings({})

    @classmethod
    def from_bindings(cls, bindings: Mapping[str, Iterable[str]]) -> KeyMap:
        """Keys from settings (action name -> key names), the defaults for actions not named.

        A key claimed twice stays with the first action (in the order of Action); an action
        left with no usable key gets its default keys, where they are still free.
        """
        chosen: dict[Action, list[QKeySequence]] = {}
        taken: set[str] = set()
        for action in Action:
            names = list(bindings.get(action.value, ())) or list(DEFAULTS[action])
            chosen[action] = _claim(action, names, taken)
        for action in Action:
            if not chosen[action]:
                chosen[action] = _claim(action, list(DEFAULTS[action]), taken)
        for name in set(bindings) - {a.value for a in Action}:
            log.info("ignoring keys for unknown action %r", name)
        return cls({a: tuple(chosen[a]) for a in Action})

    def main_key(self, action: Action) -> str:
        """The first key of `action` as shown on its button, or '' if it has none."""
        keys = self.keys.get(action, ())
        return key_text(keys[0]) if keys else ""

    def action_for(self, seq: QKeySequence) -> Action | None:
        """The action `seq` triggers, if any."""
        text = seq.toString()
        for action, keys in self.keys.items():
            if any(k.toString() == text for k in keys):
                return action
        return None

    def reassigned(self, action: Action, key: QKeySequence) -> KeyMap:
        """A copy where `key` is the main key of `action`, taken from any other action."""
        text = key.toString()
        keys = {a: tuple(k for k in ks if k.toString() != text) for a, ks in self.keys.items()}
        keys[action] = (key, *keys[action][1:])
        return KeyMap(keys)

    def to_bindings(self) -> tuple[dict[str, str], dict[str, list[str]]]:
        """The main and the extra keys, in the shape settings.json keeps them."""
        main = {a.value: ks[0].toString() for a, ks in self.keys.items() if ks}
        extra = {a.value: [k.toString() for k in ks[1:]] for a, ks in self.keys.items() if ks[1:]}
        return main, extra


def _claim(action: Action, names: list[str], taken: set[str]) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for name in names:
        seq = parse_key(name)
        if seq is None:
            log.warning("unknown key %r for %s; using the default", name, action.value)
            continue
        if seq.toString() in taken:
            log.warning("key %r is already used; not giving it to %s", name, action.value)
            continue
        taken.add(seq.toString())
        out.append(seq)
    return out


def install_shortcuts(
    widget: QWidget, keymap: KeyMap, handlers: Mapping[Action, Callable[[], object]]
) -> list[QShortcut]:
    """Create one window-wide shortcut per key of every handled action, parented to `widget`.

    The shortcuts live as long as `widget` and only act while it is visible.
    """
    shortcuts: list[QShortcut] = []
    for action, handler in handlers.items():
        for seq in keymap.keys.get(action, ()):
            shortcut = QShortcut(seq, widget)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setAutoRepeat(False)
            shortcut.activated.connect(handler)
            shortcuts.append(shortcut)
    return shortcuts


def remove_shortcuts(shortcuts: list[QShortcut]) -> None:
    """Disconnect and delete shortcuts made by `install_shortcuts`."""
    for shortcut in shortcuts:
        shortcut.setEnabled(False)
        shortcut.setParent(None)
        shortcut.deleteLater()
    shortcuts.clear()
