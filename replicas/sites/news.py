"""Tech-news replicas: a C114-style roll list (GBK) and a 飞象网-style list (UTF-8)."""

from __future__ import annotations

from replicas.content import Article, articles, page, page_count
from replicas.server import Call, Replica, Reply
from replicas.sites.common import esc

PAGE = 3


def encoded(text: str, charset: str) -> Reply:
    return Reply(text.encode(charset, "xmlcharrefreplace"), content_type=f"text/html; charset={charset}")


def paragraphs(a: Article) -> str:
    return "".join(f"<p>{esc(p)}</p>" for p in a.paragraphs)


def c114_list(call: Call) -> Reply:
    number = int(call.query.get("page") or 1)
    items = articles("c114")
    rows = "".join(
        f'<div class="new_list_c"><h6><a href="/news/16/a{a.key}.html" target="_blank">{esc(a.title)}</a></h6>'
        f'<div class="new_list_time">{a.published:%m-%d} {a.clock}</div>'
        f'<div class="new_list_author">{esc(a.author)}</div></div>\n'
        for a in page(items, number, PAGE)
    )
    pages = page_count(items, PAGE)
    nxt = f'<a href="roll.asp?page={number + 1}" class="next">下一页</a>' if number < pages else ""
    return encoded(f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>滚动新闻_C114通信网</title></head>
<body><div class="top"><a href="/"><img src="/images/c114logo.gif" alt="C114通信网"></a></div>
<div class="news_roll"><div class="new_list">{rows}</div>
<div class="page_b">第{number}页/共{pages}页 {nxt}</div></div>
<div class="foot">C114通信网 版权所有</div></body></html>""", "gbk")


def c114_detail(call: Call) -> Reply:
    a = next((a for a in articles("c114") if a.key == call.match.group(1)), None)
    if a is None:
        return Reply(b"Not Found", 404)
    return encoded(f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{esc(a.title)}_C114通信网</title></head>
<body><div class="top"><a href="/"><img src="/images/c114logo.gif" alt="C114通信网"></a></div>
<div class="news_con"><h1>{esc(a.title)}</h1>
<div class="r_time">{a.published:%Y/%m/%d} {a.clock}  {esc(a.author)}</div>
<div class="text">{paragraphs(a)}</div></div>
<div class="foot">C114通信网 版权所有</div></body></html>""", "gbk")


def cctime_list(call: Call) -> Reply:
    suffix = call.match.group(1)
    number = int(suffix) if suffix else 1
    items = articles("cctime")
    pages = page_count(items, PAGE)
    if number > pages:
        return Reply(b"Not Found", 404)
    rows = "".join(
        f'<li><a href="/html/{a.published:%Y-%m-%d}/{a.key}.htm" target="_blank">{esc(a.title)}</a>'
        f'<span class="time">{a.published:%Y-%m-%d} {a.clock}</span></li>\n'
        for a in page(items, number, PAGE)
    )
    return encoded(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>资讯_飞象网</title></head>
<body><div class="header"><a href="/">飞象网</a></div>
<div class="item_list"><ul>
{rows}</ul>
<div class="pages">{''.join(f'<a href="list_{n}.htm">{n}</a>' for n in range(1, pages + 1))}</div></div>
</body></html>""", "utf-8")


def cctime_detail(call: Call) -> Reply:
    a = next((a for a in articles("cctime") if a.key == call.match.group(1)), None)
    if a is None:
        return Reply(b"Not Found", 404)
    return encoded(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(a.title)}-飞象网</title></head>
<body><div class="header"><a href="/">飞象网</a></div>
<h1 class="art_title">{esc(a.title)}</h1>
<div class="art_info"><span class="date">{a.published:%Y-%m-%d} {a.clock}</span> <span>来源：{esc(a.author)}</span></div>
<div class="art_content">{paragraphs(a)}</div></body></html>""", "utf-8")


def register(replica: Replica) -> None:
    replica.add("GET", r"/news/roll\.asp", c114_list)
    replica.add("GET", r"/news/16/a(\d+)\.html", c114_detail)
    replica.add("GET", r"/html/news/list_(\d+)\.htm", cctime_list)
    replica.add("GET", r"/html/\d{4}-\d{2}-\d{2}/(\d+)\.htm", cctime_detail)
