"""Body F1, precision, recall and documents per second on an article-extraction-benchmark folder.

Runs cleaner (text and HTML modes) and its peers in one process, on one core, on the same pages,
taking turns ten pages at a time (so a change in the machine's load falls on every system alike):

    python scripts/bench_aeb.py ../shared/bench/aeb
    python scripts/bench_aeb.py ../shared/bench/aeb --systems cleaner-text,trafilatura-text

The folder holds ground-truth.json, html/<key>.html.gz and text/<key>.txt (see the README).
"""

from __future__ import annotations

import datetime
import html as html_lib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchlib import bench_parser, chosen_systems, doc_counts, interleaved, load_pages, machine, score  # noqa: E402


def lines_as_html(text: str) -> str:
    """How a peer that wants HTML is given scraped text: each line as a paragraph."""
    paragraphs = "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.split("\n") if line.strip())
    return f"<html><body>{paragraphs}</body></html>"


def cleaner_system(mode: str):
    import cleaner
    from cleaner.metadata.language import load_profiles

    # langdetect's profiles load on first use, which the warm-up page may not reach (its stopwords
    # name its language): load them here, outside the timing, like every other system's warm-up.
    load_profiles()

    def run(content):
        try:
            return cleaner.clean(content, mode=mode).text
        except cleaner.CleanerError:
            return ""

    return run


def trafilatura_system(**options):
    import trafilatura

    def run(content):
        return trafilatura.extract(content, **options)

    return run


def readability_system():
    import lxml.html
    from readability import Document

    def run(content):
        summary = Document(content).summary(html_partial=True)
        return "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())

    return run


def justext_system():
    import justext

    stoplist = justext.get_stoplist("English")

    def run(content):
        paragraphs = justext.justext(content, stoplist)
        return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


# name: (input kind, factory, note)
SYSTEMS = {
    "cleaner-text": ("text", lambda: cleaner_system("text"), "cleaner, text mode"),
    "cleaner-html": ("html", lambda: cleaner_system("html"), "cleaner, HTML mode"),
    "trafilatura-html": ("html", lambda: trafilatura_system(), "trafilatura `extract`, defaults"),
    "trafilatura-html-precision": (
        "html", lambda: trafilatura_system(favor_precision=True), "trafilatura `favor_precision=True`"),
    "readability-html": ("html", readability_system, "readability-lxml"),
    "trafilatura-text": ("text-as-html", lambda: trafilatura_system(), "trafilatura on the text, a <p> per line"),
    "justext-text": ("text-as-html", justext_system, "jusText on the text, English stoplist"),
}


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(__doc__, "benchmark folder (ground-truth.json, html/, text/)", SYSTEMS,
                          dump_help="write every page's output and scores, per system, to this JSONL file")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes; each system's fastest counts")
    args = parser.parse_args(argv)
    names = chosen_systems(parser, args, SYSTEMS)
    pages = load_pages(args.folder)[: args.limit]
    inputs = {
        "html": [p.html() for p in pages],
        "text": [p.text().encode("utf-8") for p in pages],
    }
    inputs["text-as-html"] = [lines_as_html(t.decode("utf-8")) for t in inputs["text"]]
    golds = [p.gold for p in pages]
    print(f"{len(pages)} pages from {args.folder}; {machine()}; one core: {not args.all_cores}; "
          f"{datetime.date.today().isoformat()}\n")
    print("| system | input | F1 | precision | recall | docs/s |")
    print("|---|---|---|---|---|---|")
    runs, notes = {}, {}
    for name in names:
        kind, factory, note = SYSTEMS[name]
        notes[name] = (note, kind.replace("text-as-html", "text"))
        try:
            fn = factory()
        except ImportError as exc:
            notes[name] = (note, f"{kind} | not installed ({exc.name}) | | |")
            continue
        fn(inputs[kind][0])  # warm-up: lexicons, profiles, imports
        runs[name] = (fn, inputs[kind])
    results = interleaved(runs, repeat=args.repeat, chunk=args.chunk)
    for name, (note, kind) in notes.items():
        if name not in results:
            print(f"| {note} | {kind} |")
            continue
        outputs, rate = results[name]
        s = score([(out or "", gold) for out, gold in zip(outputs, golds, strict=True)])
        print(f"| {note} | {kind} | {s.f1:.3f} | {s.precision:.3f} | {s.recall:.3f} | {rate:.0f} |", flush=True)
    if args.dump:
        _dump(args.dump, results, pages)
    return 0


def _dump(path: str, results: dict, pages: list) -> None:
    """One line per page and system: its output and the page's own F1, to compare systems page by page."""
    with open(path, "w", encoding="utf-8") as out:
        for name, (outputs, _) in results.items():
            for page, output in zip(pages, outputs, strict=True):
                page_score = score([(output or "", page.gold)])
                tp, fp, fn = doc_counts(output or "", page.gold)
                out.write(json.dumps({"system": name, "key": page.key, "url": page.url, "f1": page_score.f1,
                                      "p": page_score.precision, "r": page_score.recall,
                                      "counts": [tp, fp, fn], "output": output or ""}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
