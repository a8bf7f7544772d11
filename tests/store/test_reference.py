"""The Blue Book's reference data loads with the counts the source gives, idempotently."""

import pytest

from store.db import open_db, table_counts
from store.identity import lookup
from store.reference import load_reference


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "ref.db")
    load_reference(db)
    return db


def _one(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def test_fifty_five_signers_and_eleven_escorts(db):
    assert _one(db, "SELECT COUNT(DISTINCT company_id) FROM memberships WHERE tier = 'signer'") == 55
    assert _one(db, "SELECT COUNT(DISTINCT company_id) FROM memberships WHERE tier = 'escort'") == 11
    escorts_not_signers = _one(
        db,
        "SELECT COUNT(*) FROM memberships e WHERE tier = 'escort' AND NOT EXISTS"
        " (SELECT 1 FROM memberships s WHERE s.company_id = e.company_id AND s.tier = 'signer')",
    )
    assert escorts_not_signers == 0


def test_table_4_comprehensive_grading_has_14_companies_and_59_zones(db):
    row = db.execute(
        "SELECT COUNT(DISTINCT company_id), COUNT(*) FROM gradings WHERE scheme = 'comprehensive'"
    ).fetchone()
    assert tuple(row) == (14, 59)
    assert _one(db, "SELECT COUNT(*) FROM discrepancies WHERE detail LIKE '%59%' AND detail LIKE '%60%'") == 1


def test_table_4_availability_grading_has_2_companies_and_3_zones(db):
    row = db.execute(
        "SELECT COUNT(DISTINCT company_id), COUNT(*) FROM gradings WHERE scheme = 'availability'"
    ).fetchone()
    assert tuple(row) == (2, 3)


def test_table_2_licence_holders_add_up_to_301(db):
    assert _one(db, "SELECT holders FROM licence_counts WHERE issuer = '部'") == 219
    assert _one(db, "SELECT SUM(holders) FROM licence_counts WHERE issuer != '部'") == 82
    assert _one(db, "SELECT SUM(holders) FROM licence_counts") == 301


def test_first_bad_list_listed_no_cloud_licensee(db):
    row = db.execute("SELECT companies_listed, cloud_licensed_listed FROM list_facts WHERE list = 'bad'").fetchone()
    assert tuple(row) == (523, 0)
    assert table_counts(db)["list_entries"] == 0


def test_table_5_expected_ratings_are_eleven_aaa_participants(db):
    assert _one(db, "SELECT COUNT(*) FROM expected_ratings WHERE grade = 'AAA'") == 11
    assert _one(db, "SELECT COUNT(*) FROM participations WHERE batch = '2018H1'") == 11


def test_overseas_and_hong_kong_zones_are_marked(db):
    locations = dict(db.execute("SELECT name, location FROM availability_zones WHERE name IN"
                                " ('硅谷一区', '亚太东南1区', '香港可用区A', '北京1区')").fetchall())
    assert locations == {"硅谷一区": "overseas", "亚太东南1区": "overseas", "香港可用区A": "hong_kong",
                         "北京1区": "domestic"}


def test_loading_twice_changes_nothing(db):
    before = table_counts(db)
    load_reference(db)
    assert table_counts(db) == before


def test_every_escort_is_rated_in_table_5(db):
    escorts = {r[0] for r in db.execute("SELECT company_id FROM memberships WHERE tier = 'escort'")}
    rated = {r[0] for r in db.execute("SELECT company_id FROM expected_ratings")}
    assert escorts == rated
    assert lookup(db, "中国电信集团有限公司") in rated
