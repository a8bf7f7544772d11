"""docs/crawling.md names every command option, setting and site-config key the crawl stage adds."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from crawlers import cli, settings
from crawlers.siteconfig import DetailSpec, ListSpec, Pagination, SiteConfig

DOC = (Path(__file__).resolve().parents[2] / "docs" / "crawling.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [n for n in vars(settings) if n.isupper()])
def test_every_setting_is_documented(name):
    assert f"`{name}`" in DOC


@pytest.mark.parametrize("cls", [SiteConfig, ListSpec, Pagination, DetailSpec])
def test_every_config_key_is_documented(cls):
    missing = [f.name for f in dataclasses.fields(cls) if f.name != "path" and f"`{f.name}`" not in DOC]
    assert missing == []


@pytest.mark.parametrize("command", [cli.crawl, cli.crawl_status])
def test_every_cli_option_is_documented(command):
    options = [p.default.param_decls[0] for p in inspect.signature(command).parameters.values()]
    assert [o for o in options if o not in DOC] == []
    assert f"cloudcredit {command.__name__.replace('_', '-')}" in DOC
