"""The printed course report: the chart drawn from its SVG, the pages laid out and written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from massage_desktop.course_chart import HEIGHT, WIDTH, chart_svg
from massage_desktop.store.course_html import CHART_IMAGE, course_html
from massage_desktop.store.course_report import CourseReport
from massage_desktop.ui.records.report_pdf import html_document, render_html_pdf, write_pdf
from massage_desktop.ui.records.svg_image import svg_image

CHART_BOX = (640, round(640 * HEIGHT / WIDTH))  # layout units: the page's width
CHART_PIXELS = 1800  # sharp at 300 dpi


def course_document(report: CourseReport) -> QTextDocument:
    """The course report laid out, with its chart in place."""
    width, height = CHART_BOX
    doc = html_document(course_html(report, width, height), report.title)
    image = svg_image(chart_svg(report.points, report.title).encode("utf-8"), CHART_PIXELS)
    doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(CHART_IMAGE), image)
    doc.setHtml(course_html(report, width, height))
    return doc


def write_course_pdf(report: CourseReport, path: Path) -> int:
    """Write the course report to `path` atomically; returns the page count; raises StoreError."""
    return write_pdf(*render_html_pdf(course_document(report), report.title), path)
