"""Word F1 per page type, snippets, titles, dates and documents per second on a WCXB folder.

Runs cleaner's HTML mode and its peers in one process, on one core, on the same pages, taking
turns ten pages at a time (so a change in the machine's load falls on every system alike):

    python scripts/bench_wcxb.py ../shared/bench/wcxb/dev
    python scripts/bench_wcxb.py ../shared/bench/wcxb/dev --systems cleaner-html,trafilatura --dump scores.jsonl

The folder holds html/<id>.html.gz and ground-truth/<id>.json (WCXB's layout, see
../shared/bench/README.md). The metric is WCXB's word F1: bags of lower-cased `\\w+` tokens, F1 per
page, averaged over pages, overall and per page type. Titles count when their words match the
gold's (case-folded); dates when they fall on the gold's day.
"""

from __future__ import annotations

import datetime
import gzip
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import (  # noqa: E402
    bench_parser,
    chosen_systems,
    interleaved,
    machine,
    mean,
    same_words,
    snippet_rates,
    word_prf,
)

TYPES = ("article", "documentation", "service", "forum", "product", "collection", "listing")


@dataclass
class WcxbPage:
    key: str
    page_type: str
    url: str | None
    gold: str
    title: str | None
    date: str | None
    with_: list[str]
    without: list[str]
    html: bytes


def load_wcxb(folder: str | Path, limit: int | None = None) -> list[WcxbPage]:
    folder = Path(folder)
    pages = []
    for path in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        truth = data.get("ground_truth") or {}
        kind = ((data.get("_internal") or {}).get("page_type") or {}).get("primary") or "other"
        pages.append(WcxbPage(
            path.stem, "collection" if kind == "category" else kind, data.get("url"),
            truth.get("main_content") or "", truth.get("title"), truth.get("publish_date"),
            list(truth.get("with") or []), list(truth.get("without") or []),
            gzip.decompress((folder / "html" / f"{path.stem}.html.gz").read_bytes()),
        ))
    return pages


# Each system maps (html bytes, url) to (text, title, publication date).


def cleaner_system():
    import cleaner
    from cleaner.metadata.language import load_profiles

    load_profiles()  # outside the timing, like every system's warm-up

    def run(html: bytes, url: str | None):
        record = cleaner.clean(html, mode="html", url=url)
        return record.text, record.title, record.published

    return run


def trafilatura_system(**options):
    import trafilatura

    def run(html: bytes, url: str | None):
        return trafilatura.extract(html, url=url, **options), None, None

    return run


def trafilatura_metadata_system():
    import trafilatura

    def run(html: bytes, url: str | None):
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        return (document.text, document.title, document.date) if document else ("", None, None)

    return run


def readability_system():
    import lxml.html
    from readability import Document

    def run(html: bytes, url: str | None):
        document = Document(html, url=url)
        summary = document.summary(html_partial=True)
        text = "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())
        return text, document.short_title(), None

    return run


SYSTEMS = {
    "cleaner-html": (cleaner_system, "cleaner, HTML mode"),
    "trafilatura": (trafilatura_system, "trafilatura `extract`, defaults"),
    "trafilatura-precision": (lambda: trafilatura_system(favor_precision=True), "trafilatura `favor_precision`"),
    "trafilatura-metadata": (trafilatura_metadata_system, "trafilatura `bare_extraction`, with metadata"),
    "readability": (readability_system, "readability-lxml"),
}


@dataclass
class Run:
    note: str
    rate: float = 0.0
    errors: int = 0
    scores: list[dict] = field(default_factory=list)


def _guarded(fn):
    """A peer's crash on one page is that page's failure."""
    def run(page: WcxbPage):
        try:
            return fn(page.html, page.url)
        except Exception as exc:  # noqa: BLE001
            return "", None, None, f"{type(exc).__name__}: {exc}"

    return run


def run_systems(names: list[str], pages: list[WcxbPage], chunk: int) -> list[tuple[str, Run]]:
    """Every system over the pages, taking turns (benchlib.interleaved), then scored."""
    runs = {}
    for name in names:
        try:
            fn = SYSTEMS[name][0]()
        except ImportError as exc:
            print(f"{SYSTEMS[name][1]}: not installed ({exc.name})", file=sys.stderr)
            continue
        fn(pages[0].html, pages[0].url)  # warm-up: imports, lexicons, profiles
        runs[name] = (_guarded(fn), pages)
    return [(name, _scored(SYSTEMS[name][1], pages, *result))
            for name, result in interleaved(runs, chunk=chunk).items()]


def _scored(note: str, pages: list[WcxbPage], outputs: list, rate: float) -> Run:
    result = Run(note, rate=rate)
    for page, (text, title, date, *error) in zip(pages, outputs, strict=True):
        result.errors += bool(error)
        p, r, f1 = word_prf(text or "", page.gold)
        found, absent = snippet_rates(text or "", page.with_, page.without)
        result.scores.append({
            "key": page.key, "type": page.page_type, "p": p, "r": r, "f1": f1, "with": found, "without": absent,
            # every page with a gold title (date) counts, whether the system gave one or not
            "title": same_words(title, page.title) if page.title else None,
            "date": bool(date) and str(date)[:10] == page.date[:10] if page.date else None,
            "gave": (title is not None, date is not None),
            "error": error[0] if error else None,
        })
    return result


def _row(run: Run, types: tuple[str, ...]) -> str:
    cells = [mean([s["f1"] for s in run.scores])]
    cells += [mean([s["f1"] for s in run.scores if s["type"] == kind]) for kind in types]
    return f"| {run.note} | " + " | ".join(f"{c:.3f}" for c in cells) + " |"


def _details(run: Run) -> str:
    def share(key: str) -> str:
        gives = {"title": 0, "date": 1}.get(key)
        if gives is not None and not any(s["gave"][gives] for s in run.scores):
            return "–"  # the system gives no titles (dates) at all
        values = [s[key] for s in run.scores if s[key] is not None]
        return f"{mean([float(v) for v in values]):.3f}" if values else "–"

    p, r = mean([s["p"] for s in run.scores]), mean([s["r"] for s in run.scores])
    return (f"| {run.note} | {p:.3f} | {r:.3f} | {share('with')} | {share('without')} | {share('title')} | "
            f"{share('date')} | {run.errors} | {run.rate:.1f} |")


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "WCXB folder (html/, ground-truth/)", SYSTEMS,
                          "cleaner-html,trafilatura,trafilatura-precision,trafilatura-metadata,readability",
                          "write every page's scores, per system, to this JSONL file")
    args = parser.parse_args(argv)
    names = chosen_systems(parser, args, SYSTEMS)
    pages = load_wcxb(args.folder, args.limit)
    types = tuple(t for t in TYPES if any(p.page_type == t for p in pages))
    counts = defaultdict(int)
    for page in pages:
        counts[page.page_type] += 1
    print(f"{len(pages)} pages from {args.folder}; {machine()}; one core: {not args.all_cores}; "
          f"{datetime.date.today().isoformat()}\n")
    runs = run_systems(names, pages, args.chunk)
    print("Word F1, mean per page:\n")
    print("| system | all | " + " | ".join(f"{t} ({counts[t]})" for t in types) + " |")
    print("|---|---|" + "---|" * len(types))
    for _, run in runs:
        print(_row(run, types))
    print("\n| system | precision | recall | with | without | title exact | date same day | errors | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for _, run in runs:
        print(_details(run))
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for name, run in runs:
                for s in run.scores:
                    out.write(json.dumps({"system": name, **s}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
