"""`cleaner batch` with the local engine: shards hold the records `cleaner clean` and `cleaner archive` give,
duplicates across shards are the archive's, a re-run cleans nothing, failures are named, a killed worker's
task is done again."""

from __future__ import annotations

import gzip
import json
import os
import signal
import time

import pytest
from archivekit import cli, popen, records_of, write_texts
from batchkit import make_collection, manifest, shard_rows, without_mark

from conftest import FIXTURES

pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    return root, make_collection(root)


@pytest.fixture(scope="module")
def batched(collection):
    root, sources = collection
    out = root / "out"
    result = cli("batch", *sources, "--out", out, "--task-size", "3", "--workers", "2")
    return out, result


def test_shards_hold_the_records_cleaner_clean_gives(batched, collection):
    root, _ = collection
    out, result = batched
    assert result.returncode == 0, result.stderr
    pages = sorted(p for p in root.rglob("*") if p.suffix in (".html", ".htm", ".txt") and "out" not in p.parts)
    cleaned = cli("clean", *pages)
    expected = [json.loads(line) for line in cleaned.stdout.decode().splitlines()]
    assert len(expected) == len(pages) == 10
    by_path = {row["path"]: without_mark(row) for row in shard_rows(out)}
    for record in expected:
        assert by_path[record["path"]] == record


def test_every_input_is_a_record_in_listing_order_across_shards(batched):
    out, result = batched
    data = manifest(out)
    assert data["complete"] and data["errors"] == [] and data["counts"]["inputs"] == 17
    assert [s["path"] for s in data["shards"]] == [f"shards/part-{i:05d}.parquet" for i in range(7)]
    rows = shard_rows(out)
    assert len(rows) == data["counts"]["records"] == 17
    assert rows[0]["url"] == "https://news.example.org/ar/2024/12/07/hamas-talks"  # the folder's JSONL comes first
    assert [c["name"] for c in data["schema"]][:3] == ["id", "path", "url"] and data["schema"][-1]["name"] == "duplicate_of"
    assert data["versions"]["cleaner"] and data["options"]["task_size"] == 3
    assert result.stderr.decode().endswith(f"manifest: {out}/manifest.json\n")


def test_duplicates_across_shards_are_the_ones_the_archive_finds(batched, collection, tmp_path):
    root, sources = collection
    out, _ = batched
    db = tmp_path / "sources.db"
    assert cli("archive", *sources, "--db", db).returncode == 0
    archived = records_of(db)
    rows = shard_rows(out)
    exact = [r for r in rows if r["duplicate_of"] == r["id"]]
    near = {r["id"]: r["duplicate_of"] for r in rows if r["duplicate_of"] not in (None, r["id"])}
    assert len(exact) == 7 and len(near) == 1  # the seeds are copies of archived pages
    assert near == {rid: data["duplicate_of"] for rid, data in archived.items() if data["duplicate_of"]}
    # an exact copy comes after the first of its id, in a later shard
    first = {}
    for place, row in enumerate(rows):
        first.setdefault(row["id"], place)
    assert all(first[r["id"]] < rows.index(r) for r in exact)
    assert {r["id"] for r in rows} == set(archived)


def test_archiving_a_batch_output_gives_the_records_of_archiving_the_sources(batched, collection, tmp_path):
    _, sources = collection
    out, _ = batched
    assert cli("archive", *sources, "--db", tmp_path / "sources.db").returncode == 0
    again = cli("archive", out, "--db", tmp_path / "batch.db")
    assert again.returncode == 0, again.stderr
    assert b"17 seen, 17 new" in again.stderr and b"records: 9 added, 0 updated, 7 duplicate, 1 near-duplicate" in again.stderr
    original, restored = records_of(tmp_path / "sources.db"), records_of(tmp_path / "batch.db")
    assert {k: v["record"] for k, v in original.items()} == {k: v["record"] for k, v in restored.items()}
    assert {k: v["duplicate_of"] for k, v in original.items()} == {k: v["duplicate_of"] for k, v in restored.items()}


