"""The bad-input catalogue: each bad input gets its documented message and outcome, and the other
inputs of the batch are cleaned (issue 12; items 2, 5, 6, 7 and the small ones of 10 about inputs)."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import random
import re
import sqlite3

import pytest
from archivekit import cli, count, write_warc

from cleaner.errors import InputError
from cleaner.read.sources import list_sources

from conftest import FIXTURES

GOOD_TEXT = FIXTURES / "text" / "en_plain.txt"
GOOD_PAGE = FIXTURES / "html" / "en_article.html"
CP1256_PAGE = FIXTURES / "html" / "ar_cp1256_undeclared.html"
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def truncated(data: bytes, keep: float = 0.6) -> bytes:
    return data[: int(len(data) * keep)]


def warc_bytes(gzipped: bool) -> bytes:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc"
        write_warc(path, [("https://example.org/plain", GOOD_TEXT.read_bytes().replace(b"\n", b"<br>\n")),
                          ("https://example.org/article", GOOD_PAGE.read_bytes())], gzip=gzipped)
        return path.read_bytes()


def with_nul(data: bytes, at: int) -> bytes:
    return data[:at] + b"\x00" + data[at:]


# name -> (content, what stderr says of it; None: it is cleaned and stored)
CATALOGUE = {
    "empty.txt": (b"", "is empty (nothing but white space)"),
    "blank.txt": (b"  \n\t\n ", "is empty (nothing but white space)"),
    "image.html": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "is a compressed or binary file"),
    "latin1.txt": ("Le café ouvre à huit heures et ferme tard le soir, même le dimanche.".encode("latin-1"),
                   "is not valid utf-8 (bad byte 0xe9 at offset 6); save it as UTF-8 or name its encoding with "
                   "--encoding"),
    "cp1256-no-charset.html": (CP1256_PAGE.read_bytes(), None),
    "nul-early.txt": (with_nul(GOOD_TEXT.read_bytes(), 40), None),
    "nul-late.txt": (with_nul(GOOD_TEXT.read_bytes() + b"\n" + b"x" * 9000, 9100), None),
    "bomb.html.gz": (gzip.compress(b"\0" * 3_000_000), "is larger than 1 MB, the limit per input"),
    "truncated.html.gz": (truncated(gzip.compress(GOOD_PAGE.read_bytes())), "is a broken or truncated gzip file"),
    "cut.warc.gz": (truncated(warc_bytes(True), 0.7), "is cut short: the file ends"),
    "cut-plain.warc": (truncated(warc_bytes(False), 0.8), "is cut short: the file ends"),
    "feed.jsonl": ((json.dumps({"url": "https://example.org/1", "text": GOOD_TEXT.read_text()}) + "\n{broken\n"
                    + json.dumps({"url": "https://example.org/2", "html": GOOD_PAGE.read_text()}) + "\n").encode(),
                   "feed.jsonl:2: is not valid JSON"),
    "good.txt": (GOOD_TEXT.read_bytes(), None),
    "-dash.txt": (GOOD_TEXT.read_bytes().replace(b"central", b"old"), None),
    " space.html": (GOOD_PAGE.read_bytes(), None),
    "ملف عربي.txt": ((FIXTURES / "text" / "ar_furniture.txt").read_bytes(), None),
}


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (content, _) in CATALOGUE.items():
        (folder / name).write_bytes(content)
    # a name that is not UTF-8, one with a line break in it, a symlink loop, a dangling link, a pipe
    with open(os.path.join(os.fsencode(folder), b"bad\xffname.txt"), "wb") as handle:
        handle.write(GOOD_TEXT.read_bytes().replace(b"library", b"museum"))
    (folder / "two\nlines.txt").write_bytes(GOOD_TEXT.read_bytes().replace(b"library", b"gallery"))
    os.symlink("loop.html", folder / "loop.html")
    os.symlink("nowhere.html", folder / "gone.html")
    os.mkfifo(folder / "pipe.html")
    return folder


ODD = {
    "loop.html": "is a symbolic link loop (a link that leads back to itself)",
    "gone.html": "is a symbolic link to a file that does not exist",
    "pipe.html": "is not a regular file (a pipe, device or socket), so it is not read",
}


def expected_failures(folder) -> dict[str, str]:
    """What each failed input is called, and the start of what is said of it."""
    out = {str(folder / name): said for name, (_, said) in CATALOGUE.items() if said}
    out[str(folder / "feed.jsonl:2")] = out.pop(str(folder / "feed.jsonl")).split(": ", 1)[1]
    for warc in ("cut.warc.gz", "cut-plain.warc"):  # a WARC record is called by its file and URL
        out[f"{folder / warc} https://example.org/article"] = out.pop(str(folder / warc))
    out.update({str(folder / name): said for name, said in ODD.items()})
    return out


def test_an_archive_run_over_every_bad_input_names_each_and_stores_the_rest(batch, tmp_path):
    db = tmp_path / "a.db"
    result = cli("archive", batch, tmp_path / "missing", "--db", db, "--max-input-mb", "1", timeout=300)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr
    failures = expected_failures(batch)
    failures[str(tmp_path / "missing")] = "no such file or folder"
    lines = stderr.splitlines()[:-1]
    assert len(lines) == len(failures), stderr
    for name, said in failures.items():
        assert any(line.startswith(f"cleaner: {name}: {said}") for line in lines), (name, stderr)
    listed = {line.split(": ", 1)[0] for line in cli("errors", "--db", db).stdout.decode().splitlines()}
    assert set(failures) - {f"{batch / w} https://example.org/article" for w in ("cut.warc.gz", "cut-plain.warc")} \
        <= listed
    stored = stored_inputs(db)
    for name in ("cp1256-no-charset.html", "nul-early.txt", "nul-late.txt", "good.txt", "-dash.txt", " space.html",
                 "ملف عربي.txt", "bad\\xffname.txt", "two\\nlines.txt"):  # odd names, escaped
        assert str(batch / name) in stored, name
    assert {f"{batch / 'feed.jsonl'}#https://example.org/{n}" for n in (1, 2)} <= stored


def stored_inputs(db) -> set[str]:
    """The inputs the archive holds a record for."""
    conn = sqlite3.connect(db)
    try:
        return {key for (key,) in conn.execute("SELECT key FROM inputs WHERE status = 'ok'")}
    finally:
        conn.close()


def test_cleaner_clean_over_every_bad_input_names_each_and_prints_the_rest(batch, tmp_path):
    names = sorted(os.listdir(os.fsencode(batch)))
    paths = [os.path.join(os.fsencode(batch), n) for n in names if not n.endswith((b".warc", b".warc.gz", b".jsonl"))]
    result = cli("clean", "--max-input-mb", "1", *[os.fsdecode(p) for p in paths], tmp_path / "missing.txt",
                 tmp_path, timeout=300)
    stderr = result.stderr.decode()
    assert result.returncode == 1 and "Traceback" not in stderr
    failures = {k: v for k, v in expected_failures(batch).items() if "warc" not in k and "jsonl" not in k}
    failures.update({str(tmp_path / "missing.txt"): "no such file", str(tmp_path): "is a folder, not a file"})
    for name, said in failures.items():
        assert f"cleaner: {name}: {said}" in stderr, name
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(records) == len(paths) - len(failures) + 2
    nul = [r for r in records if r["path"].endswith("nul-early.txt") or r["path"].endswith("nul-late.txt")]
    assert [r["warnings"] for r in nul] == [["1 NUL byte(s) removed: stray control bytes in the text"]] * 2
    assert f"cleaner: {batch}/nul-early.txt: 1 NUL byte(s) removed" in stderr


def test_a_gzipped_page_given_to_clean_is_read_as_the_page(tmp_path):
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(GOOD_PAGE.read_bytes()))
    result = cli("clean", page)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "City council approves new flood barriers for the river district"


def test_an_encoding_can_be_named_for_texts_that_are_not_utf8(tmp_path):
    text = tmp_path / "cp1256.txt"
    text.write_bytes((FIXTURES / "text" / "ar_furniture.txt").read_text(encoding="utf-8").encode("cp1256"))
    result = cli("clean", "--encoding", "windows-1256", text)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["language"] == "ar"
    db = tmp_path / "a.db"
    assert cli("archive", text, "--db", db, "--encoding", "cp1256").returncode == 0 and count(db, "records") == 1
    assert b"unknown encoding 'klingon'" in cli("clean", "--encoding", "klingon", text).stderr


def test_a_truncated_warc_fails_the_record_it_cuts_and_stores_the_whole_ones(tmp_path):
    for gzipped in (True, False):
        path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
        path.write_bytes(truncated(warc_bytes(gzipped), 0.7 if gzipped else 0.8))
        db = tmp_path / f"{path.name}.db"
        result = cli("archive", path, "--db", db)
        assert result.returncode == 1
        assert result.stderr.decode().startswith(f"cleaner: {path} https://example.org/article: is cut short: the "
                                                 "file ends ")
        assert count(db, "records") == 1  # the whole record; the cut one is not stored half
        again = cli("errors", "--db", db).stdout.decode()  # the file is listed failed until it changes
        assert again.startswith(f"{path}: ")


def damaged_warc(gzipped: bool) -> bytes:
    """Three pages; the second's response record is damaged: its header garbled, or its gzip member corrupt."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc"
        write_warc(path, [("https://example.org/first", GOOD_PAGE.read_bytes()),
                          ("https://example.org/second", (FIXTURES / "html" / "ar_article.html").read_bytes()),
                          ("https://example.org/third", (FIXTURES / "html" / "fa_article.html").read_bytes())],
                   gzip=gzipped)
        data = path.read_bytes()
    if not gzipped:
        start = data.rfind(b"WARC/1.", 0, data.rindex(b"WARC-Target-URI: https://example.org/second"))
        return data[:start] + b"XARC" + data[start + 4:]
    members = [m.start() for m in re.finditer(re.escape(b"\x1f\x8b\x08"), data)]
    second_response = members[3]  # request, response, request, response...
    return data[:second_response + 40] + b"\x00" * 60 + data[second_response + 100:]


