"""Every record cleaner makes of the benchmark pages and the fixtures, one JSON line each, for a diff.

A speed change must leave every record as it was: dump before and after, and compare.

    python scripts/dump_records.py ../shared/bench > before.jsonl
    python scripts/dump_records.py ../shared/bench > after.jsonl && cmp before.jsonl after.jsonl

Text mode runs on the AEB text pages, the multilingual pages flattened (as bench_multiling.py
flattens them) and the fixture texts; HTML mode on the AEB pages (`--html`) and the fixture pages.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_multiling import load_multiling  # noqa: E402

from benchlib import load_pages  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _flattened(folder: Path, cache: Path | None) -> list[tuple[str, bytes]]:
    """The multilingual pages flattened; BeautifulSoup takes a while, so a cache may keep them."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    pages = [(p.key, p.text) for p in load_multiling(folder)]
    if cache:
        cache.write_bytes(pickle.dumps(pages))
    return pages


def inputs(bench: Path, html: bool, cache: Path | None):
    """(name, mode, content) of every input, in a fixed order."""
    aeb = load_pages(bench / "aeb")
    for page in aeb:
        yield f"aeb-text/{page.key}", "text", page.text().encode("utf-8")
    for key, text in _flattened(bench / "multiling", cache):
        yield f"multiling-text/{key}", "text", text
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix in (".txt", ".html") and path.is_file():
            yield str(path.relative_to(ROOT)), path.suffix[1:], path.read_bytes()
    if html:
        for page in aeb:
            yield f"aeb-html/{page.key}", "html", page.html()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", help="the folder holding aeb/ and multiling/")
    parser.add_argument("--html", action="store_true", help="the AEB pages in HTML mode too")
    parser.add_argument("--cache", help="a file to keep the flattened multilingual pages in")
    args = parser.parse_args(argv)
    import cleaner

    for name, mode, content in inputs(Path(args.bench), args.html, Path(args.cache) if args.cache else None):
        try:
            record = cleaner.clean(content, mode=mode, name=name).to_dict()
        except cleaner.CleanerError as exc:
            record = {"error": str(exc)}
        print(json.dumps({"input": name, **record}, ensure_ascii=False, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
