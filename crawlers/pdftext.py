"""Text of PDF attachments, extracted with pdfminer.six."""

from __future__ import annotations

import io
import logging

from pdfminer.high_level import extract_text
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException

logging.getLogger("pdfminer").setLevel(logging.WARNING)


def pdf_text(data: bytes) -> str | None:
    """The PDF's text, whitespace-trimmed; None when the bytes are not a readable PDF."""
    try:
        text = extract_text(io.BytesIO(data))
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError):
        return None
    return text.replace("\x0c", "\n").strip() or None
