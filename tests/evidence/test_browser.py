"""End to end in headless Chromium against `cloudcredit serve` on loopback: log in, triage, dossier, XSS."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from cloudcredit.chromium import launch_options
from evidence.accounts import add_analyst
from store.db import open_db

from .conftest import build_site_store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "evidence"
PASSWORD = "e2e password 1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    path = folder / "monitor.db"
    ids = build_site_store(path)
    add_analyst(folder / "analysts.json", "li", PASSWORD)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOUDCREDIT_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "cloudcredit", "--db", str(path), "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"{base}/-/login", timeout=2)
            break
        except httpx.HTTPError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"serve did not start: {process.stdout.read().decode()}") from None
            time.sleep(0.2)
    yield base, path, ids
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(**launch_options())
        yield chromium
        chromium.close()


def log_in(page, base):
    page.goto(f"{base}/-/login")
    page.fill("input[name=username]", "li")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def queue_ids(page) -> list[int]:
    cells = page.locator("td.col-evidence_id a").all_inner_texts()
    return [int(c) for c in cells]


def test_log_in_confirm_and_see_it_in_the_dossier(server, browser):
    base, path, ids = server
    page = browser.new_page()
    page.goto(base + "/")
    assert "Log in" in page.content()
    log_in(page, base)
    page.goto(f"{base}/monitor/triage_queue?violation_type=")
    page.screenshot(path=str(ARTIFACTS / "01-queue.png"), full_page=True)
    assert ids["e3"] in queue_ids(page)
    row = page.locator("tr", has=page.locator(f"td.col-evidence_id a:text-is('{ids['e3']}')"))
    row.locator("td.col-decide a", has_text="confirm").click()
    page.fill("input[name=note]", "0元 award confirmed from the capture")
    page.screenshot(path=str(ARTIFACTS / "02-confirm-form.png"), full_page=True)
    page.click("input[type=submit]")
    page.wait_for_load_state()
    assert "/triage_queue" in page.url
    assert ids["e3"] not in queue_ids(page)
    page.screenshot(path=str(ARTIFACTS / "03-queue-after.png"), full_page=True)
    page.goto(f"{base}/monitor/company_dossier?company=云栈")
    page.screenshot(path=str(ARTIFACTS / "04-dossier.png"), full_page=True)
    text = page.inner_text("table.rows-and-columns")
    assert "pending → confirmed" in text and "0元 award confirmed from the capture" in text
    row = open_db(path)["evidence"].get(ids["e3"])
    assert (row["status"], row["reviewer"]) == ("confirmed", "li")
    page.close()


def test_markup_in_evidence_renders_as_text(server, browser):
    base, _path, ids = server
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script("window.__xss = 0;")
    log_in(page, base)
    pages = [
        "/monitor/triage_queue?violation_type=",
        f"/monitor/evidence/{ids['e5']}",
        "/monitor/documents/5",
        "/monitor/evidence_view",
        "/-/cc/capture/5",
        "/-/cc/search?q=政务云",
        "/monitor/company_dossier?company=云栈",
        "/-/cc/dashboard",
    ]
    for number, url in enumerate(pages, 1):
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") == 0, url
        page.screenshot(path=str(ARTIFACTS / f"xss-{number:02d}.png"), full_page=True)
    page.goto(f"{base}/-/cc/capture/5")
    assert "<script>window.__xss = 1</script>" in page.inner_text("h1")
    assert '<img src=x onerror="window.__xss = 4">' in page.text_content("pre.cc-source")
    assert page.locator("#capture-text img, #capture-text script").count() == 0
    page.goto(f"{base}/monitor/documents/5")
    assert '<img src=x onerror="window.__xss = 4">' in page.inner_text("body")
    assert dialogs == []
    page.close()


def test_anonymous_browser_cannot_write(server, browser):
    base, path, ids = server
    page = browser.new_page()
    response = page.goto(f"{base}/monitor/confirm_evidence?evidence_id={ids['e1']}")
    assert response.status == 403
    status = page.evaluate(
        """async ([url, id]) => (await fetch(url, {method: 'POST', headers: {'Content-Type': 'application/json'},
             body: JSON.stringify({evidence_id: id, note: 'x'})})).status""",
        [f"{base}/monitor/confirm_evidence", ids["e1"]],
    )
    assert status == 403
    assert open_db(path)["evidence"].get(ids["e1"])["status"] == "pending"
    page.close()
