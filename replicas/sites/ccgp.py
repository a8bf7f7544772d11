"""中国政府采购网 replica: the bxsearch search list, the cggg channel lists and both detail templates."""

from __future__ import annotations

from replicas.content import SITE_COUNTS, Bulletin, bulletins, in_window, page, page_count
from replicas.pdf import make_pdf
from replicas.server import Call, Replica, Reply
from replicas.sites.common import (
    amount_word,
    attachment_lines,
    attachment_path,
    esc,
    html_reply,
    parse_day,
    sections,
)

SEARCH_PAGE = 5
CHANNEL_PAGE = 4
CHANNEL_NAMES = {"zbgg": "中标公告", "cjgg": "成交公告", "gkzb": "公开招标", "fblbgg": "废标公告", "gzgg": "更正公告"}
ZONE_NAMES = {"zygg": "中央公告", "dfgg": "地方公告"}

HEAD = """<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<link href="/css/style.css" rel="stylesheet" type="text/css">
<script type="text/javascript" src="/js/jquery.js"></script>"""

TOP = """<div class="v_news_top"><div class="vT_logo"><a href="/"><img src="/img/logo.png" alt="中国政府采购网"></a></div>
<ul class="v_news_nav"><li><a href="/">首页</a></li><li><a href="/cggg/">政采公告</a></li><li><a href="/zcfg/">政采法规</a></li></ul></div>"""

FOOT = """<div class="vT_footer"><p>主办单位：中华人民共和国财政部国库司　网站标识码 bm14000002</p></div>"""


def zone(b: Bulletin) -> str:
    return "zygg" if int(b.key[-1]) % 3 == 0 else "dfgg"


def channel(b: Bulletin) -> str:
    if b.notice == "award":
        return "zbgg" if b.method == "公开招标" else "cjgg"
    return {"tender": "gkzb", "cancelled": "fblbgg", "correction": "gzgg"}[b.notice]


def detail_path(b: Bulletin) -> str:
    return f"/cggg/{zone(b)}/{channel(b)}/{b.published:%Y%m}/t{b.published:%Y%m%d}_{b.key}.htm"


def bid_type(b: Bulletin) -> str:
    return {"zbgg": "7", "cjgg": "11", "gkzb": "1", "fblbgg": "12", "gzgg": "8"}[channel(b)]


def search(call: Call) -> Reply:
    q = call.query
    start, end = parse_day(q.get("start_time")), parse_day(q.get("end_time"))
    wanted = q.get("bidType", "0")
    hits = tuple(
        b for b in bulletins("ccgp") if (wanted == "0" or bid_type(b) == wanted) and in_window(b.published, start, end)
    )
    number = int(q.get("page_index") or 1)
    rows = []
    for b in page(hits, number, SEARCH_PAGE):
        rows.append(
            f"""<li><a href="{call.base}{detail_path(b)}" style="line-height:18px" target="_blank">
                {esc(b.title)}</a>
        <p>{esc(b.project)}的{CHANNEL_NAMES[channel(b)]}，详见公告正文。</p>
        <span>{b.published:%Y.%m.%d} {b.clock}:00
 | 采购人：{esc(b.buyer)}
 | 代理机构：{esc(b.agency)}
<br /><strong style="font-weight:bolder">{CHANNEL_NAMES[channel(b)]}</strong> | <a href="javascript:void(0)">{esc(b.region)}</a>
 | <strong>服务/信息技术服务</strong></span></li>"""
        )
    pages = page_count(hits, SEARCH_PAGE)
    body = f"""<!DOCTYPE html>
<html><head>{HEAD}<title>中国政府采购网-搜索</title></head><body>
{TOP}
<div class="vT_z"><div><div class="vT-srch-result"><div class="vT-srch-result-list-con2">
<p>共找到 <span style="color:#c00000">{len(hits)}</span> 条内容</p>
<div class="vT-srch-result-list"><ul class="vT-srch-result-list-bid">
{''.join(rows)}
</ul></div></div>
<p class="pager"><script>Pager({{size:{pages}, current:{number - 1}, prefix:'javascript:gopage(',suffix:')'}});</script></p>
</div></div></div>
{FOOT}
<script>function gopage(n){{ document.searchForm.page_index.value = n + 1; document.searchForm.submit(); }}</script>
</body></html>"""
    return html_reply(body)


