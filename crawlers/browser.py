"""Browser-side politeness for JS-rendered lists: fetch the page and its data, skip the decoration."""

from __future__ import annotations

from playwright.async_api import Request

SKIPPED_RESOURCES = frozenset({"image", "stylesheet", "font", "media"})


def abort_request(request: Request) -> bool:
    """Whether Chromium should skip a subresource (images, styles, fonts, media are never needed)."""
    return request.resource_type in SKIPPED_RESOURCES
