"""The printed handout: each step's picture drawn from its SVG, the pages laid out and written."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from massage_desktop.handout import Handout
from massage_desktop.handout_diagram import step_svg
from massage_desktop.handout_html import handout_html, picture_name
from massage_desktop.ui.records.report_pdf import html_document, render_html_pdf, write_pdf
from massage_desktop.ui.records.svg_image import svg_image

log = logging.getLogger(__name__)

# The picture's box on the page, in layout units, and the pixels it is drawn with (sharp at
# 300 dpi on paper: the box is about 47 by 66 mm). Each view keeps its proportions inside it.
PICTURE_BOX = (176, 248)
PICTURE_PIXELS = 560
FONT_POINTS = 11.0


def handout_document(h: Handout) -> QTextDocument:
    """The handout laid out, with every step's picture in place."""
    width, height = PICTURE_BOX
    doc = html_document(handout_html(h, width, height), h.title, FONT_POINTS)
    for step in h.steps:
        svg = step_svg(step.picture, h.age_weeks)
        image = svg_image(svg, PICTURE_PIXELS, round(PICTURE_PIXELS * height / width))
        doc.addResource(
            QTextDocument.ResourceType.ImageResource, QUrl(picture_name(step.number)), image
        )
    doc.setHtml(handout_html(h, width, height))  # laid out again, now the images are known
    return doc


def render_handout_pdf(h: Handout) -> tuple[bytes, int]:
    """The handout as A4 PDF bytes, and its number of pages."""
    return render_html_pdf(handout_document(h), h.title)


def write_handout_pdf(h: Handout, path: Path) -> int:
    """Write the handout to `path` atomically; returns the page count; raises StoreError."""
    return write_pdf(*render_handout_pdf(h), path)
