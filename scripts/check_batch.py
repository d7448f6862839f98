"""Check `cleaner batch` against `cleaner clean` and `cleaner archive` on real pages (the issue's "done when").

On the benchmark's HTML pages (unpacked) plus the seeds, with an exact copy and an edited copy (a
near-duplicate) of every tenth page in folders listed after the originals, and on a WARC made from
the same pages:
- `cleaner batch --engine ray`, `--engine local` and `cleaner clean` give the same set of record ids
  and the same texts (a page with no article is a failed input for batch and archive, a record with
  empty text for `cleaner clean`: such records are left out of `clean`'s side);
- the duplicates batch marks across shards are those `cleaner archive` finds on the same sources;
- `cleaner archive` of the batch output holds the same records as `cleaner archive` of the sources.

    python scripts/check_batch.py /work/shared/bench/aeb fixtures/seeds
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from bench_archive import vary_html  # noqa: E402 - the archive benchmark's edit: a phrase in the longest paragraph


def cli(*args: object, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], stdout=stdout,
                          stderr=subprocess.PIPE, env=env, check=False)


def unpack(aeb: Path, seeds: Path, folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for page in sorted((aeb / "html").glob("*.html.gz")):
        path = folder / page.name.removesuffix(".gz")
        path.write_bytes(gzip.decompress(page.read_bytes()))
        paths.append(path)
    for seed in sorted(seeds.glob("*.txt")):
        paths.append(Path(shutil.copy(seed, folder / seed.name)))
    for name, edit in (("copies", lambda page, n: page), ("edited", vary_html)):
        (folder / name).mkdir()
        for n, original in enumerate(paths[:181:10]):
            path = folder / name / original.name
            path.write_bytes(edit(original.read_bytes(), n))
            paths.append(path)
    return paths


def make_warc(aeb: Path, out: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    with open(out, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for page in sorted((aeb / "html").glob("*.html.gz")):
            key = page.name.removesuffix(".html.gz")
            url = truth.get(key, {}).get("url") or f"https://aeb.example/{key}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(
                gzip.decompress(page.read_bytes())), http_headers=headers))


def clean_texts(paths: list[Path]) -> dict[str, str]:
    result = cli("clean", *paths)
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    return {r["id"]: r["text"] for r in records if r["text"].strip()}


def batch(sources: list[Path], out: Path, engine: str) -> tuple[dict[str, str], list[dict]]:
    import pyarrow.parquet as pq

    result = cli("batch", *sources, "--out", out, "--engine", engine, "--workers", "2", "--task-size", "50")
    if result.returncode not in (0, 1):
        raise SystemExit(result.stderr.decode()[-3000:])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for shard in manifest["shards"]:
        rows += pq.read_table(out / shard["path"], columns=["id", "text", "duplicate_of"]).to_pylist()
    return {r["id"]: r["text"] for r in rows}, rows


def archived(db: Path) -> dict[str, tuple[str, str | None]]:
    conn = sqlite3.connect(db)
    try:
        return {rid: (data, dup) for rid, data, dup in conn.execute(
            "SELECT r.id, r.json, d.id FROM records r LEFT JOIN records d ON d.rowid = r.duplicate_of")}
    finally:
        conn.close()


def check(name: str, sources: list[Path], clean: dict[str, str], tmp: Path) -> bool:
    ok = True
    ray_texts, ray_rows = batch(sources, tmp / f"{name}-ray", "ray")
    local_texts, local_rows = batch(sources, tmp / f"{name}-local", "local")
    for label, texts in (("ray", ray_texts), ("local", local_texts)):
        same = texts == clean
        ok &= same
        print(f"{name}: batch --engine {label}: {len(texts)} records, "
              + ("the same ids and texts as cleaner clean" if same else
                 f"DIFFERS from cleaner clean ({len(set(texts) ^ set(clean))} ids apart)"))
    ok &= ray_rows == local_rows
    print(f"{name}: ray and local shards hold the same rows in the same order: {ray_rows == local_rows}")
    db_sources, db_batch = tmp / f"{name}-sources.db", tmp / f"{name}-batch.db"
    cli("archive", *sources, "--db", db_sources)
    cli("archive", tmp / f"{name}-local", "--db", db_batch)
    from_sources, from_batch = archived(db_sources), archived(db_batch)
    near = {r["id"]: r["duplicate_of"] for r in local_rows if r["duplicate_of"] not in (None, r["id"])}
    exact = sum(r["duplicate_of"] == r["id"] for r in local_rows)
    archive_near = {rid: dup for rid, (_, dup) in from_sources.items() if dup}
    print(f"{name}: duplicates: {exact} exact, {len(near)} near in the shards; the archive of the sources keeps "
          f"{len(from_sources)} records of {len(local_rows)}, {len(archive_near)} near: "
          + ("the same" if near == archive_near and len(from_sources) == len(local_rows) - exact else "DIFFERENT"))
    ok &= near == archive_near and len(from_sources) == len(local_rows) - exact
    same = from_sources == from_batch
    ok &= same
    print(f"{name}: cleaner archive of the batch output = cleaner archive of the sources: {same}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aeb", type=Path)
    parser.add_argument("seeds", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="check-batch-") as tmp:
        tmp = Path(tmp)
        paths = unpack(args.aeb, args.seeds, tmp / "pages")
        clean = clean_texts(paths)
        print(f"cleaner clean: {len(paths)} inputs, {len(clean)} records with text")
        ok = check("pages", [tmp / "pages"], clean, tmp)
        make_warc(args.aeb, tmp / "aeb.warc.gz")
        html_only = clean_texts([p for p in paths if p.suffix == ".html" and p.parent.name == "pages"])
        ok &= check("warc", [tmp / "aeb.warc.gz"], html_only, tmp)
    print("all checks passed" if ok else "SOME CHECKS FAILED")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
