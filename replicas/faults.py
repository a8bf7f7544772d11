"""Harsher misbehaviours for the fault-tolerance tests: resets, huge and binary replies, redirect loops,
and an endlessly paginated list.

`Replica.misbehave(kind, pattern, …)` accepts the kinds in KINDS besides its own:

- `reset`: the connection is reset (TCP RST) before any byte of the reply is sent;
- `huge`: the real reply padded with an HTML comment up to `size` bytes (20 MiB by default);
- `binary`: random-looking bytes served as `application/octet-stream` instead of the page;
- `redirect_loop`: a 302 to the same path with a growing `_loop` counter, for ever.

`add_endless_list(replica)` adds `/_faults/endless/list_N.htm`, a list that always has a next page
and always shows the same links (a site ignoring its page parameter).
"""

from __future__ import annotations

import dataclasses
import hashlib
import socket
import struct
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

if TYPE_CHECKING:
    from replicas.server import Replica, Reply, Rule

KINDS = ("reset", "huge", "binary", "redirect_loop")
HUGE_SIZE = 20 * 1024 * 1024
ENDLESS_PATH = r"/_faults/endless/list_(\d+)\.htm"


def reset(connection: socket.socket) -> None:
    """Abort a connection so the peer sees a reset instead of an orderly close."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


def binary_payload(size: int = 64 * 1024) -> bytes:
    """Deterministic bytes that are neither text nor HTML (with NULs and invalid UTF-8)."""
    blocks = [hashlib.sha256(str(n).encode()).digest() for n in range(size // 32 + 1)]
    return b"PK\x03\x04\x00\x00" + b"".join(blocks)[: size - 6]


def _pad(body: bytes, size: int) -> bytes:
    filler = size - len(body) - len(b"<!--  -->")
    return body + b"<!-- " + b"x" * max(filler, 0) + b" -->"


def _next_loop(target: str) -> str:
    parts = urlsplit(target)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query["_loop"] = str(int(query.get("_loop", "0")) + 1)
    return f"{parts.path}?{urlencode(query)}"


def reply(rule: Rule, original: Reply, target: str) -> Reply:
    """The misbehaving version of `original` for a rule of one of the KINDS (`reset` is the handler's)."""
    if rule.kind == "huge":
        return dataclasses.replace(original, body=_pad(original.body, rule.size))
    if rule.kind == "binary":
        return dataclasses.replace(original, body=binary_payload(), content_type="application/octet-stream")
    if rule.kind == "redirect_loop":
        return dataclasses.replace(original, body=b"", status=302, content_type="text/html",
                                   headers=(("Location", _next_loop(target)),))
    return original


def add_endless_list(replica: Replica, links: list[str]) -> None:
    """Serve /_faults/endless/list_N.htm for every N: the same `links`, and always a link to page N+1."""
    from replicas.server import Reply

    def listing(call) -> Reply:
        number = int(call.match.group(1))
        rows = "".join(f'<li><a href="{link}">第{n}条</a><span class="time">2026-11-20</span></li>'
                       for n, link in enumerate(links, 1))
        html = (f'<html><head><meta charset="utf-8"><title>列表</title></head><body><ul class="items">{rows}</ul>'
                f'<a class="next" href="list_{number + 1}.htm">下一页</a></body></html>')
        return Reply(html.encode("utf-8"))

    replica.add("GET", ENDLESS_PATH, listing)
