"""Reading what an archive run names: folders, globs, gzip, JSONL exports, WARC files."""

from __future__ import annotations

import gzip
import json
import os

from archivekit import PAGES, write_warc

from cleaner.errors import InputError
from cleaner.read.jsonl import FieldNames, UnfinishedLine
from cleaner.read.sources import SourceFile, list_sources, read_items


def items(source: SourceFile, fields=None):
    return list(read_items(source, fields))


def test_folder_is_walked_recursively_for_page_files_and_their_gz():
    listed = list_sources([PAGES])
    names = [os.path.relpath(s.path, PAGES) for s in listed]
    assert names == [
        "blog/en-library-syndicated.html", "blog/en-library.html", "blog/europa-plumes.html.gz",
        "news/ar-doha-talks.html", "news/ar-moscow-visit.htm", "news/fa-putin-envoy.html.gz", "notes/fa-solar.txt",
    ]  # notes/README.md is not a page
    page = items(listed[2])[0]
    assert page.content.startswith(b"<!DOCTYPE html") or b"<html" in page.content[:500]


def test_glob_missing_and_repeated_sources(tmp_path):
    listed = list_sources([str(PAGES / "news" / "*.htm*"), PAGES / "news" / "ar-doha-talks.html",
                           tmp_path / "nothing-here", str(tmp_path / "*.html")])
    files = [s for s in listed if isinstance(s, SourceFile)]
    errors = [s for s in listed if isinstance(s, InputError)]
    assert [os.path.basename(s.path) for s in files] == [
        "ar-doha-talks.html", "ar-moscow-visit.htm", "fa-putin-envoy.html.gz"]  # each file once
    assert [e.reason for e in errors] == ["no such file or folder", "matches no files"]


def test_jsonl_fields_found_by_usual_names_and_the_rest_kept_as_extra(tmp_path):
    path = tmp_path / "items.jsonl.gz"
    lines = [
        {"link": "https://a.example/1", "html": "<p>one</p>", "section": "world", "fetched_at": "2024-01-01"},
        {"page_url": "https://a.example/2", "body": "two"},
        {"title": "no page here"},
    ]
    path.write_bytes(gzip.compress(("\n".join(json.dumps(x) for x in lines) + "\nnot json\n").encode()))
    got = items(list_sources([path])[0])
    assert (got[0].url, got[0].content, got[0].extra, got[0].fetched) == (
        "https://a.example/1", "<p>one</p>", {"section": "world"}, "2024-01-01")
    assert (got[1].url, got[1].content) == ("https://a.example/2", "two")
    assert isinstance(got[2], InputError) and "has no page in it" in got[2].reason and got[2].source.endswith(":3")
    assert isinstance(got[3], InputError) and "not valid JSON" in got[3].reason
    assert got[0].key == f"{path}#https://a.example/1" and got[1].key == f"{path}#https://a.example/2"
    assert got[0].name == f"{path}:1"  # messages name the line


def test_jsonl_fields_named_by_the_user_and_a_line_still_being_written(tmp_path):
    path = tmp_path / "items.jsonl"
    path.write_text('{"address": "https://b.example/", "markup": "<p>x</p>", "html": "ignored"}\n{"addr', "utf-8")
    got = items(list_sources([path])[0], FieldNames(url="address", content="markup"))
    assert len(got) == 2 and isinstance(got[1], UnfinishedLine)  # the unterminated last line waits for the next run
    assert (got[0].url, got[0].content, got[0].extra) == ("https://b.example/", "<p>x</p>", {"html": "ignored"})


def test_warc_html_responses_become_items_with_url_and_fetch_time(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://c.example/a", b"<html><body><p>A</p></body></html>"),
                      ("https://c.example/b", b"<html><body><p>B</p></body></html>")])
    got = items(list_sources([tmp_path])[0])
    assert [(i.url, i.fetched, i.content) for i in got] == [
        ("https://c.example/a", "2024-12-09T10:00:00Z", b"<html><body><p>A</p></body></html>"),
        ("https://c.example/b", "2024-12-09T10:00:00Z", b"<html><body><p>B</p></body></html>"),
    ]
    assert got[0].key.startswith("<urn:uuid:") and got[0].key != got[1].key


def test_a_file_that_is_not_a_warc_is_one_error(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not a warc file\n")
    got = items(list_sources([path])[0])
    assert len(got) == 1 and isinstance(got[0], InputError) and "not a readable WARC" in got[0].reason
