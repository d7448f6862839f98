"""`cleaner serve`, page by page over HTTP (Flask's test client): what each page shows, every search
filter, the JSON of each page, and what the server refuses."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import lxml.html
import pytest
from viewkit import AR_PAGE, FA_PAGE, PAGE_TYPE, SEED_003, SERIES, build_archive, record_id_of

import cleaner
from cleaner.store import Archive, ArchiveError
from cleaner.store.searchtext import fts_query
from cleaner.views.app import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_archive(tmp_path_factory.mktemp("views"))


@pytest.fixture(scope="module")
def client(db):
    return create_app(str(db)).test_client()


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    return lxml.html.document_fromstring(response.get_data(as_text=True))


def texts(tree, css: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.cssselect(css)]


def sql(db, query: str, *params):
    conn = sqlite3.connect(db)
    try:
        return conn.execute(query, params).fetchall()
    finally:
        conn.close()


def test_home_shows_what_the_archive_holds_with_charts_and_the_last_runs(client, db):
    tree = page(client, "/")
    tiles = " ".join(texts(tree, ".tiles li"))
    assert f"{sql(db, 'SELECT count(*) FROM records')[0][0]} records" in tiles and "1 failed inputs" in tiles
    assert len(tree.cssselect(".chart svg rect")) >= 2  # by publication day, by day archived
    languages = texts(tree, "table[aria-label='records by language'] th")
    assert {"ar", "fa", "en"} <= set(languages)
    kinds = dict(zip(texts(tree, "table[aria-label='removed blocks by kind'] th"),
                     texts(tree, "table[aria-label='removed blocks by kind'] td.n"), strict=True))
    assert int(kinds["read_also"]) >= 9 and "share" in kinds
    assert texts(tree, "table[aria-label='records by page type'] th") == [PAGE_TYPE]
    assert [r.split()[0] for r in texts(tree, "table.runs tbody tr")] == ["3", "2", "1"]
    assert "errors" in texts(tree, "table.runs tbody tr")[0]  # the run with the broken file
    assert tree.cssselect("a[href='/errors']")


def test_home_as_json_counts_every_removed_block_of_every_record(client, db):
    data = client.get("/.json").get_json()
    removed = {}
    for (text,) in sql(db, "SELECT json FROM records"):
        for block in json.loads(text)["removed"]:
            removed[block["kind"]] = removed.get(block["kind"], 0) + 1
    assert {k["value"]: k["count"] for k in data["removed_by_kind"]} == removed
    assert data["records"] == sum(n for _, n in data["by_language"])
    assert sum(n for _, n in data["by_added_day"]) == data["records"]
    assert sum(n for _, n in data["by_published_day"]) + data["undated"] == data["records"]


def search_ids(client, query: str) -> list[str]:
    return [hit["id"] for hit in client.get("/search.json", query_string={"q": query}).get_json()["results"]]


@pytest.mark.parametrize("query", ["موسكو", "وقف إطلاق النار", "کتاب", "بزرگترین", "library"])
def test_search_finds_what_cleaner_search_finds(client, db, query):
    hits = Archive(str(db), read_only=True).search(fts_query(query), limit=20)
    assert search_ids(client, query) == [hit["id"] for hit in hits] and hits


def test_an_arabic_word_finds_its_affixed_forms_marked_in_the_snippet(client, db):
    tree = page(client, "/search?q=كتاب")
    marks = texts(tree, ".snippet mark")
    assert {"للكتاب", "كتابه"} & set(marks)  # Persian کتاب and its forms match too: the index folds kaf
    assert tree.cssselect(".snippet")[0].get("dir") == "rtl"


def test_a_persian_word_finds_its_plural_written_with_zwnj(client):
    tree = page(client, "/search?q=کتاب")
    marks = texts(tree, ".snippet mark")
    assert any(m.startswith("کتاب\u200c") or m.startswith("کتابها") for m in marks), marks
    assert all(li.cssselect("a.title")[0].get("lang") in ("fa", "ur", "ar") for li in tree.cssselect("ol.results li"))


def test_search_filters_language_site_dates_and_page_type(client, db):
    everything = client.get("/search.json", query_string={"q": "کتاب"}).get_json()["results"]
    assert {hit["language"] for hit in everything} >= {"fa", "ur"}
    persian = client.get("/search.json", query_string={"q": "کتاب", "lang": "fa"}).get_json()["results"]
    assert persian and {hit["language"] for hit in persian} == {"fa"}
    site = client.get("/search.json", query_string={"q": "المحطة", "site": "alsahel.example.com"}).get_json()
    assert [hit["url"] for hit in site["results"]] == ["https://alsahel.example.com/news/2024/03/12/desalination"]
    assert not client.get("/search.json", query_string={"q": "المحطة", "site": "sciencealert.com"}).get_json()["results"]
    dated = client.get("/search.json", query_string={"q": "موسكو", "since": "2024-01-19", "until": "2024-01-19"})
    assert [hit["published"] for hit in dated.get_json()["results"]] == ["2024-01-19"]
    later = client.get("/search.json", query_string={"q": "موسكو", "since": "2024-01-20"}).get_json()["results"]
    assert all((hit["published"] or "") >= "2024-01-20" for hit in later) and "2024-01-19" not in [
        hit["published"] for hit in later]
    typed = client.get("/search.json", query_string={"q": "کتاب", "page_type": PAGE_TYPE}).get_json()["results"]
    assert len(everything) > 1 and [hit["id"] for hit in typed] == [record_id_of(db, FA_PAGE)]


def test_search_pages_through_many_results(client):
    first = client.get("/search.json", query_string={"q": "series"}).get_json()
    second = client.get("/search.json", query_string={"q": "series", "page": 2}).get_json()
    assert len(first["results"]) == 20 and first["more"]
    assert len(second["results"]) == SERIES - 20 and not second["more"]
    assert not {h["id"] for h in first["results"]} & {h["id"] for h in second["results"]}
    tree = page(client, "/search?q=series")
    assert tree.cssselect("a[rel=next]")[0].get("href") == "/search?q=series&page=2"


def test_a_bad_date_or_a_query_without_words_is_said_on_the_page(client):
    tree = page(client, "/search?q=library&since=yesterday")
    assert texts(tree, ".problem") == ["since: 'yesterday' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"]
    assert texts(page(client, "/search?q=--"), ".problem") == ["the query has no words"]
    assert page(client, "/search").cssselect("form.search input[name=q]")


def test_the_record_page_of_seed_003_shows_every_removed_block_where_it_stood(client, db):
    record = cleaner.clean(SEED_003.read_bytes())
    tree = page(client, f"/record/{record_id_of(db, SEED_003)}")
    assert texts(tree, "h1") == [record.title] and tree.cssselect("h1")[0].get("dir") == "rtl"
    blocks = tree.cssselect("ol.blocks li.block")
    lines = [line.strip() for line in SEED_003.read_text(encoding="utf-8").splitlines()]
    assert len(blocks) == len([line for line in lines if line])  # every line of the input, in order
    removed = [(b.get("data-kind"), b.cssselect(".text")[0].text_content()) for b in blocks if "removed" in b.classes]
    assert removed == [(r.kind, r.text) for r in record.removed]
    read_also = [b for b in blocks if b.get("data-kind") == "read_also"]
    assert read_also[0].cssselect(".text")[0].text_content() == "إقرأ أيضاً:"
    assert read_also[0].cssselect(".where")[0].text_content() == f"line {lines.index('إقرأ أيضاً:') + 1}"
    assert read_also[-1].cssselect(".text")[0].text_content().startswith("وفي ختام حديثه")  # the article after it
    switches = {box.get("value") for box in tree.cssselect("input[data-kind-switch]")}
    assert switches == set(record.removed_kinds)
    assert texts(tree, ".cleaned article p") == record.text.split("\n\n")
    assert tree.cssselect(".cleaned article")[0].get("lang") == "ar"
    shown = json.loads(tree.cssselect("details.json pre")[0].text_content())
    assert shown["removed"] == record.to_dict()["removed"] and shown["text"] == record.text


def test_the_record_as_json_holds_the_record_and_its_explain_view(client, db):
    data = client.get(f"/record/{record_id_of(db, SEED_003)}.json").get_json()
    assert data["record"]["id"] == record_id_of(db, SEED_003)
    assert data["explain"]["placed"] and data["explain"]["input"] == "text"
    assert [b["role"] for b in data["explain"]["blocks"]][:3] == ["title", "removed", "body"]
    inputs = {s["name"] for s in data["sources"]}
    assert str(SEED_003.resolve()) in inputs and any(i.endswith("ar-moscow-visit.htm") for i in inputs)


def test_an_html_record_shows_its_page_inert_beside_the_blocks_with_removed_ones_marked(client, db):
    tree = page(client, f"/record/{record_id_of(db, AR_PAGE)}")
    (frame,) = tree.cssselect("figure.original iframe")
    assert frame.get("sandbox") == ""
    inner = lxml.html.document_fromstring(frame.get("srcdoc"))
    removed = [(b.get("data-kind"), b.cssselect(".text")[0].text_content()) for b in tree.cssselect("li.removed")]
    marked = [(m.get("data-cleaner-kind"), " ".join(m.text_content().split())) for m in
              inner.cssselect("[data-cleaner-kind]")]
    assert len(removed) == 11 and set(marked) == set(removed)  # each one, where it stands (a text twice: both)
    assert "11 of 11 removed blocks" in texts(tree, "figure.original figcaption")[0]


def test_versions_near_duplicates_and_duplicates_link_to_each_other(client, db):
    (old_id, current_rowid), = sql(db, "SELECT id, record FROM record_versions")
    (current_id,), = sql(db, "SELECT id FROM records WHERE rowid = ?", current_rowid)
    old = page(client, f"/record/{old_id}")
    assert "This is version 1" in texts(old, ".banner")[0]
    assert old.cssselect(f".banner a[href='/record/{current_id}']")
    assert "سه برابر" in " ".join(texts(old, ".cleaned p"))  # the text as it was
    current = page(client, f"/record/{current_id}")
    assert current.cssselect(f".kin a[href='/record/{old_id}']") and "دو برابر" in " ".join(texts(current, ".cleaned p"))
    (near, first), = sql(db, "SELECT r.id, d.id FROM records r JOIN records d ON d.rowid = r.duplicate_of "
                              "WHERE r.title LIKE '%' ORDER BY r.rowid LIMIT 1")
    assert page(client, f"/record/{near}").cssselect(f".kin a[href='/record/{first}']")
    assert page(client, f"/record/{first}").cssselect(f".kin a[href='/record/{near}']")


def test_runs_and_errors_pages_say_what_the_history_says(client, db):
    runs = page(client, "/runs")
    assert [r.split()[0] for r in texts(runs, "table.runs tbody tr")] == ["3", "2", "1"]
    assert client.get("/runs.json").get_json()["runs"][0]["status"] == "errors"
    reason = "looks like a binary file (it holds NUL bytes), not a page or text"
    errors = page(client, "/errors")
    assert [(i.endswith("broken.txt"), r) for i, r in zip(texts(errors, "td.input"), texts(errors, "td.reason"),
                                                          strict=True)] == [(True, reason)]
    assert texts(page(client, "/errors?run=3"), "table.errors td.input")[0].endswith("broken.txt")
    assert page(client, "/errors?run=1").cssselect("p.empty")
    assert [e["reason"] for e in client.get("/errors.json").get_json()["errors"]] == [reason]


def test_every_page_sets_a_policy_that_forbids_scripts_other_than_its_own(client, db):
    for url in ("/", "/search?q=x", f"/record/{record_id_of(db, SEED_003)}", "/runs", "/errors", "/.json"):
        headers = client.get(url).headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-src 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"


def test_what_the_server_refuses(client):
    assert client.get("/record/0123456789abcdef0000").status_code == 404
    assert client.get("/record/0123456789abcdef0000.json").status_code == 404
    assert client.post("/").status_code == 405
    assert client.get("/static/../viewkit.py").status_code == 404
    assert client.get("/static/%2e%2e/app.py").status_code == 404
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/", headers={"Host": "attacker.example:8080"}).status_code == 400  # DNS rebinding
    assert client.get("/", headers={"Host": "localhost:8080"}).status_code == 200


def test_browsing_never_writes_to_the_archive(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for url in ("/", "/.json", "/search?q=کتاب", "/runs", "/errors", f"/record/{record_id_of(db, SEED_003)}"):
        client.get(url)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        Archive(str(db), read_only=True).conn.execute("DELETE FROM records")


def test_an_archive_of_an_older_version_or_none_at_all_is_a_clear_error(tmp_path):
    from cleaner.store.schema import migrate

    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrate(conn, target=4)
    conn.close()
    with pytest.raises(ArchiveError, match="archive version 4 needs bringing up to version 5"):
        create_app(str(tmp_path / "old.db"))
    with pytest.raises(ArchiveError, match="no archive there"):
        create_app(str(tmp_path / "missing.db"))


def test_an_html_record_shows_its_page_type_a_text_record_none(client, db):
    typed = page(client, f"/record/{record_id_of(db, FA_PAGE)}")
    assert dict(zip(texts(typed, "table.meta th"), texts(typed, "table.meta td"), strict=True))["page type"] == PAGE_TYPE
    assert "page type" not in texts(page(client, f"/record/{record_id_of(db, SEED_003)}"), "table.meta th")  # text mode


def test_the_home_page_counts_again_after_a_run_and_not_before(tmp_path):
    from archivekit import write_texts

    from cleaner.store import IngestOptions, archive_sources

    db = tmp_path / "a.db"
    archive_sources(str(db), [str(p) for p in write_texts(tmp_path / "one", 2)], IngestOptions())
    client = create_app(str(db)).test_client()
    assert client.get("/.json").get_json()["records"] == 2
    assert client.get("/.json").get_json()["records"] == 2
    archive_sources(str(db), [str(p) for p in write_texts(tmp_path / "two", 3, start=2)], IngestOptions())
    data = client.get("/.json").get_json()
    assert data["records"] == 5 and len(data["last_runs"]) == 2
