"""Every CLI command and option is documented in README.md or docs/*.md (tests that read like the docs)."""

import re
from pathlib import Path

import typer.main

from cloudcredit.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _docs() -> str:
    parts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    parts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(parts)


def _commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        if hasattr(command, "commands"):
            yield from _commands(command, path)
        else:
            yield " ".join(path), command


def test_every_command_is_documented():
    docs = _docs()
    missing = [path for path, _ in _commands(typer.main.get_command(app))
               if not re.search(rf"cloudcredit(\s+--db\s+\S+)?\s+{re.escape(path)}\b", docs)]
    assert missing == [], f"commands not documented as `cloudcredit <command>`: {missing}"


def test_every_option_is_documented():
    docs = _docs()
    missing = []
    for path, command in _commands(typer.main.get_command(app)):
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt != "--help" and opt not in docs:
                    missing.append(f"{path} {opt}")
    assert missing == [], f"options not documented: {missing}"
