"""`python -m replicas [--port N] [--bench-pages N]`: serve the replicas until interrupted."""

from __future__ import annotations

import argparse
import threading

from replicas import serve


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the crawled sites' replicas on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (0 = any free port)")
    parser.add_argument("--bench-pages", type=int, default=0, help="also serve a synthetic /bench/ channel")
    args = parser.parse_args()
    server, base_url = serve(port=args.port, bench_pages=args.bench_pages)
    print(base_url, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
