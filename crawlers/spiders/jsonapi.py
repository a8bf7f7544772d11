"""Lists served by a JSON API (GET or POST, form or JSON body); detail pages stay HTML."""

from __future__ import annotations

import json
from typing import Any

import scrapy
from scrapy.http import Response

from crawlers.pages import json_path, parse_date
from crawlers.siteconfig import ListSpec
from crawlers.spiders.listdetail import ListDetailSpider, Row

STANDARD_FIELDS = ("title", "link", "date")


def fill(template: Any, values: dict[str, Any]) -> Any:
    """Fill {placeholders} in a body template; a value that is just one placeholder keeps its type."""
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    if isinstance(template, str):
        if template.startswith("{") and template.endswith("}") and template[1:-1] in values:
            return values[template[1:-1]]
        return template.format_map(values)
    return template


class JsonApiSpider(ListDetailSpider):
    """A list → detail spider whose lists are JSON API calls (全国公共资源交易平台 getTradList and the like)."""

    name = "jsonapi"

    def list_request(self, index: int, spec: ListSpec, page: int) -> scrapy.Request:
        values = self.values(page)
        meta = {"list": index, "page": page}
        url = self.list_url(spec, page)
        if spec.json is not None:
            return scrapy.http.JsonRequest(url, data=fill(spec.json, values), headers=spec.headers, meta=meta,
                                           callback=self.parse_list, errback=self.failed)
        if spec.form is not None:
            form = {key: str(value) for key, value in fill(spec.form, values).items()}
            return scrapy.FormRequest(url, formdata=form, method=spec.method, headers=spec.headers, meta=meta,
                                      callback=self.parse_list, errback=self.failed)
        return scrapy.Request(url, method=spec.method, headers=spec.headers, meta=meta, callback=self.parse_list,
                              errback=self.failed)

    def list_rows(self, spec: ListSpec, response: Response) -> tuple[list[Row], Any]:
        try:
            data = json.loads(response.body)
        except ValueError:
            self.fail("bad_json", response.url)
            return [], {}
        records = json_path(data, spec.records or "") or []
        rows = []
        for record in records if isinstance(records, list) else []:
            values = {name: _field(record, keys) for name, keys in spec.fields.items()}
            extra = {k: v for k, v in values.items() if k not in STANDARD_FIELDS and v is not None}
            link = values.get("link") or ""
            link = self.fix_link(spec, link, extra)
            if link:
                rows.append(Row(link=link, title=values.get("title"), published=parse_date(values.get("date")),
                                extra=extra))
        return rows, data

    def total_pages(self, spec: ListSpec, parsed: Any) -> int | None:
        if not spec.pagination.total:
            return None
        value = json_path(parsed, spec.pagination.total)
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None


def _field(record: Any, keys: list[str]) -> str | None:
    for key in keys:
        value = json_path(record, key)
        if value not in (None, ""):
            return str(value)
    return None
