"""Fixtures for the voice tests: a speech cache, services that are closed, the espeak-ng gate."""

from __future__ import annotations

import ctypes.util
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from speech_fakes import FakeSynthesiser, MakeService

from massage_desktop.protocol import load_library
from massage_desktop.speech.cache import SpeechCache
from massage_desktop.speech.voice import VoiceService
from massage_desktop.store.paths import UserDirs


@pytest.fixture
def espeak() -> None:
    """Skip a test that needs the real espeak-ng library when it is not installed."""
    if ctypes.util.find_library("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed (`make test` installs it)")


@pytest.fixture
def cache() -> SpeechCache:
    """The speech cache in this test's user cache folder."""
    return SpeechCache(UserDirs.from_env().speech_cache)


@pytest.fixture
def fake_synth() -> FakeSynthesiser:
    """One fake synthesiser; `make_service` uses it unless told otherwise."""
    return FakeSynthesiser()


@pytest.fixture
def make_service(
    qtbot: QtBot, cache: SpeechCache, fake_synth: FakeSynthesiser
) -> Iterator[MakeService]:
    """Build VoiceServices on the test's cache; each is closed (its thread joined) afterwards."""
    made: list[VoiceService] = []

    def make(**kwargs: Any) -> VoiceService:
        kwargs.setdefault("synth_factory", lambda: fake_synth)
        kwargs.setdefault("language", "en-gb")
        service = VoiceService(cache, **kwargs)
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()
    # Run the players' queued stops now, so no audio thread outlives the test.
    qapp = QApplication.instance()
    if qapp is not None:
        qapp.processEvents()


@pytest.fixture(scope="session")
def long_plan() -> Any:
    """The plan with the most to say: general strengthening at 40 weeks."""
    from massage_desktop.plan import plan

    return plan(load_library().protocols["general-strengthening"], 40)
