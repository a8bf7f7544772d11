"""Clean text from saved pages: encoding from the bytes, main content without chrome, normalised forms."""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector

_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "gb18030",
    "utf8": "utf-8",
    "unicode": "utf-8",
}
# Declarations that are almost never right on a Chinese page: trusted only when the bytes are plain ASCII.
_WEAK = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "ascii", "us-ascii"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?\scharset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTTP_EQUIV = re.compile(
    rb"""<meta[^>]*?http-equiv\s*=\s*["']?content-type["']?[^>]*?content\s*=\s*["'][^"']*?charset\s*=\s*([A-Za-z0-9_\-]+)""",
    re.I,
)
_HTTP_EQUIV_REVERSED = re.compile(
    rb"""<meta[^>]*?content\s*=\s*["'][^"']*?charset\s*=\s*([A-Za-z0-9_\-]+)[^>]*?http-equiv""", re.I
)


def canonical_encoding(name: str | None) -> str | None:
    """The codec to use for a declared charset name (GBK family → gb18030), or None if unknown."""
    if not name:
        return None
    key = name.strip().strip("\"'").lower()
    key = _ALIASES.get(key, key)
    try:
        codec = codecs.lookup(key).name
    except LookupError:
        return None
    return _ALIASES.get(codec, codec)


def _declared_in_page(head: bytes) -> list[str]:
    """Charsets the page declares: `<meta charset>` first, then the http-equiv content type."""
    found = []
    for pattern in (_META_CHARSET, _HTTP_EQUIV, _HTTP_EQUIV_REVERSED):
        for match in pattern.finditer(head):
            found.append(match.group(1).decode("ascii", "ignore"))
    return found


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return canonical_encoding(best.encoding) if best else None


