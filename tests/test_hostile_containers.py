"""Hostile containers: JSONL and WARC files built to hang or crash a run. Each fails alone, named,
and the run stores the good inputs around it (the adversarial audit of 30 Nov)."""

from __future__ import annotations

import io
import json
import zlib

from archivekit import cli, count, write_warc

from cleaner.read import jsonl
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


def test_a_warc_header_line_of_megabytes_fails_its_record_without_reading_it_whole(tmp_path):
    good = tmp_path / "good.warc"
    write_warc(good, [("https://example.org/a", GOOD_PAGE.read_bytes())], gzip=False)
    hostile = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 3_000_000 + b"\r\n\r\n" + good.read_bytes()
    failed, page = read_warc(io.BytesIO(hostile), "crawl.warc")
    resumed = len(hostile) - good.stat().st_size
    assert str(failed) == ("crawl.warc: holds a damaged record at byte 0 (it holds a header line longer than 1 MB: "
                           f"a damaged file); reading goes on at the next record, at byte {resumed:,}")
    assert page.url == "https://example.org/a"
    alone = b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: " + b"a" * 3_000_000
    (outcome,) = read_warc(io.BytesIO(alone), "crawl.warc")
    assert str(outcome) == ("crawl.warc: is not a readable WARC file (it holds a header line longer than 1 MB: "
                            "a damaged file)")


def test_a_jsonl_gz_of_hundreds_of_megabytes_of_blank_lines_is_read_at_gunzip_speed(tmp_path):
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    with open(tmp_path / "feed.jsonl.gz", "wb") as handle:
        handle.write(packer.compress(GOOD_LINE.encode()))
        for _ in range(200):  # 200 MB of line ends: a Python step per line took minutes
            handle.write(packer.compress(b"\n" * 1_000_000))
        handle.write(packer.compress(GOOD_LINE.replace("good", "other").encode()))
        handle.write(packer.flush())
    done = cli("archive", tmp_path / "feed.jsonl.gz", "--db", tmp_path / "a.db", timeout=60)
    assert done.returncode == 0, done.stderr
    assert count(tmp_path / "a.db", "inputs", "key LIKE '%#https://example.org/other'") == 1


def test_jsonl_lines_are_numbered_and_limited_as_before_across_blocks(monkeypatch):
    monkeypatch.setattr(jsonl, "READ_CHUNK", 3)
    data = b'\n \r\n{"a": 1}\n\n' + b"x" * 12 + b'\n{"b": 22}\n\t\n{"c"'
    lines = [(n, line) for n, line in jsonl._lines(io.BytesIO(data), 10) if line is None or line.strip()]
    assert lines == [
        (3, b'{"a": 1}\n'), (5, None), (6, b'{"b": 22}\n'), (8, b'{"c"')]
    assert list(jsonl._lines(io.BytesIO(b"x" * 12), 10)) == [(1, None)]


def test_control_characters_in_a_warc_url_or_a_library_message_are_escaped_on_one_line(tmp_path):
    write_warc(tmp_path / "crawl.warc", [("https://example.org/\x1b[2Jpage", b"\x89PNG\r\n\x1a\n\x00\x00")],
               gzip=False)
    done, said = archive(tmp_path, "crawl.warc", (tmp_path / "crawl.warc").read_bytes())
    failure, summary = said.splitlines()
    assert failure == (f"cleaner: {tmp_path / 'crawl.warc'} https://example.org/\\x1b[2Jpage: is a compressed "
                       "or binary file (gzip, zip, PDF or an image), not a page or text")
    errors = cli("errors", "--db", tmp_path / "a.db").stdout.decode()
    assert "\x1b" not in errors and "https://example.org/\\x1b[2Jpage" in errors
    assert str(jsonl.InputError("f", "first line: \x00\x1b\n")) == "f: first line: \\x00\\x1b\\n"


def _response(url: str, http_head: bytes, payload: bytes, extra_warc_headers: bytes = b"") -> bytes:
    http = http_head + b"\r\n" + payload
    return (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + url.encode() + b"\r\n"
            + b"WARC-Record-ID: <urn:uuid:" + url.encode() + b">\r\n" + extra_warc_headers
            + b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
            + str(len(http)).encode() + b"\r\n\r\n" + http + b"\r\n\r\n")


def test_a_warc_record_of_a_million_header_lines_fails_alone_and_the_next_record_is_read():
    """warcio keeps every header line (some 30 bytes of memory a byte): 2 million took a minute and 450 MB."""
    page = GOOD_PAGE.read_bytes()
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
    hostile = _response("https://example.org/many", head + b"X-Padding: a\r\n" * 1_000_000, page)
    good = _response("https://example.org/good", head, page)
    failed, item = read_warc(io.BytesIO(hostile + good), "crawl.warc")
    assert str(failed) == ("crawl.warc: holds a damaged record at byte 0 (it holds a record of more than 1,000 "
                           f"header lines: a damaged file); reading goes on at the next record, at byte {len(hostile):,}")
    assert item.url == "https://example.org/good" and item.content == page


def test_a_chunked_body_of_thousands_of_chunks_is_not_taken_for_header_lines():
    page = GOOD_PAGE.read_bytes()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(page[i:i + 3]), page[i:i + 3]) for i in range(0, len(page), 3))
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
    (item,) = read_warc(io.BytesIO(_response("https://example.org/chunked", head, chunks + b"0\r\n\r\n")), "crawl.warc")
    assert item.content == page
