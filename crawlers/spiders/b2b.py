"""Portals whose notices come from a JSON detail API as a base64-encoded PDF (中国移动 b2b.10086.cn)."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.items import AttachmentItem, Capture, DocumentItem
from crawlers.pages import json_path, parse_date
from crawlers.pdftext import pdf_text
from crawlers.spiders.jsonapi import JsonApiSpider, fill
from crawlers.spiders.listdetail import Row, capture_of, mime_of


class Base64PdfSpider(JsonApiSpider):
    """JSON list API → JSON detail API whose `detail.pdf_field` holds the notice as a base64 PDF.

    The document is the detail API's JSON response (as captured); the decoded PDF is its attachment,
    with the text pdfminer extracts from it.
    """

    name = "b2b_pdf"

    def detail_request(self, url: str, row: Row) -> scrapy.Request:
        detail = self.site.detail
        body = fill(detail.json or {}, {**row.extra, "link": url})
        api = self.site.rewrite(detail.url or "", self.base_url)
        return scrapy.http.JsonRequest(api, data=body, callback=self.parse_detail, errback=self.failed,
                                       meta={"url": url, "row": row.meta()})

    def parse_detail(self, response: Response) -> Iterator[Any]:
        row = Row(**response.meta["row"])
        url = response.meta["url"]
        try:
            data = json.loads(response.body)
            pdf = base64.b64decode(str(json_path(data, self.site.detail.pdf_field or "") or ""), validate=True)
        except (ValueError, binascii.Error):
            pdf = b""
        if not pdf.startswith(b"%PDF"):
            self.fail("no_content", url)
            return
        capture = capture_of(response)
        pdf_capture = Capture(url=url, status=response.status, headers=[("Content-Type", "application/pdf")],
                              body=pdf, fetched_at=capture.fetched_at)
        yield DocumentItem(
            url=url,
            fingerprint=response.meta["fingerprint"],
            site=self.site.name,
            kind=self.site.kind,
            title=row.title or str(json_path(data, "data.name") or ""),
            published=row.published or parse_date(str(json_path(data, "data.publishDate") or "")),
            capture=capture,
            content_type=mime_of(response),
            encoding="utf-8",
            attachments=[AttachmentItem(url=f"{url}#{self.site.detail.pdf_field}", name="notice.pdf",
                                        capture=pdf_capture, content_type="application/pdf",
                                        text=pdf_text(pdf), inline=True)],
        )
