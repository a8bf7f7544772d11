"""The `cloudcredit` command: subcommands, --db, `db info`, `load-reference` and one-line errors."""

import json


def test_help_lists_the_core_subcommands(run):
    result = run("--help")
    assert result.returncode == 0
    for name in ("load-reference", "db", "companies"):
        assert name in result.stdout


def test_load_reference_then_db_info_shows_the_source_counts(run):
    assert run("load-reference").returncode == 0
    info = json.loads(run("db", "info", "--json").stdout)
    assert info["schema_version"] >= 1
    tables = info["tables"]
    assert tables["gradings"] == 62
    assert tables["licence_counts"] == 21
    assert tables["expected_ratings"] == 11
    assert tables["participations"] == 11


def test_db_option_beats_the_environment(run, tmp_path):
    other = tmp_path / "other.db"
    assert run("--db", str(other), "load-reference").returncode == 0
    assert json.loads(run("--db", str(other), "db", "info", "--json").stdout)["tables"]["gradings"] == 62
    assert json.loads(run("db", "info", "--json").stdout)["tables"]["gradings"] == 0


def test_companies_resolve_reports_the_rule_that_matched(run):
    run("load-reference")
    result = run("companies", "resolve", "中国电信股份有限公司辽阳市电信分公司")
    row = json.loads(result.stdout)
    assert row["how"] == "branch"
    assert row["legal_name"] == "中国电信集团有限公司"


def test_unknown_company_in_show_is_a_one_line_error(run):
    run("load-reference")
    result = run("companies", "show", "北京云栈数据有限公司")
    assert result.returncode == 1
    assert result.stderr.strip() == "error: unknown company: 北京云栈数据有限公司"


def test_a_database_that_is_not_sqlite_is_a_one_line_error(run, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 200)
    result = run("--db", str(junk), "db", "info")
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not a usable SQLite database" in result.stderr
    assert "Traceback" not in result.stderr
