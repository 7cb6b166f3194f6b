"""The built wheel carries protocols/ and resources/ and works from a fresh virtual environment."""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The fresh environment must see only what is installed in it.
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = out.glob("massage_desktop-*.whl")
    return wheel


def test_wheel_installs_into_a_fresh_venv_and_lists_protocols(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "dist")
    names = zipfile.ZipFile(wheel).namelist()
    assert "massage_desktop/protocols/general-strengthening.toml" in names
    assert "massage_desktop/protocols/protocol.schema.json" in names
    assert any(n.startswith("massage_desktop/resources/") for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    # Dependencies come from this environment's site-packages, as plain paths: a .pth listed
    # folder is not a site dir, so the editable install of the source tree stays inactive there.
    target = Path(
        subprocess.check_output(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    (target / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    out = subprocess.run(
        [str(env_dir / "bin" / "massage-desktop"), "protocols", "--json"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=CLEAN_ENV,
    )
    assert "general-strengthening" in {row["id"] for row in json.loads(out.stdout)}
    where = subprocess.check_output(
        [
            str(python),
            "-c",
            "from massage_desktop.paths import protocols_dir, resources_dir;"
            "print(protocols_dir()); print(resources_dir())",
        ],
        text=True,
        cwd=tmp_path,
        env=CLEAN_ENV,
    ).split()
    assert all(Path(p).is_relative_to(env_dir) for p in where), where


def test_source_checkout_falls_back_to_the_top_level_folders() -> None:
    from massage_desktop.paths import protocols_dir, resources_dir

    # The editable install used by the tests does not apply force-include.
    assert protocols_dir() == ROOT / "protocols"
    assert resources_dir() == ROOT / "resources"
