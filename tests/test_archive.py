"""`cleaner archive` on real files: a folder of pages, a JSONL export, a WARC; then run again, change, fail."""

from __future__ import annotations

import json
import shutil

import pytest
from archivekit import ARCHIVE_FIXTURES, PAGES, cli, count, records_of, write_warc

MOSCOW_URL = "https://crawl.example.org/ar/moscow-visit"
LIBRARY_URL = "https://crawl.example.org/en/library"


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """The fixture folder copied (so tests may change it) plus a crawler's WARC of two of its pages."""
    root = tmp_path_factory.mktemp("collection")
    shutil.copytree(ARCHIVE_FIXTURES, root / "saved")
    write_warc(root / "crawl.warc.gz", [(MOSCOW_URL, (PAGES / "news" / "ar-moscow-visit.htm").read_bytes()),
                                        (LIBRARY_URL, (PAGES / "blog" / "en-library.html").read_bytes())])
    return root


@pytest.fixture(scope="module")
def archived(collection):
    db = collection / "archive.db"
    first = cli("archive", collection / "saved", collection / "crawl.warc.gz", "--db", db)
    return db, first


def by_title(db):
    out = {}
    for rid, data in records_of(db).items():
        out.setdefault(data["record"]["title"], []).append({"id": rid, **data})
    return out


def test_first_run_stores_each_article_once_with_every_source(archived, collection):
    db, result = archived
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode().strip() == (
        "cleaner: run 1: inputs: 12 seen, 12 new, 0 changed, 0 unchanged, 0 failed; "
        "records: 8 added, 0 updated, 3 duplicate, 1 near-duplicate"
    )
    titles = by_title(db)
    assert len(records_of(db)) == 9
    doha = titles["وفد من حماس يجري مباحثات في الدوحة مع ممثل بوتين حول تطورات الأراضي المحتلة واتفاق وقف إطلاق النار في غزة"]
    assert len(doha) == 1  # the saved page and the mirror's JSONL line: one record, both inputs
    assert [i.replace(str(collection), "") for i in doha[0]["inputs"]] == [
        "/saved/pages/news/ar-doha-talks.html", "/saved/scraped.jsonl#https://mirror.example.net/doha-talks"]
    moscow = titles["وفد من حماس يزور روسيا ويلتقي مبعوث بوتين.. وهذا ما طلبته موسكو من الحركة"]
    assert len(moscow) == 1 and len(moscow[0]["inputs"]) == 2  # the saved page and its WARC response
    assert moscow[0]["record"]["published"] == "2024-01-19" and moscow[0]["record"]["language"] == "ar"
    library = titles["Why the city's oldest library is closing for a year"]
    assert len(library) == 2  # the syndicated copy with one edit: a second record, marked near-duplicate
    original, copy = sorted(library, key=lambda r: r["duplicate_of"] is not None)
    assert [i.rsplit("/", 1)[-1] for i in original["inputs"]] == ["en-library-syndicated.html"]
    assert copy["inputs"][0].endswith("/en-library.html") and copy["inputs"][1].startswith("<urn:uuid:")
    assert copy["duplicate_of"] == original["id"] and original["duplicate_of"] is None
    jsonl_item = titles["لقاءات مع بوغدانوف وهاكان.. حماس تبحث سبل الوصول لوقف إطلاق نار في غزة"][0]["record"]
    assert jsonl_item["url"] == "https://news.example.org/ar/2024/12/07/hamas-talks"
    assert jsonl_item["extra"] == {"scraper": "daily-ar", "category": "سياسة"}


def test_second_run_over_the_same_sources_adds_nothing(archived, collection):
    db, _ = archived
    before = records_of(db)
    again = cli("archive", collection / "saved", collection / "crawl.warc.gz", "--db", db)
    assert again.returncode == 0
    assert "12 seen, 0 new, 0 changed, 12 unchanged, 0 failed; records: 0 added, 0 updated" in again.stderr.decode()
    assert records_of(db) == before


def test_show_prints_the_record_with_its_sources_and_removed_blocks(archived):
    db, _ = archived
    record_id = next(r for r in records_of(db).values() if r["record"]["title"].startswith("افتتاح"))["record"]["id"]
    shown = cli("show", record_id[:10], "--db", db)
    assert shown.returncode == 0
    text = shown.stdout.decode()
    assert text.startswith("افتتاح بزرگ‌ترین نیروگاه خورشیدی کشور در استان کرمان\n")
    assert f"id: {record_id}" in text and "--- removed blocks (13) ---" in text and "[read_also]" in text
    missing = cli("show", "ffffffff", "--db", db)
    assert missing.returncode == 1 and b"no such record" in missing.stderr