def channel_list(call: Call) -> Reply:
    zone_code, chan, suffix = call.match.group(1), call.match.group(2), call.match.group(3)
    number = int(suffix) if suffix else 0
    hits = tuple(b for b in bulletins("ccgp") if zone(b) == zone_code and channel(b) == chan)
    pages = page_count(hits, CHANNEL_PAGE)
    rows = "".join(
        f"""<li><a href="./{b.published:%Y%m}/t{b.published:%Y%m%d}_{b.key}.htm" title="{esc(b.title)}" target="_blank">{esc(b.title)}</a>
<span>{b.published:%Y-%m-%d} {b.clock}</span><span>{esc(b.region)}</span><span>{esc(b.buyer)}</span></li>"""
        for b in page(hits, number, CHANNEL_PAGE, first=0)
    )
    if number >= pages:
        return Reply(b"Not Found", 404)
    body = f"""<!DOCTYPE html>
<html><head>{HEAD}<title>{CHANNEL_NAMES[chan]}_{ZONE_NAMES[zone_code]}_中国政府采购网</title></head><body>
{TOP}
<div class="vF_deail_currentloc"><p>当前位置：<a href="/">首页</a>&raquo;<a href="/cggg/">政采公告</a>&raquo;
<a href="../">{ZONE_NAMES[zone_code]}</a>&raquo;<a href="./">{CHANNEL_NAMES[chan]}</a></p></div>
<div class="main_container"><div class="main_list"><ul class="c_list_bid">
{rows}
</ul></div>
<div class="pager"><script>Pager({{size:{pages}, current:{number}, prefix:'index',suffix:'htm'}});</script></div></div>
{FOOT}</body></html>"""
    return html_reply(body)


def summary_rows(b: Bulletin) -> str:
    word = amount_word(b)
    total = f"￥{b.total_wan} 万元（人民币）" if b.notice == "award" else "详见公告正文"
    rows = [
        ("采购项目名称", b.project), ("品目", "服务/信息技术服务"), ("采购单位", b.buyer), ("行政区域", b.region),
        ("公告时间", f"{b.published:%Y年%m月%d日} {b.clock}"), ("评审专家名单", "张某某、李某某、王某某"),
        (f"总{word}金额", total), ("项目联系人", "周工"), ("项目联系电话", "0000-12345678"),
        ("采购单位地址", b.buyer_address), ("代理机构名称", b.agency),
    ]
    return "".join(f"<tr><td class=\"title\">{esc(k)}</td><td>{esc(v)}</td></tr>" for k, v in rows)


def attachments(b: Bulletin) -> str:
    if not b.attachment:
        return ""
    return f"""<div class="vF_detail_relcontent"><p>附件：</p><ul class="fjxx">
<li><a href="{attachment_path(b)}" target="_blank">{esc(b.project)}采购结果附件.pdf</a></li></ul></div>"""


def new_template(b: Bulletin) -> str:
    return f"""<!DOCTYPE html>
<html><head>{HEAD}
<meta name="ArticleTitle" content="{esc(b.title)}">
<meta name="PubDate" content="{b.published:%Y-%m-%d} {b.clock}">
<title>{esc(b.title)}</title>
<script id="keyparam" src="/_bot_sbu/sbu_fpcm.js"></script>
<script src="/_ws_sbu/sbu_hc.js"></script>
<script>document.cookie = "HOY_TR=ZHNWRCBVGJLMQOKEXPA; max-age=31536000; path=/";</script>
</head><body>
{TOP}
<div class="vF_deail_currentloc"><p>当前位置：<a href="/" class="CurrChnlCls">首页</a>&raquo;
<a href="/cggg/" class="CurrChnlCls">政采公告</a>&raquo;<a href="../../" class="CurrChnlCls">{ZONE_NAMES[zone(b)]}</a>&raquo;
<a href="../" class="CurrChnlCls">{CHANNEL_NAMES[channel(b)]}</a></p></div>
<div class="vF_detail_main">
<div class="vF_detail_header"><h2 class="tc">{esc(b.title)}</h2>
<p class="tc"><span id="pubTime">{b.published:%Y年%m月%d日} {b.clock}</span> 来源：<span id="sourceName">{esc(b.agency)}</span></p></div>
<div class="table"><table width="600" border="0" cellspacing="1" bgcolor="#bfbfbf">
<tr><td colspan="4"><b>公告概要：</b></td></tr>{summary_rows(b)}</table></div>
<div class="vF_detail_content_container"><div class="vF_detail_content">
{sections(b)}
</div></div>
{attachments(b)}
</div>
{FOOT}</body></html>"""


