"""release_freed: the pages a busy spell freed go back to the system (measured, not assumed)."""

from __future__ import annotations

import sys

import pytest

from massage_desktop import memory


def resident_anon_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("RssAnon:"):
                return int(line.split()[1])
    raise AssertionError("no RssAnon in /proc/self/status")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_freed_pages_in_the_middle_of_the_heap_go_back() -> None:
    blocks = [bytes(2048) for _ in range(20_000)]  # about 40 MB of heap, not mmap'd one by one
    kept = blocks[::64]  # a few stay, so the heap's top cannot simply shrink
    del blocks
    before = resident_anon_kb()
    assert memory.release_freed()
    after = resident_anon_kb()
    assert before - after > 20_000, (before, after)
    assert len(kept) == 313  # still there, untouched
    assert all(block == bytes(2048) for block in kept)


def test_without_glibc_it_only_collects(monkeypatch: pytest.MonkeyPatch) -> None:
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(sys, "platform", "darwin")
    try:
        assert memory.release_freed() is False
    finally:
        memory._malloc_trim.cache_clear()
