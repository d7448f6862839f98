"""The archive's commands on a failing disk, a wrong argument or a quiet day: one clear line, never a
traceback, never a half-written file (issue 12, item 9 and the small ones of 10)."""

from __future__ import annotations

import errno
import json
import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from archivekit import ARCHIVE_FIXTURES, cli, count, popen, write_texts

from conftest import FIXTURES

GOOD_PAGE = FIXTURES / "html" / "en_article.html"


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    folder = tmp_path_factory.mktemp("commands")
    db = folder / "archive.db"
    assert cli("archive", ARCHIVE_FIXTURES, GOOD_PAGE, "--db", db).returncode == 0
    return db


# -- item 9: exports and writes that fail ---------------------------------------------------------


@pytest.mark.parametrize("where, said", [
    ("missing/records.jsonl", "cannot be written: the folder {folder} does not exist"),
    (".", "cannot be written: it is a folder (give a file name)"),
])
def test_export_to_a_missing_folder_or_onto_a_folder_says_so_and_leaves_nothing(archive, tmp_path, where, said):
    out = tmp_path / where
    result = cli("export", "--db", archive, "--format", "jsonl", "--out", out)
    assert result.returncode == 5
    assert result.stderr.decode() == f"cleaner: {out}: " + said.format(folder=tmp_path / "missing") + "\n"
    assert sorted(os.listdir(tmp_path)) == []


def test_an_export_that_fails_half_way_leaves_no_file_behind(archive, tmp_path):
    from cleaner.export import ExportError, export

    def records():
        yield {"id": "1", "text": "one"}
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ExportError, match="records.jsonl: cannot be written .No space left on device.; nothing was "
                                          "left behind"):
        export(records(), "jsonl", str(tmp_path / "records.jsonl"))
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_export_onto_a_full_disk_is_one_line(archive):
    result = cli("export", "--db", archive, "--format", "csv", "--out", "/dev/full")
    assert result.returncode == 5
    assert result.stderr.decode() == ("cleaner: /dev/full: cannot be written (No space left on device); nothing "
                                      "was left behind\n")


def test_a_full_disk_during_archive_is_one_line_and_the_next_run_goes_on(tmp_path, monkeypatch, capsys):
    from cleaner.cli import main
    from cleaner.store.archive import Archive

    write_texts(tmp_path / "in", 40)
    db = tmp_path / "a.db"
    real_lock = Archive.lock_writer

    def lock_then_fill(self, wait_seconds):  # the disk fills after a few pages
        real_lock(self, wait_seconds)
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        self.conn.execute(f"PRAGMA max_page_count = {pages + 30}")

    monkeypatch.setattr(Archive, "lock_writer", lock_then_fill)
    assert main(["archive", str(tmp_path / "in"), "--db", str(db)]) == 6
    err = capsys.readouterr().err
    assert err == (f"cleaner: {db}: cannot be written (database or disk is full); what was stored before stays, and "
                   "the next run goes on from there\n")
    assert count(db, "records") < 40  # what was committed before stays (how much depends on the commit timing)
    monkeypatch.undo()
    assert main(["archive", str(tmp_path / "in"), "--db", str(db)]) == 0
    assert count(db, "records") == 40


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads the process tree from /proc")
def test_after_kill_9_no_worker_is_left_to_write_into_the_log(tmp_path):
    write_texts(tmp_path / "in", 1500)
    proc = popen("archive", tmp_path / "in", "--db", tmp_path / "a.db", "--workers", "2")
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = children(proc.pid)
        time.sleep(0.05)
    time.sleep(0.5)  # mid-run
    os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    time.sleep(0.5)
    assert len(workers) == 2 and not [pid for pid in workers if alive(pid)]
    assert b"Traceback" not in err and b"Error" not in err


def children(pid: int) -> list[int]:
    out = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            out += [int(c) for c in handle.read().split()]
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


# -- item 10 -------------------------------------------------------------------------------------


def test_search_by_site_finds_the_host_of_the_record_s_own_url(archive):
    # en_article.html was archived from a file: only its canonical URL names its host
    result = cli("search", "flood barriers", "--db", archive, "--site", "courier.example.com", "--json")
    assert [json.loads(line)["title"] for line in result.stdout.decode().splitlines()] == [
        "City council approves new flood barriers for the river district"]
    assert cli("search", "flood barriers", "--db", archive, "--site", "example.com").stdout  # a parent domain too
    assert cli("search", "flood barriers", "--db", archive, "--site", "other.com").stdout == b""


