"""北京市政府采购网 replica: xinxi_ul channel lists with 下一页 links, UTF-8 detail pages."""

from __future__ import annotations

from replicas.content import Bulletin, bulletins, page, page_count
from replicas.server import Call, Replica, Reply
from replicas.sites.common import esc, html_reply, lot_lines, sections

PAGE = 4
CHANNELS = {"sjzbjggg": "中标结果公告", "sjzbgg": "招标公告"}


def channel(b: Bulletin) -> str:
    return "sjzbjggg" if b.notice == "award" else "sjzbgg"


def listing(call: Call) -> Reply:
    chan, suffix = call.match.group(1), call.match.group(2)
    number = int(suffix) if suffix else 0
    hits = tuple(b for b in bulletins("beijing") if channel(b) == chan)
    pages = page_count(hits, PAGE)
    if number >= pages:
        return Reply(b"Not Found", 404)
    rows = "".join(
        f'<li><a href="./t{b.published:%Y%m%d}_{b.key}.html" target="_blank">{esc(b.title)}</a>'
        f'<span class="datetime">{b.published:%Y-%m-%d}</span></li>\n'
        for b in page(hits, number, PAGE, first=0)
    )
    links = []
    if number > 0:
        links.append(f'<a href="{"index.html" if number == 1 else f"index_{number - 1}.html"}">上一页</a>')
    if number + 1 < pages:
        links.append(f'<a href="index_{number + 1}.html">下一页</a>')
    return html_reply(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{CHANNELS[chan]}-北京市政府采购网</title>
<link rel="stylesheet" href="/css/xxgg.css"></head><body>
<div class="top_logo"><img src="/images/logo.png" alt="北京市政府采购网"></div>
<div class="nav"><a href="/">首页</a> | <a href="/xxgg/">信息公告</a></div>
<div style="width: 1105px;margin:0 auto"><div class="list_con"><h3>{CHANNELS[chan]}</h3>
<ul class="xinxi_ul">
{rows}</ul>
<div class="a_div">共{pages}页 当前第{number + 1}页 {' '.join(links)}</div>
</div></div>
<div class="footer">北京市财政局 主办</div></body></html>""")


def detail(call: Call) -> Reply:
    chan, key = call.match.group(1), call.match.group(2)
    b = next((b for b in bulletins("beijing") if b.key == key and channel(b) == chan), None)
    if b is None:
        return Reply(b"Not Found", 404)
    body = sections(b, table=False) if b.notice != "award" else (
        f"<p>一、项目编号：{esc(b.project_code)}</p><p>二、项目名称：{esc(b.project)}</p>"
        f"<p>三、中标（成交）信息</p>{lot_lines(b.lots)}<p>四、公告期限：自本公告发布之日起1个工作日。</p>"
        f"<p>五、采购人信息：{esc(b.buyer)}，{esc(b.buyer_address)}</p>"
    )
    return html_reply(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(b.title)}</title></head><body>
<div class="top_logo"><img src="/images/logo.png" alt="北京市政府采购网"></div>
<div style="width: 1105px;margin:0 auto">
<div style="text-align:center"><span style="font-size:20px;font-weight:bold">{esc(b.title)}</span></div>
<p class="datetime" style="text-align:center">发布时间：{b.published:%Y-%m-%d} {b.clock}</p>
<div class="mainTextBox">{body}</div>
</div><div class="footer">北京市财政局 主办</div></body></html>""")


def register(replica: Replica) -> None:
    replica.add("GET", r"/xxgg/sjzfcggg/(sjzbjggg|sjzbgg)/index(?:_(\d+))?\.html", listing)
    replica.add("GET", r"/xxgg/sjzfcggg/(sjzbjggg|sjzbgg)/t\d{8}_(\d+)\.html", detail)
