"""表1 不良失信行为记录情况: every row, the 2018-01-22 boundary, removals, the cloud-related filter."""

from __future__ import annotations

import pytest

from scoring.dimensions import records
from scoring.facts import Explanation, ListEntry


def entry(id=1, list="bad", date_in="2018-03-01", date_out=None, business="互联网资源协作服务", cloud=True):
    return ListEntry(id, list, date_in, date_out, business, cloud, "未按时报送年报")


@pytest.mark.parametrize(
    ("entries", "points"),
    [
        ([], 30),
        ([entry(list="record")], 20),
        ([entry(date_out="2018-05-01")], 20),
        ([entry()], 10),
        ([entry(list="dishonest")], 0),
        ([entry(), entry(2, list="dishonest", date_in="2018-04-01")], 0),
        ([entry(list="record"), entry(2, date_in="2018-04-01")], 10),
    ],
    ids=["clean", "past-record", "removed-listing", "bad-list", "dishonest-list", "both-lists", "record-and-bad"],
)
def test_table1_rows(facts, rules, entries, points):
    facts.list_entries.extend(entries)
    result = records(facts, rules)
    assert result.points == points
    assert result.text.endswith(f"{points}分")
    assert result.facts["list_entries"] == [e.id for e in entries]


def test_bad_list_entry_removed_one_day_before_as_of_is_a_past_record(facts, rules):
    facts.list_entries.append(entry(date_out="2018-06-29"))
    result = records(facts, rules)
    assert result.points == 20
    assert "已移出" in result.text


@pytest.mark.parametrize(("date_out", "points"), [("2018-06-30", 20), ("2018-07-01", 10)])
def test_removal_takes_effect_on_its_day(facts, rules, date_out, points):
    facts.list_entries.append(entry(date_out=date_out))
    assert records(facts, rules).points == points


def test_clean_text_names_the_start_date(facts, rules):
    assert records(facts, rules).text == "不在两单之列，且2018-01-22以来无违法不良记录：30分"


def test_non_cloud_listing_counts_without_an_explanation(facts, rules):
    facts.list_entries.append(entry(business="在线数据处理与交易处理业务", cloud=False))
    result = records(facts, rules)
    assert result.points == 10
    assert "与云计算无关" in result.text and "仍计入" in result.text


def test_non_cloud_listing_with_accepted_explanation_does_not_count(facts, rules):
    facts.list_entries.append(entry(business="在线数据处理与交易处理业务", cloud=False))
    facts.explanations.append(Explanation(7, 1, True, "2018-05-10", "年报已补报，业务与云服务无关"))
    result = records(facts, rules)
    assert result.points == 30
    assert "年报已补报，业务与云服务无关" in result.text and "2018-05-10" in result.text
    assert result.facts["explanations"] == [7]


def test_rejected_explanation_leaves_the_listing_counted(facts, rules):
    facts.list_entries.append(entry(business="在线数据处理与交易处理业务", cloud=False))
    facts.explanations.append(Explanation(7, 1, True, "2018-04-01", "初步采纳"))
    facts.explanations.append(Explanation(8, 1, False, "2018-05-01", "复核后不予采纳"))
    result = records(facts, rules)
    assert result.points == 10
    assert result.facts["explanations"] == [8]


def test_explanation_does_not_excuse_a_cloud_related_listing(facts, rules):
    facts.list_entries.append(entry(business="互联网数据中心业务（IDC）", cloud=False))
    facts.explanations.append(Explanation(7, 1, True, "2018-05-10", "说明"))
    assert records(facts, rules).points == 10


def test_cloud_related_business_list_is_a_setting(facts, variant):
    facts.list_entries.append(entry(business="内容分发网络业务", cloud=False))
    facts.explanations.append(Explanation(7, 1, True, "2018-05-10", "与云无关"))
    rules = variant(("records", "cloud_related_business"), ["内容分发网络"])
    assert records(facts, rules).points == 10
