"""A synthetic channel for benchmarks: as many list and detail pages as asked, in the ccgp templates."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from replicas.content import bulletins
from replicas.server import Call, Replica, Reply
from replicas.sites.ccgp import new_template
from replicas.sites.common import esc, html_reply

PAGE = 20


def register(replica: Replica, details: int) -> None:
    """Serve /bench/index_N.htm lists (20 items each) over `details` detail pages."""
    templates = [b for b in bulletins("ccgp") if b.notice == "award"]
    pages = max(1, -(-details // PAGE))

    def bulletin(number: int):
        base = templates[number % len(templates)]
        published = base.published - timedelta(days=number // 200)
        return replace(base, key=f"{number:08d}", published=published, title=f"{base.title}（{number}）")

    def listing(call: Call) -> Reply:
        number = int(call.match.group(1))
        if number >= pages:
            return Reply(b"Not Found", 404)
        first = number * PAGE
        rows = "".join(
            f'<li><a href="./t_{n}.htm" title="{esc(bulletin(n).title)}">{esc(bulletin(n).title)}</a>'
            f'<span>{bulletin(n).published:%Y-%m-%d}</span></li>'
            for n in range(first, min(first + PAGE, details))
        )
        return html_reply(f'<html><head><meta charset="utf-8"><title>bench</title></head><body>'
                          f'<div class="main_list"><ul>{rows}</ul></div>'
                          f"<script>Pager({{size:{pages}, current:{number}}});</script></body></html>")

    def detail(call: Call) -> Reply:
        number = int(call.match.group(1))
        if number >= details:
            return Reply(b"Not Found", 404)
        return html_reply(new_template(bulletin(number)))

    replica.add("GET", r"/bench/index_(\d+)\.htm", listing)
    replica.add("GET", r"/bench/t_(\d+)\.htm", detail)
