"""Render the report to PDF with headless Chromium (Playwright), with the PDF's dates pinned to the as-of day."""

from __future__ import annotations

import re
from datetime import date
from types import TracebackType

from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from cloudcredit.chromium import CHROMIUM, launch_options

_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9]{14}[+-][0-9]{2}'[0-9]{2}'\)")


class PdfError(Exception):
    """Chromium could not be started or could not print the report (one line)."""


def chromium_available() -> bool:
    """Whether the Chromium the PDF needs is installed."""
    return CHROMIUM.is_file()


def pin_pdf_dates(pdf: bytes, day: date) -> bytes:
    """Replace Chromium's creation and modification dates with `day` (same length, so offsets stay valid)."""

    fixed = f"D:{day:%Y%m%d}000000+00'00'".encode()
    return _PDF_DATE.sub(lambda match: b"/" + match.group(1) + b" (" + fixed + b")", pdf)


class PdfRenderer:
    """One headless Chromium shared by many reports; use as a context manager."""

    def __init__(self) -> None:
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self) -> PdfRenderer:
        self._playwright = sync_playwright().start()
        try:
            self._browser = self._playwright.chromium.launch(**launch_options(CHROMIUM))
        except PlaywrightError as exc:
            self._playwright.stop()
            raise PdfError(f"cannot start Chromium at {CHROMIUM}: {str(exc).splitlines()[0]}") from exc
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._browser is not None:
            self._browser.close()
        if self._playwright is not None:
            self._playwright.stop()

    def render(self, html: str, day: date) -> bytes:
        """The PDF of `html` (no network: the report is self-contained), dates pinned to `day`."""
        if self._browser is None:
            raise RuntimeError("PdfRenderer used outside its `with` block")
        try:
            page = self._browser.new_page()
            try:
                page.route("**/*", lambda route: route.abort())
                page.set_content(html, wait_until="load")
                pdf = page.pdf(
                    format="A4",
                    print_background=True,
                    margin={"top": "15mm", "bottom": "15mm", "left": "12mm", "right": "12mm"},
                )
            finally:
                page.close()
        except PlaywrightError as exc:
            raise PdfError(f"Chromium could not print the report: {str(exc).splitlines()[0]}") from exc
        return pin_pdf_dates(pdf, day)
