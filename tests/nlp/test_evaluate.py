"""Evaluation measures: amount tolerance, winner matching, report arithmetic and rendering."""

import pytest

from nlp.dataset import Item, load_corpus, split
from nlp.evaluate import amount_matches, evaluate, render, scores_of, winner_matches
from nlp.model import current_model


@pytest.mark.parametrize(
    "expected, found, ok",
    [(1000.0, 1004.9, True), (1000.0, 1005.1, False), (0.0, 0.0, True), (0.0, 0.01, False), (None, None, True),
     (5.0, None, False), (None, 5.0, False)],
)
def test_amount_within_half_a_percent(expected, found, ok):
    assert amount_matches(expected, found) is ok


def test_winner_compared_on_the_name_key():
    assert winner_matches("星澜云科技有限公司", " 星澜云科技有限公司 ")
    assert winner_matches("ＡＢＣ云有限公司", "ABC云有限公司")
    assert not winner_matches("星澜云科技有限公司", "星澜云科技")
    assert not winner_matches("星澜云科技有限公司", None)


def _item(id_, label, text, winner=None, amount=None):
    return Item(id=id_, kind="news", title="", text=text, label=label, cloud_related=True, winner=winner,
                amount_yuan=amount, split="test")


def test_report_counts_add_up_and_render():
    items = [
        _item("a", "zero_price_bid", "星澜云科技有限公司以0.01元中标某市政务云服务项目，预算300万元。", "星澜云科技有限公司", 0.01),
        _item("b", "none", "某市政务云服务项目招标公告：预算金额300万元，欢迎符合条件的供应商参加投标。"),
        _item("c", "license_lending", "经查，北京云栈数据有限公司借用他人互联网资源协作服务许可证承接政务云业务。"),
    ]
    report = evaluate(current_model(), items)
    assert report.size == 3
    assert sum(map(sum, report.confusion)) == 3
    assert report.fields["amount_violations"][1] == 1 and report.fields["winner"][1] == 1
    assert 0.0 <= report.macro_f1 <= 1.0
    text = render(report, current_model().meta)
    for heading in ("## Summary", "## Per label", "## Confusion matrix", "any-violation recall", "macro-F1"):
        assert heading in text
    assert set(scores_of(report)) >= {"macro_f1", "any_violation_recall", "amount_exact_violations"}


def test_empty_test_split_is_an_error():
    with pytest.raises(ValueError, match="no test items"):
        evaluate(current_model(), [])


def test_committed_report_is_for_the_committed_model():
    from pathlib import Path

    report = Path(__file__).parents[2] / "docs" / "evaluation.md"
    assert f"`{current_model().version}`" in report.read_text(encoding="utf-8")
    assert split(load_corpus(), "test")
