"""Site configs: every bundled one loads, bad ones fail with one clear line, URLs are rewritten."""

from __future__ import annotations

import pytest
import yaml

from crawlers.siteconfig import SITES_DIR, ConfigError, load_config, parse_config, site_configs

MINIMAL = {
    "name": "demo",
    "title": "示例政府采购网",
    "base_url": "http://www.example.gov.cn",
    "lists": [{"url": "http://www.example.gov.cn/list_{page}.htm", "items": "ul li",
               "fields": {"link": "a::attr(href)"}}],
    "detail": {"content": "div.content"},
}


def test_every_bundled_site_loads():
    configs = site_configs()
    assert set(configs) == {p.stem for p in SITES_DIR.glob("*.yaml")}
    assert {"ccgp", "ggzy", "beijing", "guangdong", "jiangsu", "cmcc", "c114", "cctime"} <= set(configs)
    assert [c.name for c in configs.values() if any(s.browser for s in c.lists)] == ["guangdong"]
    assert {c.encoding for c in configs.values()} >= {"gbk", "utf-8"}
    assert {c.kind for c in configs.values()} == {"bulletin", "news"}


def test_ccgp_lists_cover_both_bid_types_and_four_channels():
    ccgp = site_configs()["ccgp"]
    urls = " ".join(spec.url + (spec.first_url or "") for spec in ccgp.lists)
    assert "bidType=7" in urls and "bidType=11" in urls
    for channel in ("zygg/zbgg", "zygg/cjgg", "dfgg/zbgg", "dfgg/cjgg"):
        assert f"/cggg/{channel}/index.htm" in urls and f"/cggg/{channel}/index_{{page}}.htm" in urls


def test_minimal_config_gets_defaults():
    config = parse_config(MINIMAL, "demo.yaml")
    assert config.hosts == ["www.example.gov.cn"]
    assert config.spider == "listdetail" and config.kind == "bulletin"
    assert config.lists[0].pagination.first == 1 and config.lists[0].stop is True
    assert config.lists[0].fields == {"link": ["a::attr(href)"]}


def test_rewrite_swaps_only_the_sites_hosts():
    config = parse_config({**MINIMAL, "hosts": ["www.example.gov.cn", "search.example.gov.cn"]}, "x")
    base = "http://127.0.0.1:8123"
    assert config.rewrite("https://search.example.gov.cn/s?a=1#f", base) == "http://127.0.0.1:8123/s?a=1#f"
    assert config.rewrite("https://other.cn/x", base) == "https://other.cn/x"
    assert config.rewrite("https://www.example.gov.cn/x", None) == "https://www.example.gov.cn/x"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"colour": "red"}, "unknown key 'colour'"),
        ({"spider": "magic"}, "spider must be one of"),
        ({"kind": "blog"}, "kind must be"),
        ({"name": "my site"}, "plain identifier"),
        ({"lists": []}, "non-empty list"),
        ({"lists": [{"url": "http://x/", "fields": {"link": "a"}}]}, "needs 'items'"),
        ({"lists": [{"url": "http://x/", "items": "li"}]}, "needs fields.link"),
        ({"lists": [{"items": "li", "fields": {"link": "a"}}]}, "missing required key"),
        ({"detail": {}}, "detail.content"),
        ({"lists": [{**MINIMAL["lists"][0], "pagination": {"pages": 3}}]}, "unknown key 'pages'"),
    ],
)
def test_bad_configs_are_refused_with_one_line(change, message):
    with pytest.raises(ConfigError, match=message) as info:
        parse_config({**MINIMAL, **change}, "bad.yaml")
    assert "\n" not in str(info.value) and str(info.value).startswith("bad.yaml")


def test_load_config_file_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_config(broken)
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(MINIMAL, allow_unicode=True), encoding="utf-8")
    assert load_config(good).path == str(good.resolve())
