"""Scheduled jobs as cron runs them: only what is new each time, exports of exactly that, one run at a time."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import time

import pytest
from archivekit import cli, count, popen, write_texts

JOB = """\
name = "daily"
archive = "state/archive.db"
sources = ["incoming"]
workers = 1

[limits]
max_seconds = 600

[[export]]
format = "jsonl"
out = "exports/{date}.jsonl.gz"
"""


def exported(path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def make_job(tmp_path, text: str = JOB):
    job = tmp_path / "daily.toml"
    job.write_text(text, encoding="utf-8")
    (tmp_path / "incoming").mkdir(exist_ok=True)
    return job


def test_three_scheduled_runs_archive_and_export_exactly_the_new_pages(tmp_path):
    job = make_job(tmp_path)
    incoming = tmp_path / "incoming"
    exports = tmp_path / "exports"

    write_texts(incoming, 5, start=0)
    first = cli("job", "run", job)
    assert first.returncode == 0, first.stderr
    (first_export,) = sorted(exports.iterdir())
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in exported(first_export)) == [
        f"article-{n:05d}.txt" for n in range(5)]

    write_texts(incoming, 3, start=5)
    assert cli("job", "run", job).returncode == 0
    second_export = next(p for p in exports.iterdir() if p != first_export)
    assert second_export.name.endswith(".run-2.jsonl.gz")  # the same day: the first export is never overwritten
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in exported(second_export)) == [
        f"article-{n:05d}.txt" for n in range(5, 8)]

    write_texts(incoming, 2, start=8)
    changed = incoming / "article-00001.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA correction was added later.\n", encoding="utf-8")
    third = cli("job", "run", job)
    assert "10 seen, 2 new, 1 changed, 7 unchanged, 0 failed; records: 2 added, 1 updated" in third.stderr.decode()
    third_export = next(p for p in exports.iterdir() if p.name.endswith(".run-3.jsonl.gz"))
    assert sorted(r["path"].rsplit("/", 1)[-1] for r in exported(third_export)) == [
        "article-00001.txt", "article-00008.txt", "article-00009.txt"]

    history = cli("job", "history", job, "--json")
    runs = [json.loads(line) for line in history.stdout.decode().splitlines()]
    assert [(r["run"], r["job"], r["status"], r["counts"]["added"]) for r in runs] == [
        (1, "daily", "ok", 5), (2, "daily", "ok", 3), (3, "daily", "ok", 2)]


def test_a_killed_run_is_completed_by_the_next_and_its_records_exported(tmp_path):
    job = make_job(tmp_path)
    write_texts(tmp_path / "incoming", 300)
    db = tmp_path / "state" / "archive.db"
    proc = popen("job", "run", job)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            if count(db, "inputs") > 0:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored = count(db, "inputs")
    assert 0 < stored < 300, "the kill must land mid-run"
    assert not (tmp_path / "exports").exists() or not list((tmp_path / "exports").iterdir())

    again = cli("job", "run", job)
    assert again.returncode == 0, again.stderr
    assert f"300 seen, {300 - stored} new" in again.stderr.decode()
    (export,) = list((tmp_path / "exports").iterdir())
    assert len(exported(export)) == 300 == count(db, "records")  # the killed run's records too
    statuses = [json.loads(x)["status"] for x in cli("job", "history", job, "--json").stdout.decode().splitlines()]
    assert statuses == ["killed", "ok"]


def test_a_limit_cuts_a_run_short_and_the_next_run_goes_on(tmp_path):
    job = make_job(tmp_path, JOB.replace("max_seconds = 600", "max_inputs = 4"))
    write_texts(tmp_path / "incoming", 6)
    first = cli("job", "run", job)
    assert first.returncode == 0
    assert "cut short: most inputs per run (4) reached" in first.stderr.decode()
    second = cli("job", "run", job)
    assert "6 seen, 2 new, 0 changed, 4 unchanged" in second.stderr.decode()
    sizes = sorted(len(exported(p)) for p in (tmp_path / "exports").iterdir())
    assert sizes == [2, 4]


def test_overlapping_runs_of_a_job_never_both_write(tmp_path):
    job = make_job(tmp_path)
    write_texts(tmp_path / "incoming", 1500)  # long enough to still be running when the second run starts
    lock = tmp_path / "state" / "archive.db.job-daily.lock"
    running = popen("job", "run", job)
    deadline = time.monotonic() + 60
    while not (lock.exists() and lock.read_text() == f"pid {running.pid}"):
        assert time.monotonic() < deadline and running.poll() is None
        time.sleep(0.01)
    overlapping = cli("job", "run", job, "--log-format", "json")
    assert overlapping.returncode == 4
    (event,) = [json.loads(line) for line in overlapping.stderr.decode().splitlines()]
    assert event["event"] == "job_running" and f"pid {running.pid}" in event["reason"]
    assert running.wait(timeout=120) == 0
    assert count(tmp_path / "state" / "archive.db", "runs") == 1


def test_a_bad_job_file_fails_before_touching_the_archive(tmp_path):
    job = make_job(tmp_path, JOB.replace("workers = 1", 'workers = "two"\nretries = 3').replace(
        'format = "jsonl"', 'format = "xml"'))
    result = cli("job", "run", job)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "cleaner: bad job file, nothing was run:",
        f"{job}:4: 'workers' must be a whole number, not 'two'",
        f"{job}:5: unknown key 'retries' (known: name, archive, sources, workers, rules, mode, url_field, "
        "content_field, wait_seconds, limits, export, keep_inputs)",
        f"{job}:11: 'format' must be one of jsonl, csv, parquet, warc, not 'xml'",
    ]
    assert not (tmp_path / "state").exists()
    broken = make_job(tmp_path, 'sources = ["incoming"]\nworkers = = 2\n')
    result = cli("job", "run", broken)
    assert result.returncode == 2 and b"not valid TOML" in result.stderr and b"at line 2" in result.stderr


def test_a_missing_source_fails_that_source_not_the_job(tmp_path):
    job = make_job(tmp_path, JOB.replace('sources = ["incoming"]', 'sources = ["incoming", "feeds/*.jsonl"]'))
    write_texts(tmp_path / "incoming", 2)
    result = cli("job", "run", job, "--log-format", "json")
    assert result.returncode == 1
    events = [json.loads(line) for line in result.stderr.decode().splitlines()]
    assert [e["event"] for e in events] == ["run_start", "input_failed", "export", "run_end"]
    assert events[1]["input"].endswith("feeds/*.jsonl") and events[1]["reason"] == "matches no files"
    assert events[2]["records"] == 2 and events[3]["status"] == "errors" and events[3]["added"] == 2


@pytest.mark.parametrize("kind", ["page", "jsonl"])
def test_a_file_still_being_written_waits_for_the_next_run(tmp_path, kind):
    from cleaner.read.sources import list_sources
    from cleaner.store import Archive, IngestOptions
    from cleaner.store.ingest import Ingest

    folder = tmp_path / "in"
    write_texts(folder, 2)
    growing = folder / ("article-00001.txt" if kind == "page" else "feed.jsonl")
    if kind == "jsonl":
        growing.write_text(json.dumps({"url": "https://x.example/1", "text": (folder / "article-00001.txt")
                                       .read_text(encoding="utf-8")}) + "\n", encoding="utf-8")
        (folder / "article-00001.txt").unlink()
    archive = Archive(str(tmp_path / "a.db"))
    archive.lock_writer(0)
    listed = list_sources([folder])
    with open(growing, "a", encoding="utf-8") as handle:  # the scraper is still writing it
        handle.write("\n")
    os.utime(growing, ns=(time.time_ns(), time.time_ns() + 10**9))
    counts = Ingest(archive, IngestOptions()).run_listed(listed, run_id=1)
    if kind == "page":
        assert (counts.new, counts.deferred) == (1, 1)
    else:  # its complete lines are archived; the file is read again next run
        assert (counts.new, counts.deferred) == (2, 0)
        assert archive.input_state(listed[1].key if listed[1].kind == "jsonl" else listed[0].key) is None
    again = Ingest(archive, IngestOptions()).run_listed(list_sources([folder]), run_id=2)
    assert again.new == (1 if kind == "page" else 0) and again.failed == 0
    archive.close()


def test_a_job_may_keep_no_inputs_and_says_so_with_true_or_false(tmp_path):
    job = make_job(tmp_path, JOB.replace("workers = 1", "workers = 1\nkeep_inputs = false"))
    write_texts(tmp_path / "incoming", 2)
    assert cli("job", "run", job).returncode == 0
    db = tmp_path / "state" / "archive.db"
    assert count(db, "records") == 2 and count(db, "originals") == 0
    wrong = make_job(tmp_path, JOB.replace("workers = 1", 'workers = 1\nkeep_inputs = "no"'))
    result = cli("job", "check", wrong)
    assert result.returncode == 2 and f"{wrong}:5: 'keep_inputs' must be true or false, not 'no'" in result.stderr.decode()
