"""广东省政府采购网 replica: an m_m_c_list list that JavaScript builds from a JSON endpoint."""

from __future__ import annotations

import hashlib
import json

from replicas.content import Bulletin, bulletins, page, page_count
from replicas.server import Call, Replica, Reply
from replicas.sites.common import esc, html_reply, sections

PAGE = 4

SHELL = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>采购公告-广东省政府采购网</title>
<link rel="stylesheet" href="/css/main.css"></head><body>
<div class="m_top"><img src="/images/gd_logo.png" alt="广东省政府采购网"></div>
<div class="m_m"><div class="m_m_c"><h3 class="m_m_c_title">采购结果公告</h3>
<ul class="m_m_c_list"></ul>
<div class="m_m_c_page"><form id="pageForm"></form></div></div></div>
<script>
(function () {
  var params = new URLSearchParams(window.location.search);
  var channel = params.get('channelCode') || '0008';
  var pageIndex = parseInt(params.get('pageIndex') || '1', 10);
  fetch('/queryMoreInfoListJson.do?channelCode=' + channel + '&pageIndex=' + pageIndex)
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var list = document.querySelector('ul.m_m_c_list');
      data.rows.forEach(function (row) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = '/showNotice/id/' + row.noticeId + '.html';
        a.title = row.title;
        a.textContent = row.title.length > 40 ? row.title.slice(0, 40) + '...' : row.title;
        var em = document.createElement('em');
        em.textContent = row.pubDate;
        li.appendChild(a); li.appendChild(em); list.appendChild(li);
      });
      var form = document.getElementById('pageForm');
      form.innerHTML = '<span>共' + data.pages + '页</span>' + (pageIndex < data.pages
        ? ' <a href="javascript:void(0)" onclick="turnPage(' + (pageIndex + 1) + ')">下一页</a>' : '');
    });
  window.turnPage = function (n) { params.set('pageIndex', n); window.location.search = params.toString(); };
})();
</script></body></html>"""


def notice_id(b: Bulletin) -> str:
    return hashlib.md5(b.key.encode()).hexdigest()


def shell(call: Call) -> Reply:
    return html_reply(SHELL)


def rows(call: Call) -> Reply:
    number = int(call.query.get("pageIndex") or 1)
    items = bulletins("guangdong")
    data = {
        "pages": page_count(items, PAGE), "total": len(items),
        "rows": [{"noticeId": notice_id(b), "title": b.title, "pubDate": f"{b.published:%Y-%m-%d}"}
                 for b in page(items, number, PAGE)],
    }
    return Reply(json.dumps(data, ensure_ascii=False).encode(), content_type="application/json;charset=utf-8")


def detail(call: Call) -> Reply:
    b = next((b for b in bulletins("guangdong") if notice_id(b) == call.match.group(1)), None)
    if b is None:
        return Reply(b"Not Found", 404)
    return html_reply(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{esc(b.title)}</title></head><body>
<div class="m_top"><img src="/images/gd_logo.png" alt="广东省政府采购网"></div>
<div class="zw_c"><div class="zw_c_c_title">{esc(b.title)}</div>
<div class="zw_c_c_qx"><span>发布日期：{b.published:%Y-%m-%d} {b.clock}</span><span>采购人：{esc(b.buyer)}</span></div>
<div class="zw_c_c_cont">{sections(b)}</div></div></body></html>""")


def register(replica: Replica) -> None:
    replica.add("GET", r"/queryMoreInfoList\.do", shell)
    replica.add("GET", r"/queryMoreInfoListJson\.do", rows)
    replica.add("GET", r"/showNotice/id/(\w{32})\.html", detail)
