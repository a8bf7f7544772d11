"""Analyst CSV imports: who and when on every row, names resolved through the registry, all or nothing."""

from __future__ import annotations

import pytest

from scoring.imports import CsvImportError, import_csv
from scoring.rating import rate_batch


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_list_entries_with_who_and_when(db, tmp_path):
    path = write(tmp_path, "l.csv", "company,list,date_in,date_out,business,reason,entered_by\n"
                 "星澜云,bad,2018-03-01,,互联网资源协作服务,未报送年报,分析员甲\n"
                 "北京云栈数据有限公司,dishonest,2018-04-01,,,超范围经营,\n")
    assert import_csv(db, "list-entries", path, by="分析员乙") == 2
    rows = list(db.query("SELECT * FROM list_entries ORDER BY date_in"))
    assert [r["entered_by"] for r in rows] == ["分析员甲", "分析员乙"]
    assert all(r["entered_at"] for r in rows)
    assert rows[1]["cloud_related"] == 1


def test_reimport_updates_instead_of_duplicating(db, tmp_path):
    first = write(tmp_path, "a.csv", "company,list,date_in,date_out,entered_by\n星澜云,bad,2018-03-01,,甲\n")
    second = write(tmp_path, "b.csv", "company,list,date_in,date_out,entered_by\n星澜云,bad,2018-03-01,2018-06-01,甲\n")
    import_csv(db, "list-entries", first)
    import_csv(db, "list-entries", first)
    import_csv(db, "list-entries", second)
    assert [r["date_out"] for r in db.query("SELECT date_out FROM list_entries")] == ["2018-06-01"]


def test_a_bad_row_names_the_row_and_writes_nothing(db, tmp_path):
    path = write(tmp_path, "m.csv", "company,tier,valid_from,entered_by\n"
                 "星澜云,signer,2018-01-22,甲\n星澜云,platinum,2018-01-22,甲\n")
    with pytest.raises(CsvImportError, match=r"m\.csv row 3: tier must be one of"):
        import_csv(db, "memberships", path)
    assert db["memberships"].count == 0


@pytest.mark.parametrize(("kind", "text", "message"), [
    ("memberships", "company,tier,valid_from\n星澜云,signer,2018-01-22\n", "needs who entered it"),
    ("memberships", "company,tier,valid_from,entered_by\n星澜云,signer,22/01/2018,甲\n", "not a YYYY-MM-DD date"),
    ("memberships", "company,tier\n星澜云,signer\n", "missing column"),
    ("participations", "batch,company,entered_by\n2018H2,星澜云科技公司,甲\n", "unknown company"),
    ("gradings", "company,az,scheme,grade,graded_on,entered_by\n星澜云,北京,availability,四星+,2018-06-30,甲\n",
     "grade must be one of"),
    ("explanations", "company,list,date_in,accepted,decided_on,note,entered_by\n星澜云,bad,2018-03-01,yes,2018-05-01,x,甲\n",
     "import list-entries first"),
    ("other-proofs", "company,level,valid_from,note,entered_by\n星澜云,六星,2018-05-01,x,甲\n", "level must be one of"),
])
def test_bad_rows(db, tmp_path, kind, text, message):
    with pytest.raises(CsvImportError, match=message):
        import_csv(db, kind, write(tmp_path, "x.csv", text))


def test_unknown_company_can_be_created_when_asked(db, tmp_path):
    path = write(tmp_path, "p.csv", "batch,company,entered_by\n2018H2,南方云擎网络有限公司,甲\n")
    import_csv(db, "participations", path, create_companies=True)
    row = db.execute("SELECT c.verified FROM participations p JOIN companies c ON c.id = p.company_id").fetchone()
    assert row == (0,)


def test_azs_make_the_inventory_known_and_gradings_fill_it(db, tmp_path, rules):
    import_csv(db, "participations", write(tmp_path, "p.csv", "batch,company,entered_by\n2018H2,星澜云,甲\n"))
    import_csv(db, "memberships", write(tmp_path, "m.csv", "company,tier,valid_from,entered_by\n"
                                        "星澜云,signer,2018-01-22,甲\n"))
    import_csv(db, "gradings", write(tmp_path, "g.csv", "company,az,scheme,grade,graded_on,entered_by\n"
                                     "星澜云,华北一区,availability,五星,2018-05-01,测评员\n"))
    rating = rate_batch(db, "2018-06-30", rules=rules)[0]
    assert rating.capability.points == 35 and rating.capability.facts["inventory_known"] is False
    import_csv(db, "azs", write(tmp_path, "a.csv", "company,name,location,entered_by\n星澜云,华北一区,domestic,甲\n"
                                "星澜云,华东一区,domestic,甲\n星澜云,香港一区,hong_kong,甲\n星澜云,华南一区,,甲\n"))
    rating = rate_batch(db, "2018-06-30", rules=rules)[0]
    assert rating.capability.facts["inventory_known"] is True
    assert rating.capability.facts["domestic_azs"] == 3
    assert rating.capability.points == 0
    assert db.execute("SELECT entered_by FROM gradings").fetchone() == ("测评员",)


def test_explanations_and_other_proofs_reach_the_rating(db, tmp_path, rules):
    import_csv(db, "participations", write(tmp_path, "p.csv", "batch,company,entered_by\n2018H2,星澜云,甲\n"))
    import_csv(db, "list-entries", write(tmp_path, "l.csv", "company,list,date_in,business,cloud_related,entered_by\n"
                                         "星澜云,bad,2018-03-01,呼叫中心业务,no,甲\n"))
    assert rate_batch(db, "2018-06-30", rules=rules)[0].records.points == 10
    import_csv(db, "explanations", write(tmp_path, "x.csv",
                                         "company,list,date_in,business,accepted,decided_on,note,entered_by\n"
                                         "星澜云,bad,2018-03-01,呼叫中心业务,yes,2018-05-01,与云服务无关，已说明,乙\n"))
    import_csv(db, "other-proofs", write(tmp_path, "o.csv", "company,level,valid_from,note,entered_by\n"
                                         "星澜云,四星,2018-04-01,第三方可用性测评报告,丙\n"))
    rating = rate_batch(db, "2018-06-30", rules=rules)[0]
    assert rating.records.points == 30 and "与云服务无关，已说明" in rating.records.text
    assert rating.capability.points == 25 and "第三方可用性测评报告" in rating.capability.text


def test_company_known_under_three_names(ref_db, tmp_path, rules):
    """中国电信: signed as 中国电信股份有限公司, rated as 中国电信集团有限公司, written 天翼云 in news."""
    import_csv(ref_db, "list-entries", write(tmp_path, "l.csv", "company,list,date_in,business,entered_by\n"
                                             "天翼云,bad,2018-03-01,互联网资源协作服务,甲\n"))
    import_csv(ref_db, "memberships", write(tmp_path, "m.csv", "company,tier,valid_from,entered_by\n"
                                            "中国电信股份有限公司,model,2018-05-01,甲\n"))
    import_csv(ref_db, "participations", write(tmp_path, "p.csv", "batch,company,entered_by\n"
                                               "2018H2,中国电信集团有限公司,甲\n2018H2,电信,甲\n"))
    ratings = rate_batch(ref_db, "2018-06-30", rules=rules)
    assert [r.company for r in ratings] == ["中国电信集团有限公司"]
    rating = ratings[0]
    assert rating.batch == "2018H2"
    assert rating.records.points == 10
    assert "自律标兵" in rating.self_discipline.text
    assert len(rating.self_discipline.facts["memberships"]) == 3
