"""Crash safety and one writer: kill -9 mid-ingest then resume, and two runs on one archive at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import time

from archivekit import cli, count, popen, records_of, write_texts

ARTICLES = 300
LONG_RUN = 1500


def committed_inputs(db) -> int:
    try:
        return count(db, "inputs")
    except sqlite3.Error:
        return 0  # not created yet


def wait_until(condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def kill_when_stored(db, folder, at_least: int) -> int:
    proc = popen("archive", folder, "--db", db)
    wait_until(lambda: committed_inputs(db) >= at_least or proc.poll() is not None)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return committed_inputs(db)


def test_killed_mid_ingest_then_resumed_ends_with_the_records_of_an_uninterrupted_run(tmp_path):
    folder = tmp_path / "texts"
    write_texts(folder, ARTICLES)
    whole = tmp_path / "whole.db"
    assert cli("archive", folder, "--db", whole).returncode == 0

    db = tmp_path / "killed.db"
    first = kill_when_stored(db, folder, 1)
    second = kill_when_stored(db, folder, first + 1)
    assert 0 < first < second < ARTICLES, "the kills must land mid-ingest"

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    resumed = cli("archive", folder, "--db", db)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{ARTICLES} seen, {ARTICLES - second} new, 0 changed, {second} unchanged" in resumed.stderr.decode()
    assert records_of(db) == records_of(whole)
    assert count(db, "inputs") == ARTICLES
    statuses = [s for (s,) in sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["killed", "killed", "ok"]


def test_two_runs_at_once_never_both_write(tmp_path):
    first_folder, second_folder = tmp_path / "first", tmp_path / "second"
    write_texts(first_folder, LONG_RUN)  # long enough to still be running when the second run starts
    write_texts(second_folder, 20, start=LONG_RUN)
    db = tmp_path / "shared.db"
    lock = tmp_path / "shared.db.lock"

    running = popen("archive", first_folder, "--db", db)
    wait_until(lambda: lock.exists() and lock.read_text() == f"pid {running.pid}")
    refused = cli("archive", second_folder, "--db", db, "--wait", "0")
    assert refused.returncode == 3
    assert refused.stderr.decode().startswith(f"cleaner: archive {db} is in use by another run (pid {running.pid})")
    waiting = popen("archive", second_folder, "--db", db, "--wait", "120")
    assert running.wait(timeout=120) == 0 and waiting.wait(timeout=120) == 0

    runs = sqlite3.connect(db).execute("SELECT started, ended, status FROM runs ORDER BY id").fetchall()
    assert len(runs) == 2 and runs[0][2] == runs[1][2] == "ok"
    assert runs[1][0] >= runs[0][1]  # the waiting run began after the first ended
    assert count(db, "inputs") == LONG_RUN + 20
