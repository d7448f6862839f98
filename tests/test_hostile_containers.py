"""Hostile containers: JSONL and WARC files built to hang or crash a run. Each fails alone, named,
and the run stores the good inputs around it (the adversarial audit of 30 Nov)."""

from __future__ import annotations

import io
import json

from archivekit import cli, count, write_warc

from cleaner.read.warc import read_warc

from conftest import FIXTURES

GOOD_PAGE = FIXTURES / "html" / "en_article.html"
GOOD_LINE = json.dumps({"url": "https://example.org/good", "html": GOOD_PAGE.read_text()}) + "\n"


def archive(tmp_path, name: str, content: bytes):
    source = tmp_path / name
    source.write_bytes(content)
    done = cli("archive", source, "--db", tmp_path / "a.db", timeout=90)
    assert b"Traceback" not in done.stderr
    return done, done.stderr.decode()


def test_a_line_shaped_like_a_cleaner_record_with_wrong_types_fails_alone(tmp_path):
    fake = {"text": 5, "cleaner_version": [], "input_sha256": None, "removed": "x"}
    fake_removed = {"text": "Some words", "cleaner_version": "0", "input_sha256": "z", "removed": [5]}
    done, said = archive(tmp_path, "feed.jsonl", (json.dumps(fake) + "\n" + json.dumps(fake_removed) + "\n"
                                                  + GOOD_LINE).encode())
    assert done.returncode == 1  # not 70, a fault that stopped the run
    assert f"{tmp_path / 'feed.jsonl'}:1: looks like a record cleaner wrote, but its field 'text' is not a string" in said
    assert "feed.jsonl:2: looks like a record cleaner wrote, but its field 'removed' is not a list of" in said
    assert count(tmp_path / "a.db", "records") == 1


def test_an_item_nested_too_deep_to_pass_to_a_worker_fails_alone_instead_of_hanging_the_run(tmp_path):
    deep = '{"html": ' + json.dumps(GOOD_PAGE.read_text()) + ', "extra": ' + "[" * 950 + "]" * 950 + "}\n"
    done, said = archive(tmp_path, "feed.jsonl", (deep + GOOD_LINE).encode())
    assert done.returncode == 1
    assert f"{tmp_path / 'feed.jsonl'}:1: could not be cleaned: it could not be passed to a worker process" in said
    assert count(tmp_path / "a.db", "records") == 1


def test_a_warc_header_line_of_megabytes_fails_the_file_without_reading_it_whole(tmp_path):
    good = tmp_path / "good.warc"
    write_warc(good, [("https://example.org/a", GOOD_PAGE.read_bytes())], gzip=False)
    hostile = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 3_000_000 + b"\r\n\r\n" + good.read_bytes()
    (outcome,) = read_warc(io.BytesIO(hostile), "crawl.warc")
    assert str(outcome) == ("crawl.warc: is not a readable WARC file (it holds a header line longer than 1 MB: "
                            "a damaged file)")
