"""One spider per bundled site config, so `scrapy list` shows every site and `scrapy crawl NAME` runs it."""

from __future__ import annotations

from crawlers.siteconfig import site_configs
from crawlers.spiders.b2b import Base64PdfSpider
from crawlers.spiders.jsonapi import JsonApiSpider
from crawlers.spiders.listdetail import ListDetailSpider

BASES: dict[str, type[ListDetailSpider]] = {
    "listdetail": ListDetailSpider,
    "jsonapi": JsonApiSpider,
    "b2b_pdf": Base64PdfSpider,
}


def spider_for(config_name: str, spider: str, config_path: str) -> type[ListDetailSpider]:
    """A spider class bound to one site config."""
    class_name = "".join(part.title() for part in config_name.split("_")) + "Spider"
    return type(class_name, (BASES[spider],), {"name": config_name, "config_path": config_path,
                                                "__module__": __name__})


SITE_SPIDERS = {name: spider_for(name, c.spider, c.path) for name, c in site_configs().items()}
globals().update({cls.__name__: cls for cls in SITE_SPIDERS.values()})
