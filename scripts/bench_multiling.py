"""Body F1 per language, snippet rates and documents per second on the multilingual page set.

Runs cleaner (HTML mode on the pages, text mode on the pages flattened as a scraper would) and its
peers in one process, on one core, on the same pages, taking turns ten pages at a time (so a change
in the machine's load falls on every system alike):

    python scripts/bench_multiling.py ../shared/bench/multiling
    python scripts/bench_multiling.py ../shared/bench/multiling --systems cleaner-html,trafilatura-precision

The folder holds manifest.jsonl and html/<id>.html.gz (see ../shared/bench/README.md). `full` pages
are scored with the shingle F1 of the article-extraction benchmark; `snippets` and `prefix` pages
by the share of their `with` snippets found and `without` snippets absent.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_aeb import lines_as_html, readability_system, trafilatura_system  # noqa: E402
from benchlib import (  # noqa: E402
    bench_parser,
    chosen_systems,
    interleaved,
    machine,
    mean,
    same_words,
    score,
    snippet_rates,
)

DROPPED_TAGS = ("script", "style", "noscript", "template", "svg")
_BLANK_LINES = re.compile(r"\n\s*\n+")


@dataclass
class MultilingPage:
    key: str
    lang: str
    url: str | None
    kind: str  # full | snippets | prefix
    gold: str
    with_: list[str]
    without: list[str]
    title: str | None
    html: bytes
    text: bytes = b""  # the page flattened as a scraper flattens it


def flatten(html: bytes) -> str:
    """Every visible line of the page, as ../shared/bench/aeb/text was made."""
    import warnings

    from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # XHTML pages read as HTML, as scrapers do
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(list(DROPPED_TAGS)):
        tag.decompose()
    return _BLANK_LINES.sub("\n", soup.get_text("\n", strip=True))


def load_multiling(folder: str | Path, limit: int | None = None) -> list[MultilingPage]:
    folder = Path(folder)
    pages = []
    with open(folder / "manifest.jsonl", encoding="utf-8") as manifest:
        for line in manifest:
            row = json.loads(line)
            html = gzip.decompress((folder / row["html"]).read_bytes())
            pages.append(MultilingPage(
                row["id"], row.get("lang") or "?", row.get("url"), row.get("gold_kind") or "full",
                row.get("gold_body") or "", list(row.get("with") or []), list(row.get("without") or []),
                row.get("gold_title"), html, flatten(html).encode("utf-8"),
            ))
    return pages[:limit]


def cleaner_system(mode: str):
    import cleaner
    from cleaner.metadata.language import load_profiles

    load_profiles()  # outside the timing, like every system's warm-up

    def run(content: bytes, url: str | None):
        try:
            record = cleaner.clean(content, mode=mode, url=url)
        except cleaner.CleanerError:
            return "", None
        return record.text, record.title

    return run


def peer(factory):
    """A peer that gives text only, in the (text, title) shape."""

    def make():
        fn = factory()
        return lambda content, url: (fn(content), None)

    return make


# name: (input: html | text | text-as-html, factory, note)
SYSTEMS = {
    "cleaner-html": ("html", lambda: cleaner_system("html"), "cleaner, HTML mode"),
    "trafilatura": ("html", peer(trafilatura_system), "trafilatura `extract`, defaults"),
    "trafilatura-precision": (
        "html", peer(lambda: trafilatura_system(favor_precision=True)), "trafilatura `favor_precision`"),
    "readability": ("html", peer(readability_system), "readability-lxml"),
    "cleaner-text": ("text", lambda: cleaner_system("text"), "cleaner, text mode"),
    "trafilatura-text": ("text-as-html", peer(trafilatura_system), "trafilatura on the text, a <p> per line"),
}


@dataclass
class Run:
    note: str
    kind: str
    rate: float = 0.0
    outputs: list[tuple[str, str | None]] = field(default_factory=list)


def _guarded(fn):
    """A peer's crash on one page is an empty result for that page."""
    def run(item):
        try:
            text, title = fn(*item)
        except Exception:  # noqa: BLE001
            text, title = "", None
        return text or "", title

    return run


