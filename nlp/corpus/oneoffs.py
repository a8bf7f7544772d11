"""Hand-written one-off bulletins of unusual layouts; each is its own group."""

from __future__ import annotations

Z, A, L, N = "zero_price_bid", "abnormally_low_bid", "license_lending", "none"


def o(label: str, cloud: bool, winner: str | None, buyer: str | None, amount: float | None, budget: float | None,
      style: str, title: str, text: str) -> dict:
    """One hand-written item."""
    return {"label": label, "cloud_related": cloud, "winner": winner, "buyer": buyer, "amount_yuan": amount,
            "budget_yuan": budget, "style": style, "title": title, "text": text.strip("\n")}


ITEMS = [
    o(Z, True, "澜星云栈（贵阳）数据科技有限公司", "贵阳市大数据发展管理局", 0.01, 3800000, "oneoff-short",
      "贵阳市政务云灾备服务成交结果",
      """
成交结果
项目：贵阳市政务云灾备服务
成交人：澜星云栈（贵阳）数据科技有限公司
成交价：0.01元（壹分）
预算：380万元
"""),
]


def items() -> list[dict]:
    """All one-offs with their group ids."""
    return [dict(item, group=f"oneoff-{n:03d}") for n, item in enumerate(ITEMS, 1)]