@pytest.mark.parametrize(
    ("query", "options", "expected_titles"),
    [
        ("الدوحة مباحثات", [], {"وفد من حماس يجري مباحثات في الدوحة مع ممثل بوتين حول تطورات الأراضي المحتلة واتفاق وقف إطلاق النار في غزة"}),
        ("پوتین", ["--lang", "fa"], {"دیدار و گفتوگوی نماینده پوتین با سران حماس درباره مسائل فلسطین و اشغالگری رژیم صهیونیستی"}),
        ("نیروگاه خورشیدی", [], {"افتتاح بزرگ‌ترین نیروگاه خورشیدی کشور در استان کرمان"}),
        ("بزرگترین کرمان", [], {"افتتاح بزرگ‌ترین نیروگاه خورشیدی کشور در استان کرمان"}),  # typed without ZWNJ
        ("روسيا", ["--since", "2024-01-01", "--until", "2024-06-30"],
         {"وفد من حماس يزور روسيا ويلتقي مبعوث بوتين.. وهذا ما طلبته موسكو من الحركة"}),
        ("Europa plumes", [], {"NASA Just Confirmed There Are Water Plumes Above The Surface of Jupiter's Moon Europa"}),
        ("library", ["--site", "crawl.example.org"], {"Why the city's oldest library is closing for a year"}),
        ("budget", ["--lang", "ar"], set()),
    ],
)
def test_search_finds_articles_in_arabic_persian_and_english(archived, query, options, expected_titles):
    db, _ = archived
    result = cli("search", query, "--db", db, "--json", *options)
    assert result.returncode == 0, result.stderr
    assert {json.loads(line)["title"] for line in result.stdout.decode().splitlines()} == expected_titles


def test_stats_and_the_run_history(archived):
    db, _ = archived
    stats = json.loads(cli("stats", "--db", db, "--json").stdout)
    assert stats["records"] == 9 and stats["near_duplicates"] == 1 and stats["schema_version"] == 5
    assert stats["languages"] == {"ar": 3, "en": 4, "fa": 2}


def test_a_changed_file_updates_its_record_and_keeps_the_earlier_version(tmp_path):
    folder = tmp_path / "notes"
    shutil.copytree(PAGES / "notes", folder)
    db = tmp_path / "a.db"
    assert cli("archive", folder, "--db", db).returncode == 0
    old_id = next(iter(records_of(db)))
    path = folder / "fa-solar.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("نیروگاه", "نیروگاه بزرگ", 1), encoding="utf-8")
    result = cli("archive", folder, "--db", db)
    assert "1 seen, 0 new, 1 changed, 0 unchanged, 0 failed; records: 0 added, 1 updated" in result.stderr.decode()
    (new_id, new), = records_of(db).items()
    assert new_id != old_id and new["inputs"] == [str(path.resolve())]
    shown = json.loads(cli("show", old_id, "--db", db, "--json").stdout)
    assert shown["id"] == new_id and shown["archive"]["version"] == 2
    assert [v["id"] for v in shown["archive"]["earlier_versions"]] == [old_id]


def test_failing_inputs_are_recorded_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.html").write_bytes(b"")
    (folder / "menu.txt").write_text("Home\nNews\nSports\nContact us\n", encoding="utf-8")
    shutil.copy(PAGES / "notes" / "fa-solar.txt", folder)
    db = tmp_path / "a.db"
    result = cli("archive", folder, tmp_path / "missing-folder", "--db", db)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert lines[-1].endswith("4 seen, 3 new, 0 changed, 0 unchanged, 3 failed; "
                              "records: 1 added, 0 updated, 0 duplicate, 0 near-duplicate")
    errors = cli("errors", "--db", db).stdout.decode().splitlines()
    assert errors == [
        f"{folder / 'empty.html'}: is empty (nothing but white space)",
        f"{folder / 'menu.txt'}: no article found: what is left after cleaning is too short to be one",
        f"{tmp_path / 'missing-folder'}: no such file or folder",  # a source, not an input, failed too
    ]
    run_errors = cli("errors", "--db", db, "--run", "1").stdout.decode()
    assert f"{tmp_path / 'missing-folder'}: no such file or folder" in run_errors
    again = cli("archive", folder, "--db", db)  # unchanged failures are not retried: nothing new to say
    assert again.returncode == 0 and "3 unchanged" in again.stderr.decode()
    assert cli("errors", "--db", db).stdout.decode().splitlines() == errors[:2]  # still failed; the missing folder was not named again


def test_standard_input_is_one_input(tmp_path):
    db = tmp_path / "a.db"
    text = (PAGES / "notes" / "fa-solar.txt").read_bytes()
    assert cli("archive", "-", "--db", db, stdin=text).returncode == 0
    result = cli("archive", "-", "--db", db, stdin=text)
    assert "1 unchanged" in result.stderr.decode() and count(db, "records") == 1