def decode_html(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode a page: BOM, `<meta charset>`, http-equiv, the HTTP charset, then detection; returns (text, codec).

    Every declaration is validated by a strict decode; a declaration that does not fit the bytes (a page
    saying utf-8 whose bytes are GBK) falls through to the next source.
    """
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), name
    is_ascii = data.isascii()
    utf8 = _strict(data, "utf-8")
    candidates = _declared_in_page(data[:8192]) + ([declared] if declared else [])
    for raw_name in candidates:
        if raw_name.strip().lower() in _WEAK and not is_ascii:
            continue
        codec = canonical_encoding(raw_name)
        if codec is None:
            continue
        text = utf8 if codec == "utf-8" else _strict(data, codec)
        if text is None:
            continue
        if codec != "utf-8" and utf8 is not None and not is_ascii:
            # Valid UTF-8 with non-ASCII bytes is almost never another encoding by chance.
            return utf8, "utf-8"
        return text, codec
    if utf8 is not None:
        return utf8, "utf-8"
    detected = _detect(data)
    for codec in (detected, "gb18030"):
        if codec and (text := _strict(data, codec)) is not None:
            return text, codec
    return data.decode("gb18030", errors="replace"), "gb18030"


# --- main content -------------------------------------------------------------------------------------

# Known site containers, tried in order; every match of the first selector that yields text is used.
SITE_SELECTORS = (
    "div.vF_detail_main",  # ccgp new template: header, summary table and body
    "div.vT_detail_main",  # ccgp old template
    "div.vF_detail_content",
    "div.vT_detail_content",
    "div.detail",  # ggzy B-page: title, publish line, #mycontent
    "div#mycontent",
    "div.table",
    "div#mobanDiv",  # b2b.10086.cn
    "div.TRS_Editor",
    "div.article-content",
    "div.article_content",
    "div.art_content",
    "div.artical_content",
    "div#zoom",
    "div.zoom",
    "div.content_text",
    "div#content_text",
    "div.newsCon",
    "div.news_content",
    "div.text",
    "div#text",
)
_MIN_SELECTED_CHARS = 40
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "svg", "button", "select", "form")
_CHROME = re.compile(r"(^|[\s_-])(nav|navbar|menu|footer|header|breadcrumb|sidebar|copyright|share|toolbar)([\s_-]|$)", re.I)
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tbody", "thead", "tfoot",
    "section", "article", "header", "footer", "blockquote", "pre", "dl", "dt", "dd", "hr", "center", "form",
    "caption", "address", "main", "aside",
}
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u2009]+")
ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
CELL_SEP = " | "


def _cell_text(cell: etree._Element) -> str:
    parts = []
    for piece in cell.itertext():
        parts.append(piece)
    return _SPACES.sub(" ", ZERO_WIDTH.sub("", "".join(parts))).replace("\n", " ").strip()


def _is_layout(cell: etree._Element) -> bool:
    """A cell that holds a document (paragraphs, a long text) rather than a value."""
    blocks = cell.xpath("./p | ./div | ./br | ./ul | ./h1 | ./h2 | ./h3 | ./h4")
    return len(blocks) >= 2 or len(cell.text_content()) > 120


def _flush_loose(cells: list[etree._Element], out: list[str]) -> None:
    if cells:
        out.append("\n" + CELL_SEP.join(_cell_text(c) for c in cells) + "\n")
        cells.clear()


def _serialise(element: etree._Element, out: list[str]) -> None:
    """Append the text of an element: blocks become lines, table rows become cells joined by ` | `."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag == "tr":
        cell_elements = [c for c in element if isinstance(c.tag, str) and c.tag in ("td", "th")]
        cells = [_cell_text(c) for c in cell_elements]
        filled = [e for e, c in zip(cell_elements, cells, strict=True) if c]
        if any(e.xpath(".//table") for e in cell_elements) or (len(filled) == 1 and _is_layout(filled[0])):
            # A layout row (one cell holding the document, or cells holding paragraphs/tables): keep blocks.
            for cell in cell_elements:
                _serialise(cell, out)
                out.append("\n")
            out.append(element.tail or "")
            return
        if any(cells):
            out.append("\n" + CELL_SEP.join(cells) + "\n")
        out.append(element.tail or "")
        return
    block = tag in _BLOCK
    if block:
        out.append("\n")
    out.append(element.text or "")
    loose: list[etree._Element] = []
    for child in element:
        if tag in ("table", "tbody", "thead", "tfoot") and child.tag in ("td", "th"):
            # Cells written straight into a table (no <tr>) form one row.
            loose.append(child)
            continue
        _flush_loose(loose, out)
        if isinstance(child.tag, str):
            _serialise(child, out)
        else:
            out.append(child.tail or "")
    _flush_loose(loose, out)
    if block:
        out.append("\n")
    out.append(element.tail or "")


def _lines(raw: str) -> str:
    lines = (line.strip() for line in _SPACES.sub(" ", ZERO_WIDTH.sub("", raw)).split("\n"))
    return "\n".join(line for line in lines if line)


def element_text(element: etree._Element) -> str:
    """The clean text of an element, tables kept as ` | `-separated rows."""
    out: list[str] = []
    text, tail = element.text, element.tail
    element.tail = None
    _serialise(element, out)
    element.tail, element.text = tail, text
    return _lines("".join(out))


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=256)
def _compiled(selector: str) -> tuple[CSSSelector, tuple[str, ...]]:
    """The compiled selector, and the classes and ids a plain one (tags, classes, ids) names."""
    names = tuple(_NAMED.findall(selector)) if _PLAIN_SELECTOR.fullmatch(selector) else ()
    return CSSSelector(selector, translator="html"), names


_NAMES = etree.XPath("//@class | //@id", smart_strings=False)
_PLAIN_SELECTOR = re.compile(r"[\w\s.#>-]+")
_NAMED = re.compile(r"[.#]([\w-]+)")
_page_names = threading.local()


def _names_in(root: etree._Element) -> str:
    """Every class and id of the page, space-joined (worked out once for the page last asked about)."""
    if getattr(_page_names, "root", None) is not root:
        _page_names.root, _page_names.names = root, " ".join(_NAMES(root))
    return _page_names.names


