"""The daily run: stages in order, a failing stage recorded without stopping the rest, a lock, a log per run."""

import threading

import pytest

from cloudcredit.daily import DailyLocked, DailyOptions, run_daily, run_lock
from store.db import open_db


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "d.db")


def _options(tmp_path):
    return DailyOptions(db_path=tmp_path / "d.db", progress=False)


def test_stages_run_in_order_and_a_failure_does_not_stop_the_rest(db, tmp_path):
    calls = []

    def ok(name):
        def stage(db, options, log):
            calls.append(name)
            return f"{name} done"
        return stage

    def broken(db, options, log):
        calls.append("broken")
        raise RuntimeError("site unreachable")

    results, log_path = run_daily(db, _options(tmp_path), [("a", ok("a")), ("b", broken), ("c", ok("c"))])
    assert calls == ["a", "broken", "c"]
    assert [(r.name, r.ok) for r in results] == [("a", True), ("b", False), ("c", True)]
    assert results[1].error == "RuntimeError: site unreachable"
    log = log_path.read_text(encoding="utf-8")
    assert "b failed: RuntimeError: site unreachable" in log
    assert "Traceback" in log


def test_two_runs_never_overlap(tmp_path):
    entered = threading.Event()
    release = threading.Event()

    def hold():
        with run_lock(tmp_path):
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    assert entered.wait(10)
    try:
        with pytest.raises(DailyLocked, match="another daily run"):
            with run_lock(tmp_path):
                pass
    finally:
        release.set()
        thread.join()
    with run_lock(tmp_path):
        pass


def test_each_run_writes_its_own_log(db, tmp_path):
    stage = [("only", lambda db, options, log: "fine")]
    _, first = run_daily(db, _options(tmp_path), stage)
    assert first.parent == tmp_path / "logs"
    assert first.exists()


def test_the_command_exits_1_when_a_run_holds_the_lock(run, tmp_path):
    with run_lock(tmp_path):
        result = run("daily", "--no-packs", db=tmp_path / "d.db")
    assert result.returncode == 1
    assert result.stderr.startswith("error: another daily run holds")
