"""Language detection against the multilingual set's `lang` field, per language, in both modes.

    python scripts/bench_language.py ../shared/bench/multiling

Reads manifest.jsonl and html/ (see ../shared/bench/README.md); HTML mode reads each page as
fetched (its declared language counts, when the text bears it out), text mode the page flattened
as a scraper does (no markup at all). Also runs each page twice to show the answer is the same.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_multiling import load_multiling  # noqa: E402

# the set's codes that name the same language as ours: Norwegian Bokmål is 'no' in the set, 'no' in langdetect
SAME = {("no", "nb"): True}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    import cleaner

    pages = load_multiling(args.folder, args.limit)
    right: dict[str, Counter] = defaultdict(Counter)
    wrong: dict[str, Counter] = defaultdict(Counter)
    unstable = 0
    for page in pages:
        for mode, content in (("html", page.html), ("text", page.text)):
            try:
                first = cleaner.clean(content, mode=mode, url=page.url).language
                again = cleaner.clean(content, mode=mode, url=page.url).language
            except cleaner.CleanerError:
                first = again = None
            unstable += first != again
            ok = first == page.lang or SAME.get((page.lang, first), False)
            right[page.lang][mode] += ok
            if not ok:
                wrong[page.lang][f"{mode}:{first}"] += 1
    total = Counter(p.lang for p in pages)
    print(f"{len(pages)} pages from {args.folder}; answers that changed on a second run: {unstable}\n")
    print("| language | pages | HTML mode | text mode | wrong answers |")
    print("|---|---|---|---|---|")
    for lang, n in total.most_common():
        mistakes = ", ".join(f"{k} ×{v}" for k, v in wrong[lang].most_common())
        print(f"| {lang} | {n} | {right[lang]['html']}/{n} | {right[lang]['text']}/{n} | {mistakes} |")
    all_html = sum(r["html"] for r in right.values())
    all_text = sum(r["text"] for r in right.values())
    print(f"| all | {len(pages)} | {all_html}/{len(pages)} | {all_text}/{len(pages)} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
