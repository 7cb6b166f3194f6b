"""Settings: saved atomically and privately, damaged files set aside with one plain message."""

from __future__ import annotations

import errno
import json
import os
import stat
from functools import partial
from pathlib import Path

import pytest
from store_fakes import FakeNow

from massage_desktop.store.atomic import StoreError, atomic_write_text
from massage_desktop.store.settings import DEFAULT_KEYS, Settings, SettingsStore, Theme


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


@pytest.fixture
def store(path: Path, now: FakeNow) -> SettingsStore:
    return SettingsStore(path, now=now)


def test_no_file_gives_the_defaults_without_a_message(store: SettingsStore) -> None:
    loaded = store.load()
    assert loaded.settings == Settings()
    assert loaded.message is None
    assert loaded.settings.keys == DEFAULT_KEYS


def test_default_bindings_add_the_pedal_keys_to_next_and_back() -> None:
    bindings = Settings().bindings()
    assert bindings["next"] == ("Right", "PageDown")
    assert bindings["back"] == ("Left", "PageUp")
    assert bindings["pause"] == ("Space",)


def test_saved_settings_load_back(store: SettingsStore) -> None:
    chosen = Settings(volume=0.3, mute_chimes=True, theme=Theme.HIGH_CONTRAST, last_child_id=4)
    store.save(chosen)
    assert store.load().settings == chosen


def test_keys_missing_from_the_file_take_their_defaults(store: SettingsStore, path: Path) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps({"keys": {"pause": "P"}}))
    keys = store.load().settings.keys
    assert keys["pause"] == "P"
    assert keys["stop"] == "Escape"


def test_unknown_keys_from_a_newer_version_survive_a_save(store: SettingsStore, path: Path) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps({"volume": 0.5, "future_option": {"x": [1, 2]}}))
    loaded = store.load()
    assert loaded.message is None
    store.save(loaded.settings.model_copy(update={"large_type": True}))
    data = json.loads(path.read_text())
    assert data["future_option"] == {"x": [1, 2]}
    assert data["volume"] == 0.5
    assert data["large_type"] is True


def test_a_corrupted_file_is_moved_aside_and_defaults_are_used(
    store: SettingsStore, path: Path
) -> None:
    path.parent.mkdir()
    path.write_text('{"volume": 0.5, "theme": "da')
    loaded = store.load()
    aside = path.with_name("settings.json.bad-20240506-093000")
    assert loaded.settings == Settings()
    assert loaded.moved_to == aside
    assert aside.read_text() == '{"volume": 0.5, "theme": "da'
    assert json.loads(path.read_text()) == Settings().model_dump(mode="json")
    assert loaded.message is not None
    assert "not readable JSON" in loaded.message
    assert str(aside) in loaded.message


def test_an_invalid_field_is_reset_and_the_valid_ones_kept(
    store: SettingsStore, path: Path
) -> None:
    path.parent.mkdir()
    path.write_text(json.dumps({"volume": 7, "rate": 120, "mute_voice": True}))
    loaded = store.load()
    assert loaded.settings.volume == Settings().volume
    assert loaded.settings.rate == 120
    assert loaded.settings.mute_voice is True
    assert loaded.message is not None
    assert "volume" in loaded.message
    assert store.load().settings == loaded.settings  # what was kept is saved at once


def test_a_second_damaged_file_does_not_overwrite_the_first_one_set_aside(
    store: SettingsStore, path: Path
) -> None:
    path.parent.mkdir()
    path.write_text("[1")
    store.load()
    path.write_text("[2")
    second = store.load()
    assert second.moved_to is not None
    assert second.moved_to.name == "settings.json.bad-20240506-093000-1"
    aside = sorted(p.read_text() for p in path.parent.glob("settings.json.bad-*"))
    assert aside == ["[1", "[2"]


def test_an_unreadable_file_is_kept_and_never_saved_over(store: SettingsStore, path: Path) -> None:
    path.mkdir(parents=True)  # a folder where the file should be cannot be read as one
    (path / "keep").write_text("mine")
    loaded = store.load()
    assert loaded.settings == Settings()
    assert loaded.message is not None
    assert str(path) in loaded.message
    assert "folder" in loaded.message
    with pytest.raises(StoreError, match="could not be read"):
        store.save(Settings(volume=0.1))
    assert (path / "keep").read_text() == "mine"


def test_a_full_disk_gives_a_clear_error_and_keeps_the_saved_settings(
    path: Path, now: FakeNow
) -> None:
    SettingsStore(path, now=now).save(Settings(volume=0.4))

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    failing = SettingsStore(path, now=now, write=partial(atomic_write_text, fsync=no_space))
    with pytest.raises(StoreError) as caught:
        failing.save(Settings(volume=0.9))
    assert str(caught.value) == f"Could not save {path}: the disk is full."
    assert SettingsStore(path, now=now).load().settings.volume == 0.4


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_settings_file_is_0600_in_a_0700_folder(store: SettingsStore, path: Path) -> None:
    store.save(Settings())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
