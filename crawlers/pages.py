"""Page helpers every spider shares: fingerprints, decoding, dates and selector expressions."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from charset_normalizer import from_bytes
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator
from w3lib.url import canonicalize_url

from crawlers.items import DocumentItem

DATE_RE = re.compile(r"(\d{4})\s*[-./年:]\s*(\d{1,2})\s*[-./月:]\s*(\d{1,2})")
MONTH_DAY_RE = re.compile(r"(?<!\d)(\d{1,2})[-/月](\d{1,2})(?!\d)")


def fingerprint(url: str) -> str:
    """SHA-1 of the canonical URL (w3lib canonicalize_url, fragment kept): the document's identity."""
    return hashlib.sha1(canonicalize_url(url, keep_fragments=True).encode("utf-8")).hexdigest()


def _normal(name: str) -> str:
    return name.lower().replace("_", "-")


def decode(body: bytes, declared: str | None, hint: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, encoding used).

    Strict UTF-8 first (it almost never succeeds on other encodings), then the declared charset, the
    site's hint and detection; so a wrong declaration does not garble the page.
    """
    candidates = ["utf-8"] + [c for c in (declared, hint) if c]
    for name in candidates:
        try:
            return body.decode(_normal(name)), _normal(name)
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(body).best()
    if best is not None:
        return str(best), _normal(best.encoding)
    return body.decode("utf-8", "replace"), "utf-8"


def parse_date(text: str | None, today: date | None = None) -> str | None:
    """The first date in `text` as YYYY-MM-DD; a bare month-day takes the latest year not in the future."""
    if not text:
        return None
    match = DATE_RE.search(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    match = MONTH_DAY_RE.search(text)
    if not match:
        return None
    today = today or date.today()
    month, day = int(match.group(1)), int(match.group(2))
    try:
        found = date(today.year, month, day)
    except ValueError:
        return None
    if found > today:
        found = found.replace(year=today.year - 1)
    return found.isoformat()


XML_DECLARATION = re.compile(r"[\s\ufeff]*<\?xml\s")


def page_selector(text: str) -> Selector:
    """A Selector over a decoded HTML (or XML) page; parsel would first try every page as JSON."""
    return Selector(text=text, type="xml" if XML_DECLARATION.match(text) else "html")


def select(node: Selector | SelectorList, expression: str) -> SelectorList:
    """Apply a selector expression: CSS by default, XPath when prefixed with `xpath:`."""
    if expression.startswith("xpath:"):
        return node.xpath(expression[len("xpath:") :])
    return node.css(expression)


CSS_TRANSLATOR = HTMLTranslator()  # the translator parsel uses for HTML
REGEXP_NAMESPACE = {"re": "http://exslt.org/regular-expressions"}  # the namespace parsel maps on every query


@lru_cache(maxsize=1024)
def html_xpath(expression: str) -> etree.XPath | None:
    """The expression compiled as parsel compiles it for an HTML node; None when parsel must handle it
    (EXSLT sets, an invalid expression)."""
    query = expression[len("xpath:") :] if expression.startswith("xpath:") else CSS_TRANSLATOR.css_to_xpath(expression)
    if "set:" in query:
        return None
    try:
        return etree.XPath(query, namespaces=REGEXP_NAMESPACE, smart_strings=False)
    except etree.XPathError:
        return None


def serialized(value: object) -> str:
    """One XPath result as parsel's `get()` serialises it."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, etree._Element):
        return etree.tostring(value, method="html", encoding="unicode", with_tail=False)
    return str(value)


def xpath_results(node: Selector | SelectorList, expression: str) -> list[object] | None:
    """The expression's raw results on an HTML element, evaluated as parsel evaluates it but without a
    parsel Selector per result; None when parsel must evaluate it (other nodes, errors parsel reports)."""
    if not (isinstance(node, Selector) and node.type == "html" and isinstance(node.root, etree._Element)):
        return None
    xpath = html_xpath(expression)
    if xpath is None:
        return None
    try:
        result = xpath(node.root)
    except etree.XPathError:  # parsel raises it as a ValueError
        return None
    return result if isinstance(result, list) else [result]


def values(node: Selector | SelectorList, expression: str) -> list[str]:
    """`select(node, expression).getall()`. List pages are read field by field, row by row: parsel's
    per-call work was a good part of a crawl's time per page."""
    results = xpath_results(node, expression)
    if results is None:
        return select(node, expression).getall()
    return [serialized(value) for value in results]


def matches(node: Selector | SelectorList, expression: str) -> bool:
    """Whether `select(node, expression)` finds anything (a detail page's content check)."""
    results = xpath_results(node, expression)
    return bool(select(node, expression)) if results is None else bool(results)


def first_text(node: Selector | SelectorList, expressions: list[str]) -> str | None:
    """The text the first matching expression yields, whitespace-collapsed."""
    for expression in expressions:
        found = [v for v in values(node, expression) if v and v.strip()]
        if found:
            return " ".join(" ".join(found).split())
    return None


def first_value(node: Selector | SelectorList, expressions: list[str]) -> str | None:
    """The first non-empty value the first matching expression yields, whitespace-collapsed."""
    for expression in expressions:
        for value in values(node, expression):
            if value and value.strip():
                return " ".join(value.split())
    return None


def json_path(data: object, path: str) -> object:
    """Follow a dotted path (`data.records`) through nested dicts; None when a key is missing."""
    for key in path.split(".") if path else ():
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


CHARSET_RE = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.I)


def declared_charset(content_type: str | None, body: bytes) -> str | None:
    """The charset a response declares: Content-Type header first, then a <meta> tag near the top."""
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip(" \"'") or None
    match = CHARSET_RE.search(body[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def read_page(item: DocumentItem) -> Selector | None:
    """Read a document's captured page by its rules: fill in its encoding, title and date.

    Returns the parsed page, or None when none of the content selectors matches (the page is not a
    document). Afterwards the item has no rules left.
    """
    rules, capture = item.rules, item.capture
    if rules is None:
        raise ValueError(f"{item.url}: the page has been read already")
    declared = declared_charset(capture.header("Content-Type"), capture.body)
    text, item.encoding = decode(capture.body, declared, rules.encoding)
    page = page_selector(text)
    if not any(matches(page, expression) for expression in rules.content):
        return None
    item.title = item.title or first_text(page, rules.title) or ""
    item.published = parse_date(first_text(page, rules.date)) or item.published
    item.rules = None
    return page
