"""SHA-256 without OpenSSL: the same digests as hashlib's, and hashlib stays unloaded."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from massage_desktop.digest import sha256_hex


def test_the_digests_are_hashlibs() -> None:
    for text in ("", "Stroke the arm gently.", "é ü ß — 子供"):
        assert sha256_hex(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_openssl_is_not_loaded_for_them() -> None:
    code = (
        "import sys\n"
        "from massage_desktop.digest import sha256_hex\n"
        "sha256_hex('x')\n"
        "print(sorted(m for m in sys.modules if 'hashlib' in m))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
