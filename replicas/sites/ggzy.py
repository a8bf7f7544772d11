"""全国公共资源交易平台 replica: the getTradList JSON API and the /a/ and /b/ detail pages."""

from __future__ import annotations

import hashlib
import json

from replicas.content import Bulletin, bulletins, in_window, page, page_count
from replicas.server import Call, Replica, Reply
from replicas.sites.common import esc, html_reply, parse_day, sections

PAGE = 5
PROVINCE_CODES = {"北京": "110000", "广东": "440000", "江苏": "320000", "浙江": "330000", "四川": "510000"}
INFO_TYPES = {"award": ("0202", "中标公告"), "contract": ("0203", "采购合同"), "tender": ("0201", "采购/资审公告"),
              "cancelled": ("0201", "采购/资审公告"), "correction": ("0204", "更正事项")}


def record_id(b: Bulletin) -> str:
    return "00" + hashlib.sha1(b.key.encode()).hexdigest()[:34]


def info_type(b: Bulletin) -> tuple[str, str]:
    if b.notice == "award" and b.lots and b.lots[0].amount == "0元":
        return INFO_TYPES["contract"]
    return INFO_TYPES[b.notice]


def detail_path(b: Bulletin, letter: str) -> str:
    code = PROVINCE_CODES[b.region]
    return f"/information/deal/html/{letter}/{code}/{info_type(b)[0]}/{b.published:%Y%m%d}/{record_id(b)}.html"


def record(b: Bulletin) -> dict:
    code, text = info_type(b)
    return {
        "id": record_id(b), "publishTime": f"{b.published:%Y-%m-%d} {b.clock}:00", "provinceText": b.region,
        "province": PROVINCE_CODES[b.region], "transactionSourcesPlatformText": f"{b.region}公共资源交易平台",
        "businessTypeText": "政府采购", "informationType": code, "informationTypeText": text, "title": b.title,
        "url": detail_path(b, "a"),
    }


def trade_list(call: Call) -> Reply:
    form = call.form
    start, end = parse_day(form.get("TIMEBEGIN")), parse_day(form.get("TIMEEND"))
    hits = tuple(b for b in bulletins("ggzy") if in_window(b.published, start, end))
    number = int(form.get("PAGENUMBER") or 1)
    data = {
        "code": 200, "message": "操作成功",
        "data": {"records": [record(b) for b in page(hits, number, PAGE)], "total": len(hits), "size": PAGE,
                 "current": number, "pages": page_count(hits, PAGE)},
    }
    return Reply(json.dumps(data, ensure_ascii=False).encode(), content_type="application/json;charset=UTF-8")


def find(call: Call) -> Bulletin | None:
    return next((b for b in bulletins("ggzy") if record_id(b) == call.match.group(1)), None)


SCRIPT = """<script>
    var mysid = '{sid}';
    var myds = '{ds}';
    var myplatformCode = '11{code}0000012150153Y';
    var myareaId = '{code}';
    var mybasepath = '/information';
</script>"""


def page_a(call: Call) -> Reply:
    b = find(call)
    if b is None:
        return Reply(b"Not Found", 404)
    code, text = info_type(b)
    return html_reply(f"""<!doctype html>
<html><head><meta charset="UTF-8"><title>全国公共资源交易平台</title>
<link type="text/css" href="/assets/css/dealdetail.css" rel="stylesheet"><script src="/assets/js/jquery-1.6.4.min.js"></script></head>
<body><div class="fully">
<h4 class="h4_o">{esc(b.title)}</h4>
<p class="p_o">采购项目编号：{esc(b.project_code)} 信息来源：<label id="platformName">{esc(b.region)}公共资源交易平台</label></p>
<ul class="ul_toggle"><li id="t_{code}" class="li_hover">{text}</li></ul>
<div id="div_{code}"><ul class="fully_list"><li><a href="javascript:void(0)" title="{esc(b.title)}"
 onclick="showDetail(this,'{code}','{detail_path(b, 'b')}')">{esc(b.title)}</a><span>{b.published:%Y-%m-%d}</span></li></ul></div>
<iframe id="iframe0201" src="" frameborder="0"></iframe>
</div>{SCRIPT.format(sid=record_id(b), ds=len(b.key), code=PROVINCE_CODES[b.region])}</body></html>""")


def contract_table(b: Bulletin) -> str:
    lot = b.lots[0]
    rows = (("采购人名称", b.buyer), ("中标（成交）供应商名称", lot.winner), ("合同金额", f"{lot.amount} 人民币"),
            ("合同期限", "1年"), ("合同签署时间", f"{b.published:%Y-%m-%d} {b.clock}:09"))
    cells = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows)
    return f'<table class="detail_Table" border="0" cellspacing="1" cellpadding="1">{cells}</table>'


def page_b(call: Call) -> Reply:
    b = find(call)
    if b is None:
        return Reply(b"Not Found", 404)
    contract = info_type(b)[0] == "0203"
    stamp = "签署时间" if contract else "发布时间"
    body = contract_table(b) if contract else sections(b)
    return html_reply(f"""<!doctype html>
<html><head><meta charset="UTF-8"><meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>全国公共资源交易平台</title><meta name="others" content="页面生成时间 {b.published:%Y-%m-%d} {b.clock}:24" />
<link type="text/css" href="/assets/css/dealdetail.css" rel="stylesheet"><script src="/assets/js/jquery-1.6.4.min.js"></script></head>
<body style="height:auto;"><div class="detail">
<h4 class="h4_o">{esc(b.title)}</h4>
<p class="p_o"><span>{stamp}：{b.published:%Y-%m-%d} {b.clock}</span><span>信息来源：<label id="platformName">{esc(b.region)}公共资源交易平台</label></span></p>
<div id="mycontent">{body}</div>
</div>{SCRIPT.format(sid=record_id(b), ds=len(b.key), code=PROVINCE_CODES[b.region])}</body></html>""")


def register(replica: Replica) -> None:
    replica.add("POST", r"/information/pubTradingInfo/getTradList", trade_list)
    replica.add("GET", r"/information/deal/html/a/\d+/\d+/\d{8}/(\w+)\.html", page_a)
    replica.add("GET", r"/information/deal/html/b/\d+/\d+/\d{8}/(\w+)\.html", page_b)
