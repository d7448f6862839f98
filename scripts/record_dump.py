"""Every record cleaner makes of the benchmark pages and the fixtures, to show that a speed change
changes no output.

    python scripts/record_dump.py dump before.jsonl            # on the old commit
    python scripts/record_dump.py dump after.jsonl             # on the new one
    python scripts/record_dump.py diff before.jsonl after.jsonl

HTML mode reads ../shared/bench's WCXB dev split, AEB and the multilingual set (or --bench
FOLDER); text mode the AEB text pages and the multilingual pages flattened as bench_multiling.py
flattens them (`--no-text` leaves text mode out, `--no-html` HTML mode); both modes the fixtures. Each line is one
input's JSON record with its layout (where each block went), or its error. The diff ignores the
cleaner version and names the inputs whose records differ, and which fields.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent

IGNORED = ("cleaner_version",)


def bench_pages(bench: Path) -> Iterator[tuple[str, bytes, str | None]]:
    """(key, html, url) of every page of the three sets, in a fixed order."""
    wcxb = bench / "wcxb" / "dev"
    for path in sorted((wcxb / "ground-truth").glob("*.json")):
        url = json.loads(path.read_text(encoding="utf-8")).get("url")
        yield f"wcxb/{path.stem}", gzip.decompress((wcxb / "html" / f"{path.stem}.html.gz").read_bytes()), url
    aeb = bench / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        yield f"aeb/{key}", gzip.decompress((aeb / "html" / f"{key}.html.gz").read_bytes()), truth[key].get("url")
    multiling = bench / "multiling"
    for line in (multiling / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        html = gzip.decompress((multiling / "html" / f"{entry['id']}.html.gz").read_bytes())
        yield f"multiling/{entry['id']}", html, entry.get("url")


def text_inputs(bench: Path) -> Iterator[tuple[str, str, bytes]]:
    """(key, mode, content) of the text pages and of every fixture, in a fixed order."""
    from bench_multiling import load_multiling

    truth = json.loads((bench / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        yield f"aeb-text/{key}", "text", (bench / "aeb" / "text" / f"{key}.txt").read_bytes()
    for page in load_multiling(bench / "multiling"):
        yield f"multiling-text/{page.key}", "text", page.text
    for path in sorted((ROOT / "fixtures").rglob("*")):
        if path.suffix in (".txt", ".html") and path.is_file():
            yield str(path.relative_to(ROOT)), "text" if path.suffix == ".txt" else "html", path.read_bytes()


def inputs(bench: Path, text: bool, html: bool = True) -> Iterator[tuple[str, str, bytes, str | None]]:
    if html:
        for key, page, url in bench_pages(bench):
            yield key, "html", page, url
    if text:
        for key, mode, content in text_inputs(bench):
            yield key, mode, content, None


def dump(bench: Path, out: Path, text: bool = True, html: bool = True) -> None:
    import cleaner

    with out.open("w", encoding="utf-8") as sink:
        for key, mode, content, url in inputs(bench, text, html):
            try:
                record = cleaner.clean(content, mode=mode, url=url)
                line = {**record.to_dict(), "layout": record.layout}
            except cleaner.InputError as exc:
                line = {"error": str(exc)}
            sink.write(json.dumps({"page": key, **line}, ensure_ascii=False, sort_keys=True) + "\n")


def diff(before: Path, after: Path) -> int:
    def records(path: Path) -> dict[str, dict]:
        lines = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines())
        return {r.pop("page"): {k: v for k, v in r.items() if k not in IGNORED} for r in lines}

    old, new = records(before), records(after)
    differing = 0
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        if a != b:
            differing += 1
            fields = sorted(k for k in (a or {}).keys() | (b or {}).keys() if (a or {}).get(k) != (b or {}).get(k))
            print(f"{key}: {', '.join(fields)}")
    print(f"{len(old)} records before, {len(new)} after, {differing} differ")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("dump", "diff"))
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--no-text", action="store_true", help="HTML mode on the benchmark pages only")
    parser.add_argument("--no-html", action="store_true", help="text mode and the fixtures only (a text-mode change)")
    args = parser.parse_args()
    if args.action == "dump":
        dump(args.bench, args.files[0], text=not args.no_text, html=not args.no_html)
        return 0
    return diff(*args.files[:2])


if __name__ == "__main__":
    sys.exit(main())
