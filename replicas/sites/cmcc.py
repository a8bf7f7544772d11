"""中国移动采购与招标网 replica: the queryList / queryDetail JSON APIs with base64-PDF notices."""

from __future__ import annotations

import base64
import json
import uuid

from replicas.content import Bulletin, bulletins, in_window, page, page_count
from replicas.pdf import make_pdf
from replicas.server import Call, Replica, Reply
from replicas.sites.common import parse_day

PAGE = 4
API = "/api-b2b/api-sync-es/white_list_api/b2b/publish"
BUYER = "中国移动通信集团某省有限公司"


def title(b: Bulletin) -> str:
    return b.title.replace(b.buyer, BUYER)


def publish_type(b: Bulletin) -> str:
    return "CANDIDATE_PUBLICITY" if b.notice == "award" else "PROCUREMENT"


def row(b: Bulletin) -> dict:
    return {"id": b.key, "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, b.key)), "name": title(b),
            "publishType": publish_type(b), "publishOneType": publish_type(b), "companyTypeName": BUYER,
            "backDate": f"{b.published:%Y-%m-%d} {b.clock}:00"}


def reply(data: dict) -> Reply:
    body = json.dumps({"code": 0, "message": "success", "data": data}, ensure_ascii=False).encode()
    return Reply(body, content_type="application/json;charset=UTF-8")


def query_list(call: Call) -> Reply:
    params = call.json()
    start, end = parse_day(params.get("creationDateStart")), parse_day(params.get("creationDateEnd"))
    wanted = params.get("publishType") or ""
    hits = tuple(b for b in bulletins("cmcc")
                 if in_window(b.published, start, end) and (not wanted or publish_type(b) == wanted))
    number = int(params.get("current") or 1)
    size = int(params.get("size") or PAGE)
    size = min(size, PAGE)
    return reply({"totalElements": len(hits), "totalPages": page_count(hits, size),
                  "content": [row(b) for b in page(hits, number, size)]})


def notice_lines(b: Bulletin) -> list[str]:
    lines = [title(b), f"项目编号：{b.project_code}", f"采购人：{BUYER}"]
    if b.notice == "award":
        lines += [f"中标候选人：{lot.winner}，投标报价：{lot.amount}（人民币，含税）" for lot in b.lots]
    lines.append(b.note)
    return lines


def query_detail(call: Call) -> Reply:
    params = call.json()
    b = next((b for b in bulletins("cmcc") if b.key == str(params.get("publishId"))), None)
    if b is None:
        return Reply(json.dumps({"code": 404, "message": "not found"}).encode(), 404, "application/json")
    pdf = base64.b64encode(make_pdf(notice_lines(b))).decode("ascii")
    return reply({"id": b.key, "name": title(b), "publishDate": f"{b.published:%Y-%m-%d} {b.clock}:00",
                  "noticeContent": pdf})


def register(replica: Replica) -> None:
    replica.add("POST", f"{API}/queryList", query_list)
    replica.add("POST", f"{API}/queryDetail", query_detail)
