"""Printable PDFs (the session report, the review sheet): HTML laid out by QTextDocument."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from massage_desktop.store.atomic import StoreError, atomic_write_bytes
from massage_desktop.store.export import SessionReport, report_html

log = logging.getLogger(__name__)

RESOLUTION_DPI = 300
MARGIN_MM = 18.0
FONT_POINTS = 11.0


def ensure_gui_app() -> QGuiApplication | None:
    """A QGuiApplication for laying out text; a new off-screen one (returned, keep it) if none."""
    if QGuiApplication.instance() is not None:
        return None
    return QGuiApplication(["massage-desktop", "-platform", "offscreen"])


def report_document(report: SessionReport) -> QTextDocument:
    """The report as a QTextDocument (its toPlainText is the report's text)."""
    return html_document(report_html(report), report.title)


def html_document(html: str, title: str, points: float = FONT_POINTS) -> QTextDocument:
    """Simple HTML laid out by a QTextDocument in the printed font."""
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(points)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
    doc.setHtml(html)
    return doc


def render_pdf(report: SessionReport) -> tuple[bytes, int]:
    """The report as A4 PDF bytes, and its number of pages."""
    return render_html_pdf(report_document(report), report.title)


def render_html_pdf(doc: QTextDocument, title: str, landscape: bool = False) -> tuple[bytes, int]:
    """A laid-out document as A4 PDF bytes (portrait or landscape), and its number of pages."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("massage-desktop")
    writer.setResolution(RESOLUTION_DPI)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(RESOLUTION_DPI).size()
    doc.setPageSize(QSizeF(page))
    pages = doc.pageCount()
    doc.print_(writer)
    del writer  # finishes the PDF into the buffer
    buffer.close()
    return bytes(data.data()), pages


def write_pdf(pdf: bytes, pages: int, path: Path) -> int:
    """Write PDF bytes to `path` atomically; returns the page count; raises StoreError."""
    if not pdf.startswith(b"%PDF"):
        raise StoreError(path, "the PDF could not be made")
    atomic_write_bytes(path, pdf)
    log.info("wrote a %d-page PDF to %s", pages, path)
    return pages


def write_report_pdf(report: SessionReport, path: Path) -> int:
    """Write the report to `path` atomically; returns the page count; raises StoreError."""
    return write_pdf(*render_pdf(report), path)