def test_read_only_commands_on_a_missing_archive_say_so(tmp_path):
    result = cli("stats", "--db", tmp_path / "none.db")
    assert result.returncode == 2 and b"no archive there" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_two_workers_store_exactly_what_one_worker_stores(archived, collection, tmp_path):
    db, _ = archived
    parallel = tmp_path / "parallel.db"
    result = cli("archive", collection / "saved", collection / "crawl.warc.gz", "--db", parallel, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert "12 seen, 12 new" in result.stderr.decode()
    assert records_of(parallel) == records_of(db)


def test_search_snippet_quotes_the_article_as_written(archived):
    """The index folds spellings; what a user reads back must not be folded."""
    db, _ = archived
    result = cli("search", "بزرگترین", "--db", db, "--json")
    hit = json.loads(result.stdout.decode().splitlines()[0])
    assert "[بزرگ‌ترین]" in hit["snippet"]  # with its ZWNJ, as the page wrote it
    arabic = json.loads(cli("search", "الدوحة", "--db", db, "--json").stdout.decode().splitlines()[0])
    assert "[الدوحة" in arabic["snippet"] and "الدوحه" not in arabic["snippet"]


IN_PROCESS_OR_WORKERS = pytest.mark.parametrize("workers", [0, 1, 2], ids=["in-process", "1-worker", "2-workers"])


def run_with(monkeypatch, workers):
    """IngestOptions that clean in this process (0) or in that many workers, however few the inputs."""
    from cleaner.store import IngestOptions

    monkeypatch.setattr("cleaner.store.ingest.FEW_INPUTS", 10**9 if workers == 0 else 0)
    return IngestOptions(workers=max(workers, 1))


@IN_PROCESS_OR_WORKERS
def test_a_touched_file_with_the_same_content_is_not_cleaned_again(tmp_path, monkeypatch, workers):
    import os

    from cleaner.store import Archive, archive_sources

    folder = tmp_path / "notes"
    shutil.copytree(PAGES / "notes", folder)
    db = str(tmp_path / "a.db")
    options = run_with(monkeypatch, workers)
    assert archive_sources(db, [str(folder)], options).counts.added == 1
    path = folder / "fa-solar.txt"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    counts = archive_sources(db, [str(folder)], options).counts
    assert (counts.seen, counts.new, counts.changed, counts.unchanged, counts.added) == (1, 0, 0, 1, 0)
    archive = Archive(db)  # the new mtime is remembered: the next run needs not read the file
    assert archive.input_state(str(path.resolve())).mtime_ns == path.stat().st_mtime_ns
    archive.close()


@IN_PROCESS_OR_WORKERS
def test_a_file_removed_after_the_listing_is_a_failed_input_named_by_its_path(tmp_path, monkeypatch, workers):
    from cleaner.read.sources import list_sources
    from cleaner.store import Archive
    from cleaner.store.ingest import Ingest

    folder = tmp_path / "notes"
    shutil.copytree(PAGES / "notes", folder)
    (folder / "fa-solar-copy.txt").write_bytes((folder / "fa-solar.txt").read_bytes())
    listed = list_sources([folder])
    (folder / "fa-solar-copy.txt").unlink()
    archive = Archive(str(tmp_path / "a.db"))
    archive.lock_writer(0)
    options = run_with(monkeypatch, workers)
    counts = Ingest(archive, options).run_listed(listed, run_id=archive.start_run(None, []))
    assert (counts.seen, counts.new, counts.failed, counts.added) == (2, 2, 1, 1)
    assert [(f["input"], f["reason"]) for f in archive.failed_inputs()] == [
        (str(folder / "fa-solar-copy.txt"), "no such file (removed since the run listed it)")]
    archive.close()


def test_retry_failed_cleans_again_the_inputs_that_failed_and_only_those(tmp_path, monkeypatch):
    from cleaner.errors import CleanerError
    from cleaner.store import Archive, IngestOptions, archive_sources

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(PAGES / "notes" / "fa-solar.txt", folder)
    (folder / "menu.txt").write_text("Home\nNews\nSports\nContact us\n", encoding="utf-8")
    shutil.copy(ARCHIVE_FIXTURES.parent / "jsonl" / "with-tag-pages.jsonl", folder)  # two tag pages among articles
    db = str(tmp_path / "a.db")

    def broken(item, **_):  # as if the cleaner of the first run had a bug
        raise CleanerError("the lexicon could not be read")

    with monkeypatch.context() as first_run:
        first_run.setattr("cleaner.store.ingest.clean_item", broken)
        first = archive_sources(db, [str(folder)], IngestOptions()).counts
    assert (first.seen, first.failed, first.added) == (7, 7, 0)
    assert archive_sources(db, [str(folder)], IngestOptions()).counts.unchanged == 7  # not retried unasked
    again = archive_sources(db, [str(folder)], IngestOptions(retry_failed=True)).counts
    assert (again.retried, again.failed, again.changed, again.new) == (7, 3, 0, 0)
    assert again.added + again.near_duplicate + again.duplicate == 4
    assert "7 retried, 3 failed" in again.summary()
    archive = Archive(db)
    assert sorted(f["input"].rsplit("/", 1)[-1] for f in archive.failed_inputs()) == [
        "menu.txt", "with-tag-pages.jsonl:3", "with-tag-pages.jsonl:5"]
    archive.close()
    last = archive_sources(db, [str(folder)], IngestOptions(retry_failed=True)).counts
    assert (last.retried, last.unchanged, last.failed) == (3, 4, 3)  # the fixed ones are not cleaned again
