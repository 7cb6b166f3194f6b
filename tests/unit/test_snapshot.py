"""The snapshot of checked files: read back while the text is the same, checked again otherwise."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import load_dir, load_library
from massage_desktop.snapshot import Snapshot
from massage_desktop.store.settings import Settings, SettingsStore, Theme


def test_a_result_is_kept_for_the_same_text_only(tmp_path: Path) -> None:
    path = tmp_path / "checked" / "x.json"
    snapshot = Snapshot(path)
    assert snapshot.get("a.toml", "text") is None
    snapshot.put("a.toml", "text", {"ok": [1]})
    snapshot.save()
    again = Snapshot(path)
    assert again.get("a.toml", "text") == {"ok": [1]}
    assert again.get("a.toml", "text ") is None  # another text
    assert again.get("a.toml", "text", depends="library 2") is None
    assert Snapshot(path, version="0.0.0-other").get("a.toml", "text") is None


def test_a_damaged_snapshot_is_only_a_cache(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    snapshot = Snapshot(path)
    assert snapshot.get("a", "t") is None
    snapshot.put("a", "t", 1)
    snapshot.save()
    assert Snapshot(path).get("a", "t") == 1


def test_files_no_longer_asked_about_are_dropped_on_save(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    first = Snapshot(path)
    first.put("gone", "t", 1)
    first.put("kept", "t", 2)
    first.save()
    second = Snapshot(path)
    assert second.get("kept", "t") == 2
    second.save()
    assert set(json.loads(path.read_text(encoding="utf-8"))["files"]) == {"kept"}


def test_the_library_read_back_is_the_library_checked(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(protocols_dir() / "relaxing.toml", folder / "relaxing-mine.toml")
    (folder / "broken.toml").write_text("id = 'broken'\nversion = 'one'\n", encoding="utf-8")
    plain = load_library(folder)
    snapshot = Snapshot(tmp_path / "library.json")
    checked = load_library(folder, snapshot=snapshot)
    snapshot.save()
    again = load_library(folder, snapshot=Snapshot(tmp_path / "library.json"))
    assert checked == plain
    assert again == plain  # the protocols, the problems (the broken file's) and the warnings
    assert again.problems
    mine = folder / "relaxing-mine.toml"
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("\nversion = ", '\nversion = "two"\n# was ', 1), encoding="utf-8")
    changed = load_dir(folder, snapshot=Snapshot(tmp_path / "library.json"))
    assert any(p.file == mine for p in changed.problems)  # checked again: now it is wrong


def test_a_library_checked_before_loads_without_pydantic(tmp_path: Path) -> None:
    snapshot = Snapshot(tmp_path / "library.json")
    expected = load_library(snapshot=snapshot)
    snapshot.save()
    code = (
        "import sys\n"
        "from massage_desktop.protocol import load_library\n"
        "from massage_desktop.snapshot import Snapshot\n"
        f"result = load_library(snapshot=Snapshot(__import__('pathlib').Path({str(tmp_path)!r})"
        " / 'library.json'))\n"
        "print(len(result.protocols), sorted(m for m in sys.modules if 'pydantic' in m))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(expected.protocols)), "[]"]


def test_settings_saved_or_checked_once_are_read_back_as_they_were(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"theme": "dark", "later": {"x": 1}}), encoding="utf-8")
    snapshot = tmp_path / "checked" / "settings.json"
    checked = SettingsStore(path, snapshot=Snapshot(snapshot)).load().settings
    assert checked.theme is Theme.DARK
    again = SettingsStore(path, snapshot=Snapshot(snapshot)).load().settings
    assert again == checked
    assert again.model_extra == {"later": {"x": 1}}
    store = SettingsStore(path, snapshot=Snapshot(snapshot))
    store.save(again.model_copy(update={"large_type": True}))
    saved = SettingsStore(path, snapshot=Snapshot(snapshot)).load().settings
    assert saved.large_type
    assert saved.model_extra == {"later": {"x": 1}}
    path.write_text(json.dumps({"rate": 1000}), encoding="utf-8")  # edited by hand: checked
    loaded = SettingsStore(path, snapshot=Snapshot(snapshot)).load()
    assert loaded.settings.rate == Settings().rate
    assert loaded.message is not None


def test_programs_are_read_back_while_neither_they_nor_the_library_change(tmp_path: Path) -> None:
    from datetime import date

    from massage_desktop.program_plan import make_program
    from massage_desktop.store.programs import ProgramStore

    library = load_library()
    general = library.protocols["general-strengthening"]
    program = make_program(general, "bee", "Bee's", date(2024, 5, 6), counts={"arm-stroking": 10})
    folder = tmp_path / "programs"
    ProgramStore(folder, library.protocols).save(program)
    (folder / "broken.toml").write_text("format = 1\nid = 'broken'\n", encoding="utf-8")
    kept = tmp_path / "programs.json"

    def listing(fingerprint: str) -> tuple[dict[str, object], int]:
        store = ProgramStore(folder, library.protocols, Snapshot(kept), fingerprint)
        found = store.listing()
        return dict(found.programs), len(found.problems)

    first = listing(library.fingerprint)
    assert first == ({"bee": program}, first[1])
    assert first[1] > 0  # the broken file's problems
    assert listing(library.fingerprint) == first
    assert json.loads(kept.read_text(encoding="utf-8"))["files"]  # kept: read back above
    assert listing("another library") == first  # checked again, the same
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from massage_desktop.protocol import load_library\n"
        "from massage_desktop.snapshot import Snapshot\n"
        "from massage_desktop.store.programs import ProgramStore\n"
        f"checked = Snapshot(Path({str(tmp_path / 'lib.json')!r}))\n"
        "lib = load_library(snapshot=checked)\n"
        "checked.save()\n"
        f"store = ProgramStore(Path({str(folder)!r}), lib.protocols,"
        f" Snapshot(Path({str(kept)!r})), lib.fingerprint)\n"
        "names = sorted(store.listing().programs)\n"
        "print(names, sorted(m for m in sys.modules if 'pydantic' in m))\n"
    )
    for _ in range(2):  # the first run checks the files, the second reads them back
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
    assert out.stdout.strip() == "['bee'] []"
