"""江苏政府采购网 replica: GBK-encoded TRS-style channel lists and detail pages."""

from __future__ import annotations

from replicas.content import Bulletin, bulletins, page, page_count
from replicas.server import Call, Replica, Reply
from replicas.sites.common import attachment_path, esc, lot_lines, sections

PAGE = 4
CHARSET = "gbk"


def gbk_page(text: str) -> Reply:
    return Reply(text.encode(CHARSET, "xmlcharrefreplace"), content_type=f"text/html; charset={CHARSET}")


def listing(call: Call) -> Reply:
    suffix = call.match.group(1)
    number = int(suffix) if suffix else 0
    items = bulletins("jiangsu")
    pages = page_count(items, PAGE)
    if number >= pages:
        return Reply(b"Not Found", 404)
    rows = "".join(
        f'<li><a href="./{b.published:%Y%m}/t{b.published:%Y%m%d}_{b.key}.html" target="_blank" '
        f'title="{esc(b.title)}">{esc(b.title)}</a><span class="time">{b.published:%Y-%m-%d}</span></li>\n'
        for b in page(items, number, PAGE, first=0)
    )
    return gbk_page(f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>成交公告 江苏政府采购网</title></head>
<body><div class="header"><img src="/pub/jszfcg/images/logo.jpg" alt="江苏政府采购网"></div>
<div class="main"><div class="list_list"><ul>
{rows}</ul></div>
<div class="fenye"><script>createPageHTML({pages}, {number}, "index", "html");</script></div></div>
<div class="footer">江苏省财政厅主办</div></body></html>""")


def detail(call: Call) -> Reply:
    key = call.match.group(1)
    b: Bulletin | None = next((b for b in bulletins("jiangsu") if b.key == key), None)
    if b is None:
        return Reply(b"Not Found", 404)
    body = sections(b, table=False) if b.notice != "award" else (
        f"<p>一、项目编号：{esc(b.project_code)}</p><p>二、项目名称：{esc(b.project)}</p>"
        f"<p>三、成交信息</p>{lot_lines(b.lots)}<p>四、其他补充事宜：无</p>"
    )
    files = (f'<div class="fj"><a href="{attachment_path(b)}">{esc(b.project)}附件.pdf</a></div>'
             if b.attachment else "")
    return gbk_page(f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>{esc(b.title)}</title></head>
<body><div class="header"><img src="/pub/jszfcg/images/logo.jpg" alt="江苏政府采购网"></div>
<div class="dtit"><h1>{esc(b.title)}</h1><p>发布日期：{b.published:%Y-%m-%d} 来源：{esc(b.agency)}</p></div>
<div class="detail_con">{body}</div>{files}
<div class="footer">江苏省财政厅主办</div></body></html>""")


def register(replica: Replica) -> None:
    replica.add("GET", r"/pub/jszfcg/cgxx/cjgg/index(?:_(\d+))?\.html", listing)
    replica.add("GET", r"/pub/jszfcg/cgxx/cjgg/\d{6}/t\d{8}_(\d+)\.html", detail)
