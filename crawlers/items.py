"""Typed items the spiders yield and the store pipeline writes."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Capture:
    """A response exactly as received: what the WARC record keeps."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str

    def header(self, name: str) -> str | None:
        """The first header called `name` (case-insensitive)."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class AttachmentItem:
    """A file linked from a bulletin (PDF/DOC/ZIP); capture is None when it could not be fetched.

    `inline` marks a file carried inside the document's own response (a base64 PDF in a JSON API):
    its bytes are already in the document's WARC record, so the attachment points there.
    """

    url: str
    name: str
    capture: Capture | None = None
    content_type: str | None = None
    text: str | None = None
    inline: bool = False


@dataclass
class PageRules:
    """How to read a detail page: the site's content, title and date selectors and its encoding hint."""

    content: list[str]
    title: list[str]
    date: list[str]
    encoding: str | None = None


@dataclass
class DocumentItem:
    """One bulletin or news article: where it lives, what it says about itself, and its capture.

    `rules` is set while the captured page is still to be read (crawlers.pages.read_page): the spider
    passes pages it needs nothing from on unread, and the store writer reads them, off the crawl's thread.
    """

    url: str
    fingerprint: str
    site: str
    kind: str
    title: str
    published: str | None
    capture: Capture
    content_type: str
    encoding: str
    attachments: list[AttachmentItem] = field(default_factory=list)
    rules: PageRules | None = None