def test_a_second_run_cleans_nothing_and_rewrites_no_shard(batched, collection):
    _, sources = collection
    out, _ = batched
    before = {p: p.stat().st_mtime_ns for p in (out / "shards").iterdir()}
    again = cli("batch", *sources, "--out", out, "--task-size", "3", "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert "tasks: 7, 0 cleaned, 7 already done, 0 failed" in again.stderr.decode()
    assert {p: p.stat().st_mtime_ns for p in (out / "shards").iterdir()} == before
    assert manifest(out)["counts"]["tasks_skipped"] == 7


def test_a_changed_input_cleans_its_task_again_and_a_shorter_listing_drops_stale_shards(tmp_path):
    folder = tmp_path / "texts"
    paths = write_texts(folder, 6)
    out = tmp_path / "out"
    assert cli("batch", folder, "--out", out, "--task-size", "2").returncode == 0
    shard = out / "shards" / "part-00001.parquet"
    kept = (out / "shards" / "part-00000.parquet").stat().st_mtime_ns
    paths[2].write_text(paths[2].read_text(encoding="utf-8") + "\nOne more line closes this report for good.\n",
                        encoding="utf-8")
    again = cli("batch", folder, "--out", out, "--task-size", "2")
    assert "tasks: 3, 1 cleaned, 2 already done" in again.stderr.decode()
    assert (out / "shards" / "part-00000.parquet").stat().st_mtime_ns == kept
    assert any("One more line" in r["text"] for r in shard_rows(out)) and shard.exists()
    for path in paths[4:]:
        path.unlink()
    third = cli("batch", folder, "--out", out, "--task-size", "2")
    assert "tasks: 2, 0 cleaned, 2 already done" in third.stderr.decode()
    assert sorted(p.name for p in (out / "shards").iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    assert len(shard_rows(out)) == 4


def test_failed_inputs_are_named_in_the_manifest_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "mixed"
    write_texts(folder, 2)
    (folder / "empty.txt").write_text("   \n")
    (folder / "binary.html").write_bytes(b"\x00\x01\x02PNG\x00" * 40)
    (folder / "feed.jsonl").write_text('{"url": "https://a.example/1", "text": "too short"}\n{not json\n')
    out = tmp_path / "out"
    result = cli("batch", folder, tmp_path / "missing", "--out", out)
    assert result.returncode == 1
    errors = {e["input"].replace(str(tmp_path), ""): e["reason"] for e in manifest(out)["errors"]}
    assert errors == {
        "/missing": "no such file or folder",
        "/mixed/feed.jsonl:1": "no article found: what is left after cleaning is too short to be one",
        "/mixed/feed.jsonl:2": errors["/mixed/feed.jsonl:2"],
        "/mixed/binary.html": errors["/mixed/binary.html"],
        "/mixed/empty.txt": "is empty (nothing but white space)",
    }
    assert errors["/mixed/feed.jsonl:2"].startswith("is not valid JSON")
    assert "binary" in errors["/mixed/binary.html"]
    assert len(shard_rows(out)) == 2 and manifest(out)["counts"]["failed"] == 5
    stderr = result.stderr.decode()
    assert f"cleaner: {tmp_path}/mixed/empty.txt: is empty (nothing but white space)\n" in stderr
    assert "Traceback" not in stderr


def test_jsonl_shards_hold_the_same_rows_as_parquet(batched, collection, tmp_path):
    _, sources = collection
    out, _ = batched
    jsonl = tmp_path / "jsonl"
    assert cli("batch", *sources, "--out", jsonl, "--task-size", "3", "--format", "jsonl").returncode == 0
    assert [s["path"] for s in manifest(jsonl)["shards"]][0] == "shards/part-00000.jsonl.gz"
    assert shard_rows(jsonl) == shard_rows(out)


def test_a_line_separator_in_a_page_does_not_cut_its_jsonl_shard_row(tmp_path):
    """U+2028 in a record's text is escaped in its shard row, as in `cleaner clean`'s JSON Lines: a
    reader splitting the shard by Unicode lines (str.splitlines) gets one row per record."""
    folder = tmp_path / "in"
    folder.mkdir()
    text = (FIXTURES / "text" / "en_plain.txt").read_text(encoding="utf-8")
    (folder / "separator.txt").write_text(text.replace("which opened in 1911", "which opened\u2028in 1911"),
                                          encoding="utf-8")
    out = tmp_path / "out"
    assert cli("batch", folder, "--out", out, "--format", "jsonl").returncode == 0
    shard = gzip.decompress((out / "shards" / "part-00000.jsonl.gz").read_bytes()).decode("utf-8")
    rows = [json.loads(line) for line in shard.splitlines()]
    assert len(rows) == 1 and "opened\u2028in 1911" in rows[0]["text"]


def test_file_uris_are_read_through_pyarrow(collection, tmp_path):
    root, _ = collection
    out = tmp_path / "out"
    result = cli("batch", f"file://{root}/saved/pages", "--out", f"file://{out}")
    assert result.returncode == 0, result.stderr
    by_path = {}
    rows = shard_rows(out)
    for row in rows:
        by_path[row["path"]] = row
    plain = tmp_path / "plain"
    assert cli("batch", root / "saved" / "pages", "--out", plain).returncode == 0
    for row in shard_rows(plain):
        uri_row = by_path[f"file://{row['path']}"]
        assert (uri_row["id"], uri_row["text"], uri_row["duplicate_of"]) == (row["id"], row["text"], row["duplicate_of"])
    assert len(rows) == 7


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(c) for c in handle.read().split()]
    except OSError:
        return []


def test_a_killed_worker_has_its_task_done_again(tmp_path):
    folder = tmp_path / "texts"
    write_texts(folder, 150)
    out = tmp_path / "out"
    proc = popen("batch", folder, "--out", out, "--task-size", "1", "--workers", "2")
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and proc.poll() is None and time.monotonic() < deadline:
        done = list((out / "work").glob("*.done.json")) if (out / "work").exists() else []
        workers = _children(proc.pid)
        if done and len(done) < 120 and workers:
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)  # a worker process this test's own batch started
        time.sleep(0.02)
    _, err = proc.communicate(timeout=120)
    assert killed is not None, "the run ended before a worker could be killed"
    assert proc.returncode == 0, err
    data = manifest(out)
    assert data["complete"] and data["counts"]["records"] == 150 and data["errors"] == []
    assert sorted(r["path"] for r in shard_rows(out)) == sorted(str(p) for p in folder.iterdir())