def run_systems(names: list[str], pages: list[MultilingPage], chunk: int) -> list[tuple[str, Run]]:
    """Every system over the pages, taking turns (benchlib.interleaved)."""
    inputs = {
        "html": [p.html for p in pages],
        "text": [p.text for p in pages],
        "text-as-html": [lines_as_html(p.text.decode("utf-8")) for p in pages],
    }
    runs, kinds = {}, {}
    for name in names:
        kind, factory, note = SYSTEMS[name]
        try:
            fn = factory()
        except ImportError as exc:
            print(f"{note}: not installed ({exc.name})", file=sys.stderr)
            continue
        fn(inputs[kind][0], pages[0].url)  # warm-up
        runs[name] = (_guarded(fn), [(content, page.url) for content, page in zip(inputs[kind], pages, strict=True)])
        kinds[name] = "text" if kind.startswith("text") else "html"
    return [(name, Run(SYSTEMS[name][2], kinds[name], rate, outputs))
            for name, (outputs, rate) in interleaved(runs, chunk=chunk).items()]


def _full_f1(run: Run, pages: list[MultilingPage], lang: str | None) -> str:
    pairs = [(out[0], p.gold) for out, p in zip(run.outputs, pages, strict=True)
             if p.kind == "full" and (lang is None or p.lang == lang)]
    return f"{score(pairs).f1:.3f}" if pairs else "–"


def _snippets(run: Run, pages: list[MultilingPage]) -> tuple[float, float]:
    rates = [snippet_rates(out[0], p.with_, p.without)
             for out, p in zip(run.outputs, pages, strict=True) if p.kind != "full"]
    return mean([r[0] for r in rates]), mean([r[1] for r in rates])


def _titles(run: Run, pages: list[MultilingPage]) -> str:
    hits = [same_words(out[1], p.title) for out, p in zip(run.outputs, pages, strict=True)
            if p.title and out[1] is not None]
    return f"{mean([float(h) for h in hits]):.3f}" if hits else "–"


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "folder with manifest.jsonl and html/", SYSTEMS,
                          dump_help="write every page's output, per system, to this JSONL file")
    args = parser.parse_args(argv)
    names = chosen_systems(parser, args, SYSTEMS)
    pages = load_multiling(args.folder, args.limit)
    full = Counter(p.lang for p in pages if p.kind == "full")
    langs = [lang for lang, _ in full.most_common()]
    print(f"{len(pages)} pages ({sum(full.values())} full-body) from {args.folder}; {machine()}; "
          f"one core: {not args.all_cores}; {datetime.date.today().isoformat()}\n")
    runs = run_systems(names, pages, args.chunk)
    print("Shingle F1 on the full-body pages, per language (pages):\n")
    print("| system | input | all | " + " | ".join(f"{lang} ({full[lang]})" for lang in langs) + " |")
    print("|---|---|---|" + "---|" * len(langs))
    for _, run in runs:
        cells = [_full_f1(run, pages, None)] + [_full_f1(run, pages, lang) for lang in langs]
        print(f"| {run.note} | {run.kind} | " + " | ".join(cells) + " |")
    print("\n| system | input | snippet pages: with | without | title exact | docs/s |")
    print("|---|---|---|---|---|---|")
    for _, run in runs:
        found, absent = _snippets(run, pages)
        print(f"| {run.note} | {run.kind} | {found:.3f} | {absent:.3f} | {_titles(run, pages)} | {run.rate:.1f} |")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for name, run in runs:
                for (text, title), page in zip(run.outputs, pages, strict=True):
                    out.write(json.dumps({"system": name, "key": page.key, "lang": page.lang, "kind": page.kind,
                                          "title": title, "text": text}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
