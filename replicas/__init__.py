"""Local replicas of the crawled sites, served on 127.0.0.1 for tests, benchmarks and the demo.

    server, base_url = serve()          # port 0 picks a free port
    server.replica.misbehave("status", "/bxsearch*", status=429, retry_after="1", times=2)
    ...
    server.stop()                       # or use `with server:`
"""

from __future__ import annotations

from replicas.server import Replica, ReplicaServer, Reply
from replicas.sites import beijing, bench, ccgp, cmcc, ggzy, guangdong, jiangsu, news

ROBOTS = """User-agent: *
Disallow: /_bot_sbu/
Disallow: /admin/
"""


def build(bench_pages: int = 0) -> Replica:
    """A Replica with every site's routes (and the benchmark channel when bench_pages > 0)."""
    replica = Replica()
    replica.robots_txt = ROBOTS
    replica.add("GET", r"/robots\.txt", lambda call: Reply(replica.robots_txt.encode(), content_type="text/plain"))
    for site in (ccgp, ggzy, beijing, guangdong, jiangsu, cmcc, news):
        site.register(replica)
    if bench_pages:
        bench.register(replica, bench_pages)
    return replica


def serve(host: str = "127.0.0.1", port: int = 0, *, bench_pages: int = 0) -> tuple[ReplicaServer, str]:
    """Start a replica server in a background thread; returns (server, base_url)."""
    server = ReplicaServer(build(bench_pages), host, port).start()
    return server, server.base_url