def old_template(b: Bulletin) -> str:
    word = amount_word(b)
    total = f'<fmt:formatnumber pattern="￥.000000#" type="currency">{float(b.total_wan):g}</fmt:formatnumber> 万元（人民币）'
    winners = "".join(f"<p>{esc(lot.name)}{esc(lot.winner)}，{esc(lot.address)}，{esc(lot.amount)}</p>" for lot in b.lots)
    return f"""<!DOCTYPE html>
<html><head>{HEAD}<title>{esc(b.title)}</title></head><body>
{TOP}
<div class="vT_detail_main">
<h2 class="tc">{esc(b.title)}</h2>
<p class="tc"><span id="pubTime">{b.published:%Y年%m月%d日} {b.clock}</span></p>
<table class="vT_detail_tb">{summary_rows(b)}
<tr><td class="title">本项目招标公告日期</td><td>{b.published:%Y年%m月%d日}</td></tr>
<tr><td class="title">{word}日期</td><td>{b.published:%Y年%m月%d日}</td></tr>
<tr><td class="title">预算金额</td><td>{esc(b.budget)}</td></tr></table>
<div class="vT_detail_content w760c">
<p>一、项目信息</p><p>项目编号：{esc(b.project_code)}</p><p>项目名称：{esc(b.project)}</p>
<p>项目联系人：周工 联系方式：0000-12345678</p>
<p>二、采购单位信息</p><p>采购单位名称：{esc(b.buyer)}</p><p>采购单位地址：{esc(b.buyer_address)}</p>
<p>三、采购代理机构信息</p><p>代理机构名称：{esc(b.agency)}</p>
<p>四、{word}信息</p><p>招标文件编号：{esc(b.project_code)}</p><p>本项目招标公告日期：{b.published:%Y年%m月%d日}</p>
<p>总{word}金额：{total}</p>
<p>{word}供应商名称、地址及{word}金额：</p>{winners}
<p>{esc(b.note)}</p>
</div>
{attachments(b)}
</div>
{FOOT}</body></html>"""


def detail(call: Call) -> Reply:
    key = call.match.group(1)
    for index, b in enumerate(bulletins("ccgp")):
        if b.key == key and detail_path(b) == call.path:
            return html_reply(new_template(b) if index % 3 else old_template(b))
    return Reply(b"Not Found", 404)


def attachment(call: Call) -> Reply:
    site, key = call.match.group(1), call.match.group(2)
    if site not in SITE_COUNTS:
        return Reply(b"Not Found", 404)
    for b in bulletins(site):
        if b.key == key and b.attachment:
            return Reply(make_pdf(attachment_lines(b)), content_type="application/pdf")
    return Reply(b"Not Found", 404)


def register(replica: Replica) -> None:
    replica.add("GET", r"/bxsearch", search)
    replica.add("GET", r"/cggg/(zygg|dfgg)/(\w+)/index(?:_(\d+))?\.htm", channel_list)
    replica.add("GET", r"/cggg/(?:zygg|dfgg)/\w+/\d{6}/t\d{8}_(\d+)\.htm", detail)
    replica.add("GET", r"/oss/gpfile/(\w+)/(\d+)\.pdf", attachment)
