"""One company, many names: every name pair in the Blue Book that refers to one company resolves to one entry."""

import pytest

from store.db import open_db
from store.identity import add_company, name_key, resolve
from store.reference import load_reference

# (name as written somewhere in the source, another name of the same company in the source)
SAME_COMPANY = [
    ("中国电信股份有限公司", "中国电信集团有限公司"),  # Table 3 signer vs Table 5 rated entity
    ("中国电信", "中国电信集团有限公司"),  # prose / Table 4
    ("上海浪潮云计算服务有限公司", "浪潮软件集团有限公司"),  # Table 3 vs Table 5
    ("浪潮", "浪潮软件集团有限公司"),
    ("中国移动", "中国移动通信集团公司"),
    ("阿里云", "阿里云计算有限公司"),
    ("腾讯云", "腾讯云计算（北京）有限责任公司"),
    ("华为", "华为软件技术有限公司"),
    ("金山云", "北京金山云网络技术有限公司"),
    ("UCloud", "上海优刻得信息科技有限公司"),
    ("京东云", "北京京东叁佰陆拾度电子商务有限公司"),
    ("京东", "北京京东叁佰陆拾度电子商务有限公司"),
    ("网宿", "网宿科技股份有限公司"),
    ("网宿科技", "网宿科技股份有限公司"),
    ("迅达云", "北京迅达云成科技有限公司"),
    ("百度", "北京百度网讯科技有限公司"),
    ("联通", "中国联合网络通信集团有限公司"),
    ("互联港湾", "北京互联港湾科技有限公司"),
]


@pytest.fixture
def db(tmp_path):
    db = open_db(tmp_path / "id.db")
    load_reference(db)
    return db


@pytest.mark.parametrize(("name", "other"), SAME_COMPANY)
def test_names_of_one_company_resolve_to_one_entry(db, name, other):
    first, second = resolve(db, name, create=False), resolve(db, other, create=False)
    assert first.company_id is not None
    assert first.company_id == second.company_id


def test_names_differing_only_in_width_and_spacing_are_one_name(db):
    assert name_key("腾讯云计算(北京)有限责任公司") == name_key("腾讯云计算（北京）有限责任公司")
    assert resolve(db, " U Cloud ", create=False).company_id == resolve(db, "ucloud", create=False).company_id


def test_names_written_in_traditional_or_simplified_characters_are_one_name(db):
    assert name_key("湛算科技（蘭州）有限公司") == name_key("湛算科技(兰州)有限公司")
    company = resolve(db, "曦聯雲途（鹽城）科技有限公司")
    assert company.how == "new"
    again = resolve(db, "曦联云途（盐城）科技有限公司")
    assert (again.company_id, again.how) == (company.company_id, "alias")


def test_a_branch_office_resolves_to_its_head_office_and_becomes_an_alias(db):
    result = resolve(db, "中国电信股份有限公司辽阳市电信分公司")
    assert result.how == "branch"
    assert result.company_id == resolve(db, "中国电信集团有限公司").company_id
    assert resolve(db, "中国电信股份有限公司辽阳市电信分公司").how == "alias"


def test_a_look_alike_is_a_candidate_never_a_merge(db):
    result = resolve(db, "阿里云计算公司")
    assert result.how == "new"
    assert result.company_id != resolve(db, "阿里云").company_id
    assert [alias for _, alias, _ in result.candidates] == ["阿里云计算有限公司"]
    row = db.execute("SELECT status FROM name_candidates WHERE name = '阿里云计算公司'").fetchone()
    assert row[0] == "open"


def test_an_unknown_company_is_added_unverified(db):
    result = resolve(db, "星澜云科技有限公司")
    assert result.how == "new"
    assert db["companies"].get(result.company_id)["verified"] == 0
    assert resolve(db, "星澜云科技有限公司").company_id == result.company_id


def test_unknown_without_create_changes_nothing(db):
    before = db["companies"].count
    assert resolve(db, "北京云栈数据有限公司", create=False).company_id is None
    assert db["companies"].count == before


def test_an_alias_cannot_silently_move_to_another_company(tmp_path):
    db = open_db(tmp_path / "a.db")
    first = add_company(db, "甲云有限公司")
    add_company(db, "乙云有限公司")
    from store.identity import add_alias

    add_alias(db, first, "甲云", "short")
    with pytest.raises(ValueError, match="already names"):
        add_alias(db, first + 1, "甲云", "short")


def test_the_alias_index_finds_exactly_what_scoring_every_alias_finds(tmp_path):
    """The character-set filter only skips aliases that cannot reach the threshold: the look-ups equal a
    rapidfuzz pass over every alias, for look-alikes and strangers, short names and long."""
    import random

    from rapidfuzz import fuzz, process

    from store.identity import _LEGAL_FORM, AliasIndex

    rng = random.Random(7)
    chars = "星澜云科技信息数据网络智能华东北京上海深圳广州天成远航恒通达盛(（）)ab"
    names = ["".join(rng.choice(chars) for _ in range(rng.randint(1, 16))) + "有限公司" for _ in range(400)]
    db = open_db(tmp_path / "t.db")
    for name in names:
        resolve(db, name)
    index = AliasIndex(db)
    queries = [name[:-5] + rng.choice(chars) + "有限公司" for name in names[:150]] + names[150:200] + ["公司", "星"]
    for query in queries:
        for threshold in (60.0, 85.0):
            key = _LEGAL_FORM.sub("", name_key(query))
            everything = process.extract(key, index.keys, scorer=fuzz.ratio, score_cutoff=threshold, limit=3)
            expected = [(*index.names[i], float(score)) for _, score, i in everything]
            assert index.similar(query, threshold=threshold) == expected
