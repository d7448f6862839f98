"""JSONL and JSON items are archived under their URL, not their line: a scraper that rewrites its export
in another order every day must not turn one article into a version of another."""

from __future__ import annotations

import json
import shutil

from archivekit import ARCHIVE_FIXTURES, cli, count, records_of

from cleaner.read.sources import list_sources, read_items
from cleaner.store import IngestOptions
from cleaner.store.ingest import archive_sources

EXPORTS = ARCHIVE_FIXTURES.parent / "jsonl"
NO_ARTICLE = "no article found: what is left after cleaning is too short to be one"


def lines_of(name: str) -> list[str]:
    return (EXPORTS / name).read_text(encoding="utf-8").splitlines(keepends=True)


def summary(result) -> str:
    assert result.returncode in (0, 1), result.stderr
    return result.stderr.decode().strip().splitlines()[-1]


def keys_of(path) -> list:
    return [item.key for item in read_items(list_sources([path])[0])]


def test_an_export_rewritten_newest_first_adds_the_new_article_and_changes_nothing(tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "a.db"
    shutil.copy(EXPORTS / "daily-2024-03-12.jsonl", feed)
    first = cli("archive", feed, "--db", db)
    assert summary(first).endswith("4 seen, 4 new, 0 changed, 0 unchanged, 0 failed; "
                                   "records: 4 added, 0 updated, 0 duplicate, 0 near-duplicate")
    before = records_of(db)
    shutil.copy(EXPORTS / "daily-2024-03-13.jsonl", feed)  # a new article on top, the rest reversed
    second = cli("archive", feed, "--db", db)
    assert summary(second).endswith("5 seen, 1 new, 0 changed, 4 unchanged, 0 failed; "
                                    "records: 1 added, 0 updated, 0 duplicate, 0 near-duplicate")
    after = records_of(db)
    assert {rid: after[rid] for rid in before} == before  # each article kept its record and its one input
    (new,) = [after[rid] for rid in after.keys() - before.keys()]
    assert new["record"]["title"] == "Heavy rains flood villages in the north"
    assert new["inputs"] == [f"{feed}#https://dailyledger.example.com/world/2024/03/13/northern-floods"]
    assert all(r["inputs"] == [f"{feed}#{r['record']['url']}"] for r in after.values())
    assert count(db, "record_versions") == 0


def test_the_same_url_twice_in_one_file_is_two_inputs_that_stay_apart(tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "a.db"
    shutil.copy(EXPORTS / "same-url-twice.jsonl", feed)
    bikes = f"{feed}#https://dailyledger.example.com/city/2024/03/05/council-bike-lanes"
    assert keys_of(feed) == [bikes, f"{feed}#https://www.mehrnews.example/news/6301122/kerman-solar-plant",
                             f"{bikes}#2"]
    assert summary(cli("archive", feed, "--db", db)).endswith(
        "3 seen, 3 new, 0 changed, 0 unchanged, 0 failed; records: 2 added, 0 updated, 0 duplicate, 1 near-duplicate")
    corrected = next(r for r in records_of(db).values() if r["inputs"] == [f"{bikes}#2"])
    assert "Correction: an earlier version" in corrected["record"]["text"]
    feed.write_text(lines_of("daily-2024-03-13.jsonl")[0] + feed.read_text(encoding="utf-8"), encoding="utf-8")
    again = cli("archive", feed, "--db", db)  # a line inserted on top moves every line, not a key
    assert summary(again).endswith("4 seen, 1 new, 0 changed, 3 unchanged, 0 failed; "
                                   "records: 1 added, 0 updated, 0 duplicate, 0 near-duplicate")
    assert count(db, "record_versions") == 0


def test_items_without_a_url_keep_the_key_of_their_line_or_index(tmp_path):
    notes = tmp_path / "notes.jsonl"
    shutil.copy(EXPORTS / "notes-no-urls.jsonl", notes)
    assert keys_of(notes) == [f"{notes}:1", f"{notes}:2"]
    mixed = tmp_path / "mixed.json"  # a JSON array: one entry with a URL, one without
    entries = [json.loads(lines_of("daily-2024-03-12.jsonl")[0]), json.loads(lines_of("notes-no-urls.jsonl")[0])]
    mixed.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    items = list(read_items(list_sources([mixed])[0]))
    assert [i.key for i in items] == [
        f"{mixed}#https://www.aljazeera.example/news/2024/3/12/measles-vaccination-schools", f"{mixed}[1]"]
    assert [i.name for i in items] == [f"{mixed}[0]", f"{mixed}[1]"]  # messages name the place in the file


def test_cleaner_errors_names_the_line_of_a_failed_item_keyed_by_its_url(tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "a.db"
    shutil.copy(EXPORTS / "with-tag-pages.jsonl", feed)
    assert cli("archive", feed, "--db", db).returncode == 1
    expected = [f"{feed}:3: {NO_ARTICLE}", f"{feed}:5: {NO_ARTICLE}"]
    assert cli("errors", "--db", db).stdout.decode().splitlines() == expected
    again = cli("archive", feed, "--db", db)  # not tried again: the lines come from the run that failed them
    assert again.returncode == 0 and "5 unchanged" in summary(again)
    assert cli("errors", "--db", db).stdout.decode().splitlines() == expected


def test_a_url_with_a_port_is_not_taken_for_a_line_number(tmp_path):
    feed, db = tmp_path / "feed.jsonl", tmp_path / "a.db"
    tag_page = json.loads(lines_of("with-tag-pages.jsonl")[2])
    tag_page["url"] = "http://intranet.example:8080"
    feed.write_text(lines_of("daily-2024-03-12.jsonl")[0] + json.dumps(tag_page) + "\n", encoding="utf-8")
    cli("archive", feed, "--db", db)
    cli("archive", feed, "--db", db)  # the error now comes from the input's row alone
    assert cli("errors", "--db", db).stdout.decode().splitlines() == [f"{feed}:2: {NO_ARTICLE}"]


def errors_after_rewrite(tmp_path, first: str, second: str) -> tuple[str, list[str]]:
    """Archive an export, rewrite it, archive it again: the second run's summary and `cleaner errors`."""
    feed, db = tmp_path / "feed.jsonl", tmp_path / "a.db"
    feed.write_text(first, encoding="utf-8")
    cli("archive", feed, "--db", db)
    feed.write_text(second, encoding="utf-8")
    return summary(cli("archive", feed, "--db", db)), cli("errors", "--db", db).stdout.decode().splitlines()


def test_errors_name_the_line_of_an_item_still_failed_after_others_were_fixed(tmp_path):
    lines = lines_of("with-tag-pages.jsonl")
    weather = json.loads(lines[4])
    weather["html"] = json.loads(lines_of("daily-2024-03-13.jsonl")[0])["text"]  # re-scraped, an article now
    fixed = "".join(lines[:4]) + json.dumps(weather, ensure_ascii=False) + "\n"
    second, errors = errors_after_rewrite(tmp_path, "".join(lines), fixed)
    assert "1 changed" in second
    assert errors == [f"{tmp_path / 'feed.jsonl'}:3: {NO_ARTICLE}"]


def test_errors_follow_a_failed_item_whose_line_moved(tmp_path):
    lines = lines_of("with-tag-pages.jsonl")
    second, errors = errors_after_rewrite(tmp_path, "".join(lines), "".join(lines[::-1]))  # rewritten newest first
    assert "5 unchanged" in second
    assert errors == [f"{tmp_path / 'feed.jsonl'}:1: {NO_ARTICLE}", f"{tmp_path / 'feed.jsonl'}:3: {NO_ARTICLE}"]


def test_an_archive_keyed_by_line_takes_the_rewritten_export_without_doubling_records(tmp_path, monkeypatch):
    """The first run after the upgrade: every item is new under its URL key, and lands on its record."""
    feed, db = tmp_path / "feed.jsonl", str(tmp_path / "a.db")
    shutil.copy(EXPORTS / "daily-2024-03-12.jsonl", feed)
    with monkeypatch.context() as old:  # the cleaner before: every item keyed by its line
        old.setattr("cleaner.read.jsonl.ItemKeys.of", lambda self, url, place_key: place_key)
        archive_sources(db, [str(feed)], IngestOptions())
    assert records_of(db)[next(iter(records_of(db)))]["inputs"] == [f"{feed}:1"]
    shutil.copy(EXPORTS / "daily-2024-03-13.jsonl", feed)
    counts = archive_sources(db, [str(feed)], IngestOptions()).counts
    assert (counts.new, counts.changed, counts.added, counts.duplicate, counts.updated) == (5, 0, 1, 4, 0)
    records = records_of(db)
    assert len(records) == 5 and count(db, "record_versions") == 0
    measles = next(r for r in records.values() if "measles" in r["record"]["url"])
    assert measles["inputs"] == [f"{feed}#{measles['record']['url']}", f"{feed}:1"]  # the old key stays a source
    third = archive_sources(db, [str(feed)], IngestOptions()).counts
    assert (third.new, third.changed, third.unchanged) == (0, 0, 5)


def test_an_export_archived_again_in_another_order_changes_nothing(tmp_path):
    db, copy = tmp_path / "a.db", tmp_path / "b.db"
    cli("archive", EXPORTS / "daily-2024-03-13.jsonl", "--db", db)
    export = tmp_path / "records.jsonl"
    assert cli("export", "--db", db, "--format", "jsonl", "--out", export).returncode == 0
    assert summary(cli("archive", export, "--db", copy)).endswith(
        "5 seen, 5 new, 0 changed, 0 unchanged, 0 failed; records: 5 added, 0 updated, 0 duplicate, 0 near-duplicate")
    assert sorted(keys_of(export)) == sorted(f"{export}#{json.loads(x)['url']}" for x in export.open())
    export.write_text("".join(reversed(export.read_text(encoding="utf-8").splitlines(keepends=True))), "utf-8")
    assert summary(cli("archive", export, "--db", copy)).endswith(
        "5 seen, 0 new, 0 changed, 5 unchanged, 0 failed; records: 0 added, 0 updated, 0 duplicate, 0 near-duplicate")


def test_a_single_item_json_file_edited_updates_its_record(tmp_path):
    """Keyed by its URL, the item no longer shares its key with the row that marks the file read."""
    page, db = tmp_path / "measles.json", tmp_path / "a.db"
    page.write_text(lines_of("daily-2024-03-12.jsonl")[0], encoding="utf-8")
    cli("archive", page, "--db", db)
    page.write_text(page.read_text(encoding="utf-8").replace("أعلنت", "وأعلنت", 1), encoding="utf-8")
    assert summary(cli("archive", page, "--db", db)).endswith(
        "1 seen, 0 new, 1 changed, 0 unchanged, 0 failed; records: 0 added, 1 updated, 0 duplicate, 0 near-duplicate")
    assert len(records_of(db)) == 1 and count(db, "record_versions") == 1


def test_a_failed_single_item_json_file_is_named_once(tmp_path):
    page, db = tmp_path / "tags.json", tmp_path / "a.db"
    page.write_text(lines_of("with-tag-pages.jsonl")[2], encoding="utf-8")
    cli("archive", page, "--db", db)
    assert cli("errors", "--db", db).stdout.decode().splitlines() == [f"{page}: {NO_ARTICLE}"]