def test_a_damaged_record_in_a_warc_fails_alone_and_the_records_after_it_are_stored(tmp_path):
    for gzipped in (True, False):
        path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
        path.write_bytes(damaged_warc(gzipped))
        db = tmp_path / f"{path.name}.db"
        result = cli("archive", path, "--db", db)
        assert result.returncode == 1
        said = result.stderr.decode()
        assert said.startswith(f"cleaner: {path}: holds a damaged record at byte "), said
        assert "reading goes on at the next record, at byte " in said.splitlines()[0]
        conn = sqlite3.connect(db)
        urls = sorted(u for (u,) in conn.execute("SELECT json_extract(json, '$.url') FROM records"))
        conn.close()
        assert urls == ["https://example.org/first", "https://example.org/third"]


def test_an_unreadable_folder_inside_a_source_fails_that_folder_by_name(tmp_path, monkeypatch):
    from cleaner.store import Archive, IngestOptions, archive_sources

    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "good.txt").write_bytes(GOOD_TEXT.read_bytes())
    (tmp_path / "in" / "locked" / "page.txt").write_bytes(GOOD_TEXT.read_bytes())
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):  # as a folder the user may not read (chmod 000, as not root)
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listed = list_sources([tmp_path / "in"])
    assert [str(e) for e in listed if isinstance(e, InputError)] == [
        f"{tmp_path / 'in' / 'locked'}: is a folder that cannot be read (Permission denied): its files were not "
        "archived"]
    db = str(tmp_path / "a.db")
    counts = archive_sources(db, [str(tmp_path / "in")], IngestOptions(isolate=False)).counts
    assert (counts.failed, counts.added) == (1, 1)
    assert Archive(db, create=False).failed_inputs()[0]["input"] == str(tmp_path / "in" / "locked")


