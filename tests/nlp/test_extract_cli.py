"""`cloudcredit extract PAGE.html …`: one JSON object a line per the interfaces contract; clear errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import extract_record
from nlp.rules import rule_classify

PAGES = Path(__file__).parent / "pages"
KEYS = ["file", "notice_type", "title", "project_code", "buyer", "agency", "published", "lots", "label", "cloud_related"]
LABELS = {"zero_price_bid", "abnormally_low_bid", "license_lending", "none"}


def cloudcredit(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CLOUDCREDIT_DB=str(tmp_path / "cli.db"))
    return subprocess.run([sys.executable, "-m", "cloudcredit", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    tmp_path = tmp_path_factory.mktemp("extract")
    names = sorted(p.name for p in PAGES.glob("*.html"))
    result = cloudcredit(tmp_path, "extract", *(str(PAGES / name) for name in names))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["file"]).name for r in records] == names
    return {Path(r["file"]).name: r for r in records}


def test_contract_keys_and_types(extracted: dict[str, dict]) -> None:
    for record in extracted.values():
        assert list(record) == KEYS
        assert record["notice_type"] in ("award", "tender", "cancelled", "other")
        assert record["label"] in LABELS and isinstance(record["cloud_related"], bool)
        assert all(set(lot) == {"winner", "amount_yuan"} for lot in record["lots"])
        assert record["published"] is None or len(record["published"]) == 10


@pytest.mark.parametrize(
    ("name", "notice", "lots"),
    [
        ("ccgp_new.html", "award", [{"winner": "星澜云科技有限公司", "amount_yuan": 1.0}]),
        ("ccgp_old_rate.html", "award", [{"winner": "临江市筑安设计审查中心", "amount_yuan": None}]),
        ("ggzy_contract.html", "award", [{"winner": "北京云栈数据有限公司", "amount_yuan": 0.0}]),
        ("multi_lot.html", "award", [
            {"winner": "海川云计算有限公司", "amount_yuan": 28378613.89},
            {"winner": "滨海恒基建设集团有限公司", "amount_yuan": 27670000.0},
            {"winner": "启明安信科技股份有限公司", "amount_yuan": 25786590.0},
            {"winner": "滨海云维技术服务有限公司", "amount_yuan": 24350000.0}]),
        ("candidates.html", "other", []),
        ("failed.html", "cancelled", []),
        ("tender.html", "tender", []),
        ("brand_tender.html", "tender", []),
        ("provincial_gbk_wanyuan.html", "award", [{"winner": "青禾数智科技有限公司", "amount_yuan": 2215330.0}]),
        ("wrong_charset_gbk.html", "award", [{"winner": "桐城安澜信息技术有限公司", "amount_yuan": 100000.0}]),
    ],
)
def test_notice_and_lots(extracted: dict[str, dict], name: str, notice: str, lots: list[dict]) -> None:
    record = extracted[name]
    assert record["notice_type"] == notice
    assert record["lots"] == lots


def test_header_fields(extracted: dict[str, dict]) -> None:
    record = extracted["ccgp_new.html"]
    assert (record["title"], record["project_code"], record["buyer"], record["agency"], record["published"]) == (
        "东湖区大数据中心政务云服务采购项目中标公告", "DHCG-2025-0117", "东湖区大数据中心", "青岚招标咨询有限公司", "2025-07-14")


def test_clear_cases_are_labelled(extracted: dict[str, dict]) -> None:
    assert extracted["ccgp_new.html"]["label"] == "zero_price_bid"
    assert extracted["ggzy_contract.html"]["label"] == "zero_price_bid"
    assert extracted["low_bid.html"]["label"] == "abnormally_low_bid"
    for name in ("tender.html", "failed.html", "brand_tender.html"):
        assert extracted[name]["label"] == "none"
    assert extracted["ccgp_new.html"]["cloud_related"] is True


@pytest.mark.parametrize(
    ("name", "label", "cloud"),
    [
        ("ccgp_new.html", "zero_price_bid", True),
        ("ggzy_contract.html", "zero_price_bid", True),
        ("traditional_big5.html", "zero_price_bid", True),
        ("low_bid.html", "abnormally_low_bid", True),
        ("daxie.html", "none", False),
        ("tender.html", "none", True),
        ("failed.html", "none", True),
        ("brand_tender.html", "none", False),
        ("candidates.html", "none", False),
        ("ccgp_old_rate.html", "none", False),
    ],
)
def test_rule_fallback(name: str, label: str, cloud: bool) -> None:
    record = extract_record(PAGES / name, rule_classify)
    assert (record["label"], record["cloud_related"]) == (label, cloud)


def test_licence_lending_statement_by_rule(tmp_path: Path) -> None:
    page = tmp_path / "lending.html"
    page.write_text(
        "<html><head><meta charset='utf-8'><title>关于取消某数据中心项目中标资格的公告</title></head><body>"
        "<div class='TRS_Editor'><p>经查，原中标人北京云栈数据有限公司借用星澜云科技有限公司的增值电信业务经营许可证参与投标，"
        "现取消其中标资格。</p></div></body></html>", encoding="utf-8")
    assert extract_record(page, rule_classify)["label"] == "license_lending"


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the `cloudcredit` entry point in-process; returns (exit code, stdout, stderr)."""
    from cloudcredit.cli import main

    monkeypatch.setattr(sys, "argv", ["cloudcredit", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    return exit_info.value.code or 0, out.out, out.err


def test_missing_page_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(PAGES / "tender.html", tmp_path / "ok.html")
    code, out, err = run_main(monkeypatch, capsys, "extract", str(tmp_path / "ok.html"), str(tmp_path / "missing.html"))
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0 and "missing.html" in err


@pytest.mark.parametrize("kind", ["empty", "directory"])
def test_unreadable_page(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch,
                         capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "page.html"
    if kind == "empty":
        target.write_bytes(b"")
    else:
        target.mkdir()
    code, out, err = run_main(monkeypatch, capsys, "extract", str(target))
    assert code == 1 and out == ""
    assert err.startswith("error:") and err.strip().count("\n") == 0


def test_no_arguments_is_an_error(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(monkeypatch, capsys, "extract")[0] != 0


def test_unusable_model_falls_back_to_rules_with_one_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from nlp.cli import _Labeller

    def broken(facts):
        raise ValueError("X has 3 features, but the model expects 2")

    labeller = _Labeller(broken)
    records = [extract_record(PAGES / name, labeller) for name in ("ccgp_new.html", "tender.html")]
    assert [r["label"] for r in records] == ["zero_price_bid", "none"]
    assert capsys.readouterr().err.count("warning: model artefact unusable") == 1


@pytest.mark.parametrize(
    ("title", "text", "label"),
    [
        ("某局政务云项目中标公告", "中标供应商：星澜云科技有限公司\n中标金额：0.01元", "zero_price_bid"),
        ("某局政务云项目中标公告", "预算金额：300万元\n中标供应商：星澜云科技有限公司\n中标金额：50万元", "abnormally_low_bid"),
        ("某局政务云项目中标公告", "预算金额：300万元\n中标供应商：星澜云科技有限公司\n中标金额：280万元", None),
        ("某局云服务（包1-包2）中标公告", "预算金额：1000万元\n包1\n中标供应商：甲云科技有限公司\n中标金额：150万元\n"
         "包2\n中标供应商：乙云科技有限公司\n中标金额：700万元", None),
        ("行政处罚决定书", "经查，北京云栈数据有限公司借用星澜云科技有限公司的增值电信业务经营许可证投标。", "license_lending"),
        ("网传某公司借用资质中标 管局核查未发现违规", "经核查，该公司持有经营许可证，未发现借用资质问题。", None),
        ("网传“0元中标”系误读", "中标供应商：星澜云科技有限公司\n中标金额：0元\n实为下浮率报价。", None),
        ("解读：如何识别政务云投标中的借证", "借用他人许可证投标属于违法行为，被查实的将被处罚。", None),
        ("某局政务云项目公开招标公告", "预算金额：300万元\n投标人不得挂靠。", "none"),
        ("某局政务云项目流标公告", "递交投标文件的供应商不足三家。", "none"),
    ],
)
def test_hard_rules(title: str, text: str, label: str | None) -> None:
    from nlp.facts import facts_from_text
    from nlp.rules import label_facts

    assert label_facts(facts_from_text(title, text)) == label


@pytest.mark.parametrize(
    ("text", "cloud"),
    [("政务云平台扩容", True), ("IDC机房托管", True), ("互联网资源协作服务", True), ("云南省道路工程", False),
     ("白云区物业服务", False), ("中标麒麟操作系统", False), ("雲主機租賃", True)],
)
def test_cloud_related(text: str, cloud: bool) -> None:
    from nlp.facts import facts_from_text
    from nlp.rules import cloud_related

    assert cloud_related(facts_from_text("采购公告", text)) is cloud


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"%PDF-1.7\n...", "not an HTML page"), (b"\x00" * 64 + b"\x01\x02", "not an HTML page"), (b"  \n ", "empty page")],
)
def test_binary_pdf_or_blank_pages_are_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(content)
    code, out, err = run_main(monkeypatch, capsys, "extract", str(page))
    assert code == 1 and out == "" and message in err


def test_utf16_page_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "utf16.html"
    page.write_bytes((PAGES / "tender.html").read_text(encoding="utf-8").encode("utf-16"))
    code, out, _err = run_main(monkeypatch, capsys, "extract", str(page))
    assert code == 0 and json.loads(out)["notice_type"] == "tender"


@pytest.mark.parametrize("content", [b"<!-- only a comment -->", b"<html>\x00\x01<body>\x02</body></html>"])
def test_odd_pages_do_not_crash(content: bytes) -> None:
    from nlp.facts import extract_facts

    facts = extract_facts(content)
    assert facts.notice_type == "other" and facts.lots == []
