"""Digest stability: same inputs, same digest; any change of a fact or a setting, another digest."""

from __future__ import annotations

from scoring.rating import rate_batch


def digests(ratings):
    return {r.company_id: r.inputs_digest for r in ratings}


def test_rerating_unchanged_inputs_keeps_digest_and_row(ref_db, rules):
    first = digests(rate_batch(ref_db, "2018-06-30", rules=rules))
    stamps = dict(ref_db.execute("SELECT company_id, rated_at FROM ratings").fetchall())
    second = digests(rate_batch(ref_db, "2018-06-30", rules=rules))
    assert first == second
    assert dict(ref_db.execute("SELECT company_id, rated_at FROM ratings").fetchall()) == stamps
    assert ref_db["ratings"].count == 11


def test_two_fresh_databases_give_the_same_digests(reference_file, tmp_path, rules):
    import shutil

    from store.db import open_db

    results = []
    for name in ("a.db", "b.db"):
        shutil.copy(reference_file, tmp_path / name)
        results.append(digests(rate_batch(open_db(tmp_path / name), "2018-06-30", rules=rules)))
    assert results[0] == results[1]


def test_a_new_fact_changes_only_that_companys_digest(ref_db, rules, company_id):
    before = digests(rate_batch(ref_db, "2018-06-30", rules=rules))
    telecom = company_id(ref_db, "中国电信")
    ref_db["memberships"].insert({"company_id": telecom, "tier": "model", "valid_from": "2018-05-01",
                                  "entered_by": "test", "entered_at": "2018-06-01T00:00:00+00:00"})
    after = digests(rate_batch(ref_db, "2018-06-30", rules=rules))
    assert [cid for cid in before if before[cid] != after[cid]] == [telecom]
    stored = ref_db.execute("SELECT inputs_digest FROM ratings WHERE company_id = ?", [telecom]).fetchone()[0]
    assert stored == after[telecom]


def test_a_changed_setting_changes_the_digest(ref_db, rules, variant):
    before = digests(rate_batch(ref_db, "2018-06-30", rules=rules))
    after = digests(rate_batch(ref_db, "2018-06-30", rules=variant(("capability", "min_share"), 0.6)))
    assert all(before[cid] != after[cid] for cid in before)


def test_a_changed_rating_forgets_its_stale_pack_but_an_unchanged_one_keeps_it(ref_db, rules, company_id):
    rate_batch(ref_db, "2018-06-30", rules=rules)
    ref_db.execute("UPDATE ratings SET pack_path = 'p.zip', pack_digest = 'abc'")
    telecom = company_id(ref_db, "中国电信")
    ref_db["memberships"].insert({"company_id": telecom, "tier": "model", "valid_from": "2018-05-01",
                                  "entered_by": "test", "entered_at": "2018-06-01T00:00:00+00:00"})
    rate_batch(ref_db, "2018-06-30", rules=rules)
    packs = dict(ref_db.execute("SELECT company_id, pack_digest FROM ratings").fetchall())
    assert packs.pop(telecom) is None
    assert set(packs.values()) == {"abc"}
