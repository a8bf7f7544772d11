"""Debian's Chromium, as every stage launches it (Playwright cannot download a browser here)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def launch_options(executable: Path = CHROMIUM) -> dict:
    """Playwright `launch()` keyword arguments for headless Debian Chromium (or another `executable`)."""
    return {"executable_path": str(executable), "headless": True, "args": list(CHROMIUM_ARGS)}