def test_overlapping_copies_in_separate_shards_get_the_archives_originals(tmp_path):
    """Texts that share most paragraphs with each other in a chain: whichever each is marked near-duplicate
    of depends on input order and on which earlier texts are originals; batch and archive agree."""
    from archivekit import paragraphs

    pool = paragraphs()[:14]
    folder = tmp_path / "chain"
    folder.mkdir()
    for n in range(8):
        kept = [p for k, p in enumerate(pool[:10 + n // 2]) if k not in (n, n + 1)]
        (folder / f"version-{n}.txt").write_text(f"Version {n} of the report\n\n" + "\n\n".join(kept) + "\n",
                                                 encoding="utf-8")
    out, db = tmp_path / "out", tmp_path / "chain.db"
    assert cli("batch", folder, "--out", out, "--task-size", "1").returncode == 0
    assert cli("archive", folder, "--db", db).returncode == 0
    rows = shard_rows(out)
    near = {r["id"]: r["duplicate_of"] for r in rows if r["duplicate_of"] not in (None, r["id"])}
    assert len(near) >= 2
    assert near == {rid: data["duplicate_of"] for rid, data in records_of(db).items() if data["duplicate_of"]}


def test_a_batch_output_inside_an_archived_folder_is_read_as_its_shards(tmp_path):
    folder = tmp_path / "data"
    write_texts(folder / "texts", 3)
    assert cli("batch", folder / "texts", "--out", folder / "batch-out").returncode == 0
    result = cli("archive", folder, "--db", tmp_path / "a.db")
    assert result.returncode == 0, result.stderr  # not the manifest, nor the signature files, as inputs
    assert b"6 seen, 6 new" in result.stderr and b"records: 3 added, 0 updated, 3 duplicate" in result.stderr


def test_the_limits_per_input_hold_in_a_batch_as_in_an_archive(tmp_path):
    import gzip

    folder = tmp_path / "in"
    write_texts(folder, 2)
    (folder / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * 3_000_000))
    big = "<html><body>" + "<p>A long paragraph of the page that goes on and on, past the limit.</p>" * 30_000
    (folder / "big.html").write_text(big + "</body></html>", encoding="utf-8")
    out = tmp_path / "out"
    result = cli("batch", folder, "--out", out, "--max-input-mb", "1", "--max-page-mb", "0.5")
    assert result.returncode == 1
    errors = {e["input"].replace(str(folder), ""): e["reason"] for e in manifest(out)["errors"]}
    assert errors == {"/bomb.txt.gz": "is larger than 1 MB, the limit per input (after decompression); "
                      "reading stopped there (raise it with --max-input-mb)",
                      "/big.html": errors["/big.html"]}
    assert errors["/big.html"].startswith("is larger than 1 MB")
    assert manifest(out)["options"]["limits"] == {"max_input_bytes": 1_000_000, "max_page_bytes": 500_000,
                                                  "max_seconds": 30.0}
    assert len(shard_rows(out)) == 2
    result = cli("batch", folder / "big.html", "--out", tmp_path / "cut", "--max-page-mb", "0.5")
    (row,) = shard_rows(tmp_path / "cut")
    assert row["warnings"] == ["page cut: only its first 500,000 bytes of 2.2 MB were cleaned (the limit per page; "
                               "raise it with --max-page-mb)"]
