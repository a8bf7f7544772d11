"""Run every benchmark and write one table of their ratios and figures to docs/benchmarks.md.

    .venv/bin/python bench/run_all.py [--quick] [--only crawl analyze triage score] [--out docs/benchmarks.md]

Each benchmark runs in its own process and prints its figures, ratios against a baseline measured in the
same run (these machines are noisy, so ratios are what to compare). `--quick` uses small sizes for a
smoke run; the figures in the committed docs/benchmarks.md come from the full sizes.
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BENCHES: dict[str, tuple[str, list[str], list[str], str]] = {
    "crawl": ("bench/crawl.py", [], ["--pages", "500", "--rounds", "1"],
              "full pipeline pages/s ÷ bare Scrapy fetch pages/s (target ≥ 0.8); peak memory"),
    "analyze": ("bench/analyze.py", [], ["--sizes", "200", "1000"],
                "analyze documents/s ÷ bare jieba.lcut documents/s (target ≥ 0.5); peak memory 1k vs 10k"),
    "triage": ("bench/triage.py", [], ["--documents", "20000", "--evidence", "2000", "--requests", "50"],
               "p50/p95 of queue, dossier, search over HTTP (target p95 ≤ 200 ms)"),
    "score": ("bench/score.py", [], ["--companies", "1000", "--evidence", "100000", "--azs", "10000"],
              "rate 10,000 companies, 1,000,000 evidence rows, 100,000 AZs (target ≤ 10 s)"),
}

KEY_LINE = re.compile(
    r"ratio|per company|peak|pages/s|docs/s|target|baseline|queue|dossier|search|facets|decided", re.I
)


def run(name: str, quick: bool) -> tuple[str, float, int]:
    """Run one benchmark; returns its output, wall time and exit code."""
    script, full_args, quick_args, _ = BENCHES[name]
    command = [sys.executable, str(ROOT / script), *(quick_args if quick else full_args)]
    started = time.monotonic()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    output = result.stdout + (f"\n[stderr]\n{result.stderr[-2000:]}" if result.returncode else "")
    return output, time.monotonic() - started, result.returncode


def key_lines(output: str, limit: int = 10) -> list[str]:
    """The lines of a benchmark's output that carry its figures."""
    return [line.strip() for line in output.splitlines() if KEY_LINE.search(line)][:limit]


def render(results: dict[str, tuple[str, float, int]], quick: bool) -> str:
    """docs/benchmarks.md: a summary table, then each benchmark's full output."""
    lines = [
        "# Benchmarks",
        "",
        f"Written by `bench/run_all.py{' --quick' if quick else ''}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"Python {platform.python_version()}, {platform.machine()}. Every figure that matters is a ratio against a "
        "baseline measured in the same run, because these machines are shared and noisy.",
        "",
        "| benchmark | what it measures | key figures | wall time | status |",
        "|---|---|---|---|---|",
    ]
    for name, (output, seconds, code) in results.items():
        figures = "<br>".join(key_lines(output)) or "(no figures printed)"
        status = "ok" if code == 0 else f"failed ({code})"
        lines.append(f"| {name} | {BENCHES[name][3]} | {figures} | {seconds:.0f} s | {status} |")
    for name, (output, _, _) in results.items():
        lines += ["", f"## {name}", "", f"`.venv/bin/python {BENCHES[name][0]}`", "", "```", output.strip(), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke run")
    parser.add_argument("--only", nargs="+", choices=sorted(BENCHES), help="run only these benchmarks")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args(argv)
    results = {}
    for name in args.only or list(BENCHES):
        print(f"running {name} …", flush=True)
        results[name] = run(name, args.quick)
        print("\n".join(key_lines(results[name][0])) or results[name][0][-500:], flush=True)
    args.out.write_text(render(results, args.quick), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0 if all(code == 0 for _, _, code in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