def select(root: etree._Element, selector: str) -> list[etree._Element]:
    """`root.cssselect(selector)`, with each selector compiled once per process. A plain selector (tags, classes,
    ids) naming a class or id that no element of the page has is not run: pages are only ever pruned, so a
    name once absent stays absent."""
    compiled, names = _compiled(selector)
    if names and any(name not in _names_in(root) for name in names):
        return []
    return compiled(root)


def parse_html(html: str) -> etree._Element:
    """Parse HTML leniently into an lxml tree without scripts and styles."""
    html = _CONTROL.sub("", re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    try:
        root = lxml.html.fromstring(html) if html.strip() else lxml.html.fromstring("<html></html>")
    except etree.ParserError:  # nothing but comments or whitespace
        root = lxml.html.fromstring("<html></html>")
    for bad in root.xpath("//" + " | //".join(_DROP_TAGS)):
        bad.drop_tree()
    etree.strip_elements(root, etree.Comment, with_tail=False)
    return root


def _selected(root: etree._Element) -> str | None:
    for selector in SITE_SELECTORS:
        found = select(root, selector)
        # Skip nested duplicates (a matched element inside another match).
        tops = [e for e in found if not any(a in found for a in e.iterancestors())]
        text = "\n".join(t for t in (element_text(e) for e in tops) if t)
        if len(text) >= _MIN_SELECTED_CHARS:
            return text
    return None


def _trafilatura(html: str, url: str | None) -> str | None:
    import trafilatura

    extracted = trafilatura.extract(
        html, url=url, include_tables=True, include_comments=False, favor_recall=True, output_format="html"
    )
    if not extracted:
        return None
    return element_text(lxml.html.fromstring(extracted))


def _in_order(extracted: str, body: str) -> bool:
    """Do the extracted lines keep the order they have in the page?"""
    lines = body.split("\n")
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    where = {line: number for number, line in enumerate(lines) if counts[line] == 1}
    positions = [where[line] for line in extracted.split("\n") if line in where]
    return all(b > a for a, b in zip(positions, positions[1:], strict=False))


def _table_rows(text: str) -> int:
    return sum(1 for line in text.split("\n") if CELL_SEP in line)


def _body_text(root: etree._Element) -> str:
    for element in root.iter():
        if not isinstance(element.tag, str) or element.getparent() is None:
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag in ("nav", "footer") or _CHROME.search(marker):
            element.drop_tree()
    body = root.find(".//body")
    return element_text(body if body is not None else root)


def page_text(html: str, url: str | None = None, root: etree._Element | None = None) -> str:
    """Main content of a page as clean text: known site containers first, then trafilatura, then all text.

    `root` is the page already parsed by `parse_html`, if at hand (it may be changed).
    """
    html = _CONTROL.sub("", html)
    root = parse_html(html) if root is None else root
    selected = _selected(root)
    if selected:
        return selected
    extracted = _trafilatura(html, url)
    body = _body_text(root)
    # trafilatura sometimes flattens, drops or reorders result tables; keep the body text when it lost rows,
    # most of the text, or the order of the lines.
    if extracted and len(extracted) >= 0.4 * len(body) and _table_rows(extracted) >= _table_rows(body) \
            and _in_order(extracted, body):
        return extracted
    return body or (extracted or "")


# --- normalisation ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _converter():
    """OpenCC's compiled traditional → simplified converter, built once per process."""
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters folded to simplified (OpenCC t2s)."""
    return _converter().convert(text) if text else text


@lru_cache(maxsize=64)
def fold(text: str) -> str:
    """NFKC, then traditional → simplified: the form the rules read (remembered, since several rules read one text)."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def normalize(text: str) -> str:
    """Text for analysis: NFKC (full-width → half-width), traditional → simplified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", ZERO_WIDTH.sub("", text))
    text = to_simplified(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
