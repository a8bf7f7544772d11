"""The replica HTTP server: every site on one loopback port, routed by the real sites' paths.

The real sites' path schemes do not overlap, so one server serves them all and a crawler reaches a
site by swapping the scheme and host of its URLs for the replica's base URL. The server can misbehave
on demand, per path pattern or globally, and logs every request it answers.
"""

from __future__ import annotations

import fnmatch
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from replicas import faults


@dataclass
class Reply:
    """What a route answers."""

    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass
class Call:
    """One request as a route sees it."""

    method: str
    path: str
    query: dict[str, str]
    body: bytes
    base: str
    match: re.Match

    @property
    def form(self) -> dict[str, str]:
        """The form-urlencoded body as a dict (first value of each field)."""
        return {k: v[0] for k, v in parse_qs(self.body.decode("utf-8", "replace")).items()}

    def json(self) -> Any:
        """The JSON body (an empty dict when there is none)."""
        return json.loads(self.body or b"{}")


Handler = Callable[[Call], Reply]

MISBEHAVIOURS = ("status", "slow", "block", "truncate", "wrong_charset", *faults.KINDS)


@dataclass
class Rule:
    """One misbehaviour: what to do, on which paths (fnmatch on path?query), how many times."""

    kind: str
    pattern: str = "*"
    times: int | None = None
    status: int = 503
    retry_after: str | None = None
    delay: float = 1.0
    size: int = faults.HUGE_SIZE
    hits: int = 0

    def applies(self, target: str) -> bool:
        if self.times is not None and self.hits >= self.times:
            return False
        path = target.split("?", 1)[0]
        return fnmatch.fnmatchcase(target, self.pattern) or fnmatch.fnmatchcase(path, self.pattern)


BLOCK_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>安全验证</title></head>
<body><div class="verify"><h3>访问过于频繁，请稍后再试</h3>
<p>为保障网站正常访问，请输入验证码后继续。</p>
<form method="post" action="/_verify"><img src="/_verify/captcha.jpg" alt="验证码"><input name="code"></form>
</div></body></html>"""


class Replica:
    """Routes, misbehaviour rules and the request log of one replica."""

    def __init__(self) -> None:
        self.routes: list[tuple[str, re.Pattern, Handler]] = []
        self.rules: list[Rule] = []
        self.log: list[tuple[float, str, str]] = []
        self.lock = threading.Lock()
        self.robots_txt = ""

    def add(self, method: str, pattern: str, handler: Handler) -> None:
        """Route `method` requests whose path fully matches the regex `pattern`."""
        self.routes.append((method, re.compile(pattern), handler))

    def misbehave(self, kind: str, pattern: str = "*", **options: Any) -> Rule:
        """Start misbehaving (see Rule); returns the rule so callers can read its hit count."""
        if kind not in MISBEHAVIOURS:
            raise ValueError(f"unknown misbehaviour {kind!r}; choose from {', '.join(MISBEHAVIOURS)}")
        rule = Rule(kind, pattern, **options)
        with self.lock:
            self.rules.append(rule)
        return rule

    def calm(self) -> None:
        """Stop all misbehaviour and forget the request log."""
        with self.lock:
            self.rules.clear()
            self.log.clear()

    def requests(self, method: str | None = None) -> list[str]:
        """Paths (with query) requested so far, optionally only those of one method."""
        with self.lock:
            return [target for _, m, target in self.log if method is None or m == method]

    def timeline(self) -> list[tuple[float, str, str]]:
        """(time.time(), method, path?query) of every request so far."""
        with self.lock:
            return list(self.log)

    def answer(self, method: str, target: str, body: bytes, base: str) -> tuple[Reply, Rule | None]:
        """The reply to one request and the misbehaviour rule that applies to it, if any."""
        with self.lock:
            self.log.append((time.time(), method, target))
            rule = next((r for r in self.rules if r.applies(target)), None)
            if rule:
                rule.hits += 1
        if rule and rule.kind == "status":
            headers = (("Retry-After", rule.retry_after),) if rule.retry_after else ()
            page = f"<html><head><title>{rule.status}</title></head><body>Service unavailable</body></html>"
            return Reply(page.encode(), rule.status, headers=headers), rule
        if rule and rule.kind == "block":
            return Reply(BLOCK_PAGE.encode("utf-8")), rule
        if rule and rule.kind == "slow":
            time.sleep(rule.delay)
        if rule and rule.kind in faults.KINDS:
            return faults.reply(rule, self.route(method, target, body, base), target), rule
        return self.route(method, target, body, base), rule

    def route(self, method: str, target: str, body: bytes, base: str) -> Reply:
        parts = urlsplit(target)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        allowed = False
        for route_method, pattern, handler in self.routes:
            match = pattern.fullmatch(parts.path)
            if not match:
                continue
            allowed = True
            if route_method == method or (route_method == "GET" and method == "HEAD"):
                return handler(Call(method, parts.path, query, body, base, match))
        if allowed:
            return Reply(b"method not allowed", 405, "text/plain")
        return Reply(b"<html><head><title>404</title></head><body>Not Found</body></html>", 404)


def _swap_charset(content_type: str) -> str:
    """A wrong charset declaration for a reply: GBK pages claim UTF-8 and the other way round."""
    lower = content_type.lower()
    if "gb" in lower:
        return re.sub(r"charset=[\w-]+", "charset=utf-8", content_type, flags=re.I)
    return re.sub(r"charset=[\w-]+", "charset=gbk", content_type, flags=re.I)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: ReplicaServer

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the replica keeps its own request log."""

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        reply, rule = self.server.replica.answer(self.command, self.path, body, self.server.base_url)
        if rule and rule.kind == "reset":
            faults.reset(self.connection)
            self.close_connection = True
            return
        content_type = _swap_charset(reply.content_type) if rule and rule.kind == "wrong_charset" else reply.content_type
        self.send_response(reply.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        if rule and rule.kind == "truncate":
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command == "HEAD":
            return
        if rule and rule.kind == "truncate":
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(reply.body)

    do_GET = do_POST = do_HEAD = _serve


class ReplicaServer(ThreadingHTTPServer):
    """A threaded HTTP server running one Replica in a background thread."""

    daemon_threads = True

    def __init__(self, replica: Replica, host: str, port: int) -> None:
        super().__init__((host, port), _Handler)
        self.replica = replica
        self.base_url = f"http://{host}:{self.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> ReplicaServer:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self.serve_forever, name="replica", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()

    def __enter__(self) -> ReplicaServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
