"""Site configs: one YAML file per site describing its lists, items, pagination and detail pages.

The format is documented in docs/crawling.md. `load_config` validates a file and raises ConfigError
(one line, naming the file and the bad key) on anything it does not understand.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

SITES_DIR = Path(__file__).parent / "sites"
SPIDERS = ("listdetail", "jsonapi", "b2b_pdf")


class ConfigError(ValueError):
    """A site config that cannot be used."""


@dataclass
class Pagination:
    """How to reach the next list page: page numbers up to a total, or a next-page link."""

    first: int = 1
    max_pages: int = 25
    total: str | None = None
    total_regex: str | None = None
    next: str | None = None


@dataclass
class ListSpec:
    """One list (a channel, a search query or a JSON API) and how to read its items."""

    url: str
    name: str = "list"
    first_url: str | None = None
    method: str = "GET"
    form: dict[str, Any] | None = None
    json: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    items: str | None = None
    records: str | None = None
    fields: dict[str, list[str]] = field(default_factory=dict)
    link_replace: list[str] | None = None
    link_template: str | None = None
    browser: bool = False
    stop: bool = True
    pagination: Pagination = field(default_factory=Pagination)


@dataclass
class DetailSpec:
    """Where a detail page keeps its content, title, date and attachments (or, for b2b_pdf, its API)."""

    content: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    date: list[str] = field(default_factory=list)
    attachments: str | None = None
    url: str | None = None
    json: dict[str, Any] | None = None
    pdf_field: str | None = None


@dataclass
class SiteConfig:
    """A whole site."""

    name: str
    title: str
    base_url: str
    lists: list[ListSpec]
    detail: DetailSpec
    kind: str = "bulletin"
    hosts: list[str] = field(default_factory=list)
    spider: str = "listdetail"
    encoding: str | None = None
    date_format: str = "%Y-%m-%d"
    window_days: int = 90
    enabled: bool = True
    path: str = ""

    def rewrite(self, url: str, base_url: str | None) -> str:
        """Point a URL on one of the site's hosts at `base_url` (scheme and host swapped, path kept)."""
        if not base_url:
            return url
        parts = urlsplit(url)
        if parts.hostname not in self.hosts:
            return url
        base = urlsplit(base_url)
        return urlunsplit((base.scheme, base.netloc, parts.path, parts.query, parts.fragment))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _build(cls: type, data: Any, where: str) -> Any:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping")
    known = {f.name for f in fields(cls)} - {"path"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
    try:
        return cls(**data)
    except TypeError as exc:
        missing = str(exc).split("argument", 1)[-1].strip(": ")
        raise ConfigError(f"{where}: missing required key {missing}") from None


def parse_config(data: Any, where: str) -> SiteConfig:
    """Build and validate a SiteConfig from parsed YAML."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a site config is a YAML mapping")
    data = dict(data)
    raw_lists = data.get("lists")
    if not isinstance(raw_lists, list) or not raw_lists:
        raise ConfigError(f"{where}: 'lists' must be a non-empty list")
    lists = []
    for index, raw in enumerate(raw_lists):
        raw = dict(raw) if isinstance(raw, dict) else raw
        spot = f"{where}: lists[{index}]"
        if isinstance(raw, dict):
            raw["pagination"] = _build(Pagination, raw.get("pagination") or {}, f"{spot}.pagination")
            raw["fields"] = {k: _as_list(v) for k, v in (raw.get("fields") or {}).items()}
            bad = sorted(set(raw["fields"]) - {"title", "link", "date"} - set(_template_keys(raw)))
            if bad:
                raise ConfigError(f"{spot}.fields: unknown field {bad[0]!r}")
        lists.append(_build(ListSpec, raw, spot))
    data["lists"] = lists
    detail = dict(data.get("detail") or {})
    for key in ("content", "title", "date"):
        detail[key] = _as_list(detail.get(key))
    data["detail"] = _build(DetailSpec, detail, f"{where}: detail")
    data["hosts"] = _as_list(data.get("hosts")) or [urlsplit(str(data.get("base_url", ""))).hostname or ""]
    config = _build(SiteConfig, data, where)
    _check(config, where)
    return config


def _template_keys(raw: dict) -> list[str]:
    """Record fields a link_template / detail request may use (any key besides the standard three)."""
    return list((raw.get("fields") or {}).keys())


def _check(config: SiteConfig, where: str) -> None:
    if config.spider not in SPIDERS:
        raise ConfigError(f"{where}: spider must be one of {', '.join(SPIDERS)}, not {config.spider!r}")
    if config.kind not in ("bulletin", "news"):
        raise ConfigError(f"{where}: kind must be 'bulletin' or 'news'")
    if not config.name.isidentifier():
        raise ConfigError(f"{where}: name must be a plain identifier like 'ccgp', not {config.name!r}")
    for index, spec in enumerate(config.lists):
        if config.spider == "listdetail" and not spec.items:
            raise ConfigError(f"{where}: lists[{index}] needs 'items' (the selector of one list entry)")
        if config.spider != "listdetail" and not spec.records:
            raise ConfigError(f"{where}: lists[{index}] needs 'records' (the JSON path of the entries)")
        if "link" not in spec.fields and not spec.link_template:
            raise ConfigError(f"{where}: lists[{index}] needs fields.link or link_template")
    if config.spider == "b2b_pdf" and not (config.detail.url and config.detail.pdf_field):
        raise ConfigError(f"{where}: b2b_pdf sites need detail.url and detail.pdf_field")
    if config.spider != "b2b_pdf" and not config.detail.content:
        raise ConfigError(f"{where}: detail.content must name at least one selector")


def load_config(path: str | Path) -> SiteConfig:
    """Read and validate one site config file."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"site config {path} does not exist")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__})") from None
    config = parse_config(data, str(path))
    config.path = str(path.resolve())
    return config


def site_configs() -> dict[str, SiteConfig]:
    """Every config bundled in crawlers/sites, by site name."""
    configs = {}
    for path in sorted(SITES_DIR.glob("*.yaml")):
        config = load_config(path)
        configs[config.name] = config
    return configs