@pytest.mark.skipif(AS_ROOT, reason="root reads a chmod 000 folder anyway: the test above simulates it")
def test_an_unreadable_folder_on_disk_fails_by_name(tmp_path):
    (tmp_path / "in" / "locked").mkdir(parents=True)
    (tmp_path / "in" / "good.txt").write_bytes(GOOD_TEXT.read_bytes())
    os.chmod(tmp_path / "in" / "locked", 0)
    try:
        result = cli("archive", tmp_path / "in", "--db", tmp_path / "a.db")
    finally:
        os.chmod(tmp_path / "in" / "locked", 0o755)
    assert result.returncode == 1
    assert f"cleaner: {tmp_path / 'in' / 'locked'}: is a folder that cannot be read" in result.stderr.decode()


def test_a_symlink_loop_named_as_a_source_says_so(tmp_path):
    os.symlink("loop", tmp_path / "loop")
    result = cli("archive", tmp_path / "loop", "--db", tmp_path / "a.db")
    assert result.stderr.decode().splitlines()[0] == (
        f"cleaner: {tmp_path / 'loop'}: is a symbolic link loop (a link that leads back to itself)")
    os.symlink(tmp_path / "in", tmp_path / "in-again")
    (tmp_path / "in").mkdir()
    os.symlink(tmp_path / "in", tmp_path / "in" / "self")  # a folder holding a link to itself
    (tmp_path / "in" / "good.txt").write_bytes(GOOD_TEXT.read_bytes())
    listed = list_sources([tmp_path / "in"])
    assert [str(e) for e in listed if isinstance(e, InputError)] == [
        f"{tmp_path / 'in' / 'self'}: is a symbolic link loop (it leads back to a folder that holds it): not followed"]


