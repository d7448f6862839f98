"""How fast `cleaner serve` answers on a large archive: the home page, searches and record pages.

Builds an archive of pages generated from the benchmark's real pages (bench_archive's generator:
each page a variant of one of them; HTML pages, then text pages to reach 20,000 records), or reuses
one given with --db, then starts `cleaner serve` and
times each request over HTTP from this process: the home page, searches (a word in most records, words
from records' titles, a phrase, with and without a filter) and the pages of records picked at random.
Prints, per kind of page, the median, the 95th percentile and the slowest answer. The target: each
under 200 ms on an archive of 20,000 records.

    python scripts/bench_views.py /work/shared/bench/aeb --pages 20000 --text-pages 7500 --db /tmp/views-20k.db
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench_archive import ROOT, make_pages

TARGET_MS = 200
COMMON_WORDS = ("said", "people", "year")
ENV = dict(os.environ, PYTHONPATH=str(ROOT))  # in most of the benchmark's news pages: the most to rank


def build(aeb: Path, db: Path, pages: int, text_pages: int, workers: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-views-") as tmp:
        print(f"making {pages} html and {text_pages} text pages ...", flush=True)
        for kind, count in (("html", pages), ("text", text_pages)):
            (Path(tmp) / kind).mkdir()
            make_pages(aeb, Path(tmp) / kind, count, kind)
        print(f"archiving them with --workers {workers} ...", flush=True)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cleaner", "archive", f"{tmp}/html", f"{tmp}/text", "--db", str(db),
                        "--workers", str(workers)], check=False, env=ENV)
        print(f"archived in {time.perf_counter() - start:.0f} s", flush=True)


def serve(db: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "serve", "--db", str(db), "--port", "0"],
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=ENV,
                            text=True)
    line = proc.stderr.readline()
    found = re.search(r"(http://\S+/)", line)
    if not found:
        proc.kill()
        sys.exit(f"cleaner serve did not start: {line}{proc.stderr.read()}")
    # the request log goes on stderr: drain it, so a full pipe never stalls the server
    subprocess.Popen(["cat"], stdin=proc.stderr, stdout=subprocess.DEVNULL)
    return proc, found.group(1)


def timed(url: str) -> tuple[float, int]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{url}: status {response.status}")
    return (time.perf_counter() - start) * 1000, len(body)


def queries(db: Path, rng: random.Random, count: int) -> list[dict]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    titles = [t for (t,) in conn.execute("SELECT title FROM records WHERE title IS NOT NULL ORDER BY random() LIMIT ?",
                                         (count * 3,))]
    language = conn.execute("SELECT language FROM records GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    conn.close()
    words = [w for t in titles for w in re.findall(r"\w{5,}", t)]
    picked = [{"q": w} for w in rng.sample(words, min(count, len(words)))]
    picked += [{"q": w} for w in COMMON_WORDS] + [{"q": w, "lang": language} for w in COMMON_WORDS]
    picked += [{"q": " ".join(rng.sample(words, 2))} for _ in range(3)] + [{"q": f'"{titles[0]}"'}]
    picked += [{"q": "said", "page": 5}]
    return picked


def record_ids(db: Path, rng: random.Random, count: int) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    total = conn.execute("SELECT max(rowid) FROM records").fetchone()[0]
    rowids = rng.sample(range(1, total + 1), min(count, total))
    ids = [i for (i,) in conn.execute(f"SELECT id FROM records WHERE rowid IN ({','.join(map(str, rowids))})")]
    conn.close()
    return ids


def report(kind: str, times: list[tuple[float, int]]) -> None:
    ms = sorted(t for t, _ in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    flag = "ok" if ms[-1] < TARGET_MS else f"over {TARGET_MS} ms"
    print(f"{kind:<14} {len(ms):>5} {statistics.median(ms):>9.1f} {p95:>9.1f} {ms[-1]:>9.1f} "
          f"{max(size for _, size in times) / 1000:>9.0f}  {flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aeb", type=Path, help="the benchmark folder (html/, text/)")
    parser.add_argument("--pages", type=int, default=20000, help="HTML pages to generate and archive")
    parser.add_argument("--text-pages", type=int, default=7500,
                        help="text pages to add (the HTML variants are often duplicates of each other: 20,000 of "
                        "them make about 13,800 records; 7,500 text pages bring that to about 20,300)")
    parser.add_argument("--db", type=Path, help="the archive to time (built first when it does not exist)")
    parser.add_argument("--workers", type=int, default=2, help="workers to build the archive with")
    parser.add_argument("--records", type=int, default=100, help="record pages to time")
    parser.add_argument("--repeat", type=int, default=3, help="times each URL is asked for")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-views-db-") as tmp:
        db = args.db or Path(tmp) / "archive.db"
        if not db.exists():
            build(args.aeb, db, args.pages, args.text_pages, args.workers)
        rng = random.Random(args.seed)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
        conn.close()
        proc, base = serve(db)
        try:
            pages = {
                "home": [base] * 5,
                "search": [base + "search?" + urllib.parse.urlencode(q) for q in queries(db, rng, 20)],
                "record": [base + "record/" + i for i in record_ids(db, rng, args.records)],
                "runs, errors": [base + "runs", base + "errors"],
            }
            first = {kind: timed(urls[0]) for kind, urls in pages.items()}
            print(f"{records} records in {db} ({db.stat().st_size / 1e6:.0f} MB); {args.repeat} asks per URL")
            print("first answers after start: " + ", ".join(f"{k} {t:.0f} ms" for k, (t, _) in first.items()))
            print(f"{'page':<14} {'asks':>5} {'median ms':>9} {'p95 ms':>9} {'max ms':>9} {'max kB':>9}")
            for kind, urls in pages.items():
                report(kind, [timed(url) for _ in range(args.repeat) for url in urls])
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
