"""Reads a written PDF back: the text of each page (QtPdf), for tests of printed pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPdf import QPdfDocument


def page_texts(path: Path) -> list[str]:
    """The text on each page of the PDF at `path`."""
    doc = QPdfDocument()
    error = doc.load(str(path))
    assert error == QPdfDocument.Error.None_, error
    texts = [doc.getAllText(page).text() for page in range(doc.pageCount())]
    doc.close()
    return texts


def image_count(path: Path) -> int:
    """How many images the PDF carries."""
    return path.read_bytes().count(b"/Subtype /Image")