def test_a_file_name_that_is_not_utf8_is_archived_under_an_escaped_name(tmp_path):
    folder = os.path.join(os.fsencode(tmp_path), b"in")
    os.mkdir(folder)
    with open(os.path.join(folder, b"bad\xffname.txt"), "wb") as handle:
        handle.write(GOOD_TEXT.read_bytes())
    db = tmp_path / "a.db"
    result = cli("archive", os.fsdecode(folder), "--db", db)
    assert result.returncode == 0, result.stderr
    assert count(db, "records") == 1
    shown = cli("export", "--db", db, "--format", "jsonl", "--out", "-").stdout.decode()
    assert json.loads(shown)["path"] == f"{tmp_path}/in/bad\\xffname.txt"
    assert cli("archive", os.fsdecode(folder), "--db", db).stderr.decode().endswith(
        "1 unchanged, 0 failed; records: 0 added, 0 updated, 0 duplicate, 0 near-duplicate\n")


def test_jsonl_piped_to_archive_is_read_as_jsonl(tmp_path):
    lines = [{"url": "https://example.org/library", "text": GOOD_TEXT.read_text(encoding="utf-8")},
             {"url": "https://example.org/barriers", "html": GOOD_PAGE.read_text(encoding="utf-8")}]
    feed = "".join(json.dumps(line) + "\n" for line in lines).encode()
    db = tmp_path / "a.db"
    for stdin in (feed, gzip.compress(feed)):
        result = cli("archive", "-", "--db", db, stdin=stdin)
        assert result.returncode == 0, result.stderr
    assert count(db, "records") == 2
    records = [json.loads(r) for r in cli("export", "--db", db, "--format", "jsonl", "--out", "-").stdout.splitlines()]
    assert sorted(r["url"] for r in records) == ["https://example.org/barriers", "https://example.org/library"]
    assert not any(r["text"].startswith("{") for r in records)


def test_a_warc_piped_to_archive_is_read_as_a_warc(tmp_path):
    db = tmp_path / "a.db"
    result = cli("archive", "-", "--db", db, stdin=warc_bytes(True))
    assert result.returncode == 0, result.stderr
    assert count(db, "records") == 2


def test_a_broken_gzip_source_stays_listed_by_errors_after_later_runs(tmp_path):
    feed = tmp_path / "feed.jsonl.gz"
    lines = "".join(json.dumps({"url": f"https://example.org/{n}", "text": GOOD_TEXT.read_text()}) + "\n"
                    for n in range(3))
    feed.write_bytes(truncated(gzip.compress(lines.encode())))
    db = tmp_path / "a.db"
    for _ in range(2):
        cli("archive", feed, "--db", db)
        errors = cli("errors", "--db", db)
        assert errors.stdout.decode().startswith(f"{feed}: is a broken or truncated gzip file")
        assert errors.stderr == b"cleaner: 1 failed input(s)\n"


def test_a_line_longer_than_the_limit_fails_alone_without_being_held(tmp_path):
    from cleaner.read.jsonl import FieldNames, read_jsonl

    stream = io.BytesIO(b'{"text": "' + b"x" * 5000 + b'"}\n{"url": "https://example.org/a", "text": "ok"}\n')
    got = list(read_jsonl(stream, "feed.jsonl", "feed.jsonl", FieldNames(), limit=1000))
    assert str(got[0]) == "feed.jsonl:1: is larger than 1,000 bytes, the limit per input (after decompression); " \
                          "reading stopped there (raise it with --max-input-mb)"
    assert got[1].url == "https://example.org/a"


def test_text_with_stray_nul_bytes_is_cleaned_wherever_they_are_and_binary_is_refused():
    import cleaner

    text = GOOD_TEXT.read_bytes()
    early, late = cleaner.clean(with_nul(text, 10)), cleaner.clean(with_nul(text + b"\n" + b"y " * 5000, 9000))
    assert early.text == cleaner.clean(text).text and "\x00" not in late.text
    assert early.warnings == late.warnings == ["1 NUL byte(s) removed: stray control bytes in the text"]
    with pytest.raises(cleaner.InputError, match="looks like a binary file"):
        cleaner.clean(random.Random(1).randbytes(20_000))  # bytes of every value, as in any binary format


def test_a_malformed_address_is_no_address_and_the_page_is_still_cleaned_and_stored(tmp_path):
    import cleaner

    page = GOOD_PAGE.read_text(encoding="utf-8")
    record = cleaner.clean(page, mode="html", url="http://[x/story")  # "Invalid IPv6 URL" to urlsplit
    assert record.text == cleaner.clean(page, mode="html").text
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"url": "http://[x/story", "html": page}) + "\n", encoding="utf-8")
    db = tmp_path / "a.db"
    result = cli("archive", feed, "--db", db)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT url, site FROM records").fetchall() == [("http://[x/story", None)]
    conn.close()