def test_stats_counts_the_urls_records_carry(archive):
    stats = json.loads(cli("stats", "--db", archive, "--json").stdout)
    conn = sqlite3.connect(archive)
    urls = {u for (u,) in conn.execute("SELECT url FROM records WHERE url IS NOT NULL")}
    urls |= {u for (u,) in conn.execute("SELECT url FROM sources WHERE url IS NOT NULL")}
    conn.close()
    assert stats["urls"] == len(urls) and "https://courier.example.com/news/2024/03/03/flood-barriers" in urls


def test_help_of_stats_and_export_says_what_they_do_and_how_they_exit():
    stats = cli("stats", "--help").stdout.decode()
    assert "Count the archive's records" in stats and "the counts as one JSON object" in stats
    export = " ".join(cli("export", "--help").stdout.decode().split())
    assert "5 the file could not be written" in export and "in use by another run" not in export


def test_export_to_standard_output_writes_no_file_named_dash(archive, tmp_path):
    result = cli("export", "--db", archive, "--format", "jsonl", "--out", "-", cwd=tmp_path)
    assert result.returncode == 0 and len(result.stdout.decode().splitlines()) == 10
    assert result.stderr == b"cleaner: 10 record(s) written to standard output\n"
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["export", "errors"])
def test_a_run_that_does_not_exist_is_an_error_not_an_empty_answer(archive, tmp_path, command):
    extra = ["--format", "jsonl", "--out", str(tmp_path / "x.jsonl")] if command == "export" else []
    result = cli(command, "--db", archive, "--run", "99", *extra)
    assert result.returncode == 2
    assert result.stderr.decode() == (f"cleaner: {archive}: no run 99 (its runs are 1 to 1; `cleaner job history "
                                      "--db` lists them)\n")


def test_show_with_an_empty_id_asks_for_one(archive):
    result = cli("show", "", "--db", archive)
    assert result.returncode == 2
    assert result.stderr == b"cleaner: give a record id (or the start of one), as `cleaner search` prints it\n"


def test_an_archive_in_a_missing_folder_says_so(tmp_path):
    result = cli("archive", GOOD_PAGE, "--db", tmp_path / "nowhere" / "a.db")
    assert result.returncode == 2
    assert result.stderr.decode() == f"cleaner: {tmp_path / 'nowhere' / 'a.db'}: the folder {tmp_path / 'nowhere'} " \
                                     "does not exist\n"


def test_a_read_only_archive_says_so(tmp_path, monkeypatch):
    from cleaner.store import IngestOptions, archive_sources
    from cleaner.store import archive as store

    db = tmp_path / "a.db"
    store.Archive(str(db)).close()
    connect = sqlite3.connect

    def read_only(path, **kwargs):  # what a read-only file or mount gives, whoever runs the test
        return connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(store.sqlite3, "connect", read_only)
    with pytest.raises(store.ArchiveWriteError, match=r"a.db: cannot be written \(read-only file or folder: "
                                                      "attempt to write a readonly database"):
        archive_sources(str(db), [str(GOOD_PAGE)], IngestOptions(isolate=False))


def test_unknown_keys_in_a_rules_file_are_reported(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text('langage = "sw"\n[phrases]\nshare = ["Shiriki"]\n', encoding="utf-8")
    result = cli("clean", "--rules", rules, GOOD_PAGE)
    assert result.returncode == 2 and result.stdout == b""
    assert result.stderr.decode().startswith(f"cleaner: {rules}: unknown key 'langage' (known: ")
    assert result.stderr.decode().endswith("; did you mean 'language'?\n")
    rules.write_text('language = "sw"\n[phrase]\nshare = ["Shiriki"]\n', encoding="utf-8")
    assert "unknown key 'phrase'" in cli("clean", "--rules", rules, GOOD_PAGE).stderr.decode()


def test_a_job_with_nothing_new_writes_no_empty_export(tmp_path):
    (tmp_path / "in").mkdir()
    write_texts(tmp_path / "in", 2)
    job = tmp_path / "job.toml"
    job.write_text('sources = ["in"]\narchive = "a.db"\n[[export]]\nformat = "jsonl"\nout = "out/{run}.jsonl"\n')
    assert cli("job", "run", job).returncode == 0
    quiet = cli("job", "run", job)
    assert quiet.returncode == 0 and "nothing new to export to" in quiet.stderr.decode()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["1.jsonl"]
