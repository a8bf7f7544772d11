"""Pieces every bulletin template shares: the numbered body, the lots table, dates and encodings."""

from __future__ import annotations

import html
from datetime import date, datetime

from replicas.content import Bulletin, Lot
from replicas.server import Reply

CN_NUMBERS = "一二三四五六七八九十"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def parse_day(text: str | None) -> date | None:
    """A date from a query parameter in any of the sites' formats (2026:09:01, 2026-09-01, 20260901)."""
    if not text:
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) < 8:
        return None
    return datetime.strptime(digits[:8], "%Y%m%d").date()


def html_reply(page: str, charset: str = "utf-8") -> Reply:
    return Reply(page.encode(charset), content_type=f"text/html; charset={charset}")


def lots_table(lots: tuple[Lot, ...]) -> str:
    rows = "".join(
        f"<tr><td class=\"code-sectionNo\">{n}</td><td class=\"code-winningSupplierName\">{esc(lot.winner)}</td>"
        f"<td class=\"code-winningSupplierAddr\">{esc(lot.address)}</td>"
        f"<td class=\"code-summaryPrice\">{esc(lot.amount)}</td></tr>"
        for n, lot in enumerate(lots, 1)
    )
    return (
        "<table border=\"1\" cellspacing=\"0\"><thead><tr><th>序号</th><th>供应商名称</th><th>供应商地址</th>"
        f"<th>中标（成交）金额</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def lot_lines(lots: tuple[Lot, ...]) -> str:
    """Winners as plain labelled lines, one paragraph per lot."""
    return "".join(
        f"<p>{esc(lot.name + '：') if lot.name else ''}中标（成交）供应商名称：{esc(lot.winner)}；"
        f"地址：{esc(lot.address)}；中标（成交）金额：{esc(lot.amount)}</p>"
        for lot in lots
    )


def sections(b: Bulletin, *, table: bool = True) -> str:
    """The numbered body of a bulletin, as the 2020+ national template lays it out."""
    parts = [
        f"<p>一、项目编号：<span class=\"code-00004\">{esc(b.project_code)}</span></p>",
        f"<p>二、项目名称：<span class=\"code-00003\">{esc(b.project)}</span></p>",
    ]
    if b.notice == "award":
        winners = lots_table(b.lots) if table else lot_lines(b.lots)
        parts.append(f"<p>三、中标（成交）信息</p>{winners}")
        parts.append(f"<p>四、主要标的信息</p><p>服务名称：{esc(b.project)}；服务范围：详见采购文件；服务期限：一年。</p>")
        parts.append("<p>五、评审专家名单：张某某、李某某、王某某、赵某某、刘某某</p>")
        parts.append("<p>六、代理服务收费标准及金额：按国家有关规定向中标（成交）供应商收取。</p>")
        parts.append(f"<p>七、公告期限</p><p>{esc(b.note)}</p>")
    elif b.notice == "tender":
        parts.append(f"<p>三、采购需求：预算金额：{esc(b.budget)}；最高限价：{esc(b.budget)}。</p>")
        parts.append(f"<p>四、获取采购文件及投标</p><p>{esc(b.note)}</p>")
    else:
        parts.append(f"<p>三、{'终止' if b.notice == 'cancelled' else '更正'}信息</p><p>{esc(b.note)}</p>")
    parts.append(
        "<p>八、对本次公告内容提出询问，请按以下方式联系。</p>"
        f"<p>1.采购人信息 名称：<span class=\"code-00014\">{esc(b.buyer)}</span> "
        f"地址：<span class=\"code-00018\">{esc(b.buyer_address)}</span></p>"
        f"<p>2.采购代理机构信息 名称：<span class=\"code-00009\">{esc(b.agency)}</span></p>"
        "<p>3.项目联系方式 项目联系人：周工 电话：0000-12345678</p>"
    )
    return "\n".join(parts)


def attachment_path(b: Bulletin) -> str:
    return f"/oss/gpfile/{b.site}/{b.key}.pdf"


def attachment_lines(b: Bulletin) -> list[str]:
    """The text of a bulletin's PDF attachment."""
    lines = [b.title, f"项目编号：{b.project_code}", f"采购人：{b.buyer}", f"预算金额：{b.budget}"]
    lines += [f"{lot.name or '成交'}供应商：{lot.winner} 报价：{lot.amount}" for lot in b.lots]
    return lines


def amount_word(b: Bulletin) -> str:
    return "中标" if b.method == "公开招标" else "成交"
