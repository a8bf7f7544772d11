"""`cloudcredit crawl` / `crawl-status` and the Scrapy project as Scrapy users run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from cloudcredit.app import UserError
from cloudcredit.cli import app
from crawlers.run import enabled_sites, is_loopback
from crawlers.siteconfig import SITES_DIR
from replicas.content import articles
from store.db import open_db
from tests.crawlers.conftest import SINCE, TEST_SETTINGS

ROOT = Path(__file__).resolve().parents[2]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "cloudcredit", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, env=env)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "yesterday"], "--since must be a date"),
        (["--base-url", "127.0.0.1:80"], "--base-url must look like"),
        (["--site-config", "missing.yaml"], "does not exist"),
        (["--site", "ccgp", "--site-config", "x.yaml"], "either --site or --site-config"),
        (["--site", "ccgp", "--set", "NOVALUE"], "--set takes KEY=VALUE"),
    ],
)
def test_bad_crawl_arguments_are_user_errors(tmp_path, args, message):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "m.db"), "crawl", *args])
    assert isinstance(result.exception, UserError) and message in str(result.exception)
    assert not (tmp_path / "m.db").exists() or not open_db(tmp_path / "m.db")["crawl_runs"].count


def test_unknown_site_is_one_line_on_stderr(tmp_path):
    result = cli(tmp_path / "m.db", "crawl", "--site", "nowhere")
    assert result.returncode == 1
    assert "unknown site 'nowhere'" in result.stderr and result.stderr.count("\n") == 1


def test_bad_site_config_names_the_key(tmp_path):
    config = yaml.safe_load((SITES_DIR / "cctime.yaml").read_text(encoding="utf-8"))
    config["lists"][0]["itmes"] = config["lists"][0].pop("items")
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "m.db"), "crawl", "--site-config", str(path)])
    assert isinstance(result.exception, UserError) and "unknown key 'itmes'" in str(result.exception)


def test_crawl_status_on_an_empty_store(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "m.db"), "crawl-status"])
    assert result.exit_code == 0 and "crawl runs" in result.stdout


def test_scrapy_list_shows_every_site():
    result = subprocess.run([str(Path(sys.executable).parent / "scrapy"), "list"], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    names = set(result.stdout.split())
    assert {p.stem for p in SITES_DIR.glob("*.yaml")} | {"listdetail", "jsonapi", "b2b_pdf"} == names


@pytest.mark.slow
def test_a_new_site_from_a_config_file_anywhere(replica, tmp_path):
    config = yaml.safe_load((SITES_DIR / "cctime.yaml").read_text(encoding="utf-8"))
    config.update(name="feixiang", title="飞象网（新配置）")
    path = tmp_path / "elsewhere" / "feixiang.yaml"
    path.parent.mkdir()
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    db = tmp_path / "m.db"
    sets = [a for s in TEST_SETTINGS for a in ("--set", s)]
    result = cli(db, "crawl", "--site-config", str(path), "--since", SINCE, "--base-url", replica.base_url, *sets,
                 "--set", "LOG_LEVEL=WARNING")
    assert result.returncode == 0, result.stderr
    assert "feixiang" in result.stdout and "crawl runs" in result.stdout
    store = open_db(db)
    assert store["sources"].get("feixiang")["config_path"] == str(path.resolve())
    titles = [r["title"] for r in store.query("SELECT title FROM documents WHERE site = 'feixiang'")]
    assert sorted(titles) == sorted(a.title for a in articles("cctime"))


@pytest.mark.slow
def test_scrapy_crawl_runs_a_site(replica, tmp_path):
    db = tmp_path / "m.db"
    sets = [a for s in TEST_SETTINGS for a in ("-s", s)]
    scrapy = shutil.which("scrapy", path=str(Path(sys.executable).parent))
    result = subprocess.run([scrapy, "crawl", "c114", "-a", f"since={SINCE}", "-a", f"base_url={replica.base_url}",
                             "-s", f"CLOUDCREDIT_DB={db}", "-s", "LOG_LEVEL=WARNING", *sets],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    run = open_db(db)["crawl_runs"].get(1)
    assert (run["site"], run["status"], run["new"]) == ("c114", "ok", len(articles("c114")))


def test_sites_switched_off_in_the_store_are_not_crawled_by_default(tmp_path):
    db = open_db(tmp_path / "m.db")
    assert "ggzy" in enabled_sites(db)
    db.execute("INSERT INTO sources (name, title, enabled) VALUES ('ggzy', '全国公共资源交易平台', 0)")
    assert "ggzy" not in enabled_sites(db) and "ccgp" in enabled_sites(db)


def test_only_loopback_base_urls_drop_politeness():
    assert is_loopback("http://127.0.0.1:8000") and is_loopback("http://localhost:1")
    assert not is_loopback("http://www.ccgp.gov.cn") and not is_loopback(None)
