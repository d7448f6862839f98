"""Which furniture rule removes what: gold text or boilerplate, on a WCXB folder.

Cleans every page in HTML mode and takes each block the record lists as removed. The rule that
removed it is its kind and its reason, with the quoted phrase left out ("'Read also' heading" and
"'Related' heading" are one rule). The words a removed block took away from the gold are those of
its words the gold has and the kept text lacks (see Losses); a block is a gold block when half its
words are. Per rule: blocks and words removed, and how many of them were gold.

    python scripts/rule_audit.py ../shared/bench/wcxb/dev
    python scripts/rule_audit.py ../shared/bench/wcxb/dev --types forum,listing --examples 3

A rule whose gold share (words) is above one half takes away more content than furniture: it
lowers the word F1 more by what it loses than it raises it by what it cleans.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_wcxb import load_wcxb  # noqa: E402

_TOKEN = re.compile(r"\w+")
_QUOTED = re.compile(r"'[^']*'")
SHORT_BLOCK_TOKENS = 4  # a block shorter than this must be a whole gold line


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


class Losses:
    """How much gold text each removed block took away.

    The gold words still missing from what cleaning kept (a bag: WCXB's metric counts words, and
    its gold is edited text, so a long block is weighed word by word) are what a removed block can
    take: each removed block's words that are among them are lost, and are used up. A block shorter
    than four words must match a whole gold line instead ("Share" is no loss because a sentence of
    the gold says "share"), and the gold must hold that line more times than the kept text does.
    """

    def __init__(self, gold: str, kept: str) -> None:
        self.missing = Counter(tokens(gold)) - Counter(tokens(kept))
        self.lines = Counter(_line_key(line) for line in gold.splitlines() if line.strip())
        self.lines.subtract(_line_key(line) for line in kept.splitlines() if line.strip())

    def lost_words(self, block: str) -> int:
        words = tokens(block)
        if not words:
            return 0
        if len(words) < SHORT_BLOCK_TOKENS:
            key = " ".join(words)
            if self.lines.get(key, 0) <= 0:
                return 0
            self.lines[key] -= 1
            self.missing.subtract(words)
            return len(words)
        lost = Counter(words) & +self.missing
        self.missing.subtract(lost)
        return sum(lost.values())


def _line_key(line: str) -> str:
    return " ".join(tokens(line))


def rule_of(kind: str, reason: str) -> str:
    return f"{kind}: {_QUOTED.sub('…', reason)}"


@dataclass
class Tally:
    blocks: int = 0
    gold_blocks: int = 0
    words: int = 0
    gold_words: int = 0
    pages: set[str] = field(default_factory=set)
    examples: list[tuple[bool, str, str]] = field(default_factory=list)

    def add(self, page: str, text: str, lost: int, keep: int) -> None:
        n = len(tokens(text))
        in_gold = n > 0 and lost * 2 >= n
        self.blocks += 1
        self.words += n
        self.pages.add(page)
        self.gold_blocks += in_gold
        self.gold_words += lost
        if len(self.examples) < keep * 4:
            self.examples.append((in_gold, page, text[:100]))


def audit(
    folder: str, types: set[str] | None, limit: int | None, keep: int, group: str = "gold"
) -> dict[tuple[str, str], Tally]:
    """Tallies per (rule, page type): the gold's type, or the one cleaner gave the page."""
    import cleaner

    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for page in load_wcxb(folder, limit):
        if types and page.page_type not in types:
            continue
        try:
            record = cleaner.clean(page.html, mode="html", url=page.url)
        except Exception as exc:  # noqa: BLE001 - one page's failure is reported, the audit goes on
            print(f"{page.key}: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        losses = Losses(page.gold, record.text)
        for removed in record.removed:
            lost = losses.lost_words(removed.text)
            kind = page.page_type if group == "gold" else str(record.page_type)
            tallies[rule_of(removed.kind, removed.reason), kind].add(page.key, removed.text, lost, keep)
    return tallies


def share(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def merged(tallies: list[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        total.blocks += t.blocks
        total.gold_blocks += t.gold_blocks
        total.words += t.words
        total.gold_words += t.gold_words
        total.pages |= t.pages
        total.examples += t.examples
    return total


def print_table(tallies: dict[tuple[str, str], Tally], by_type: bool) -> None:
    rules: dict[str, list[Tally]] = defaultdict(list)
    for (rule, _), t in tallies.items():
        rules[rule].append(t)
    types = sorted({kind for _, kind in tallies}) if by_type else []
    head = "| rule (kind: reason) | pages | blocks | gold blocks | words | gold words | gold share (words) |"
    print(head + "".join(f" {kind} |" for kind in types))
    print("|---|---|---|---|---|---|---|" + "---|" * len(types))
    rows = sorted(((rule, merged(ts)) for rule, ts in rules.items()), key=lambda row: -row[1].words)
    for rule, t in rows + [("all rules", merged(list(tallies.values())))]:
        cells = [str(len(t.pages)), str(t.blocks), share(t.gold_blocks, t.blocks), str(t.words), str(t.gold_words),
                 share(t.gold_words, t.words)]
        for kind in types:
            part = merged([v for (r, k), v in tallies.items() if k == kind and rule in (r, "all rules")])
            cells.append(f"{part.words} ({share(part.gold_words, part.words)})" if part.words else "")
        print(f"| {rule} | " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help="WCXB folder (html/, ground-truth/)")
    parser.add_argument("--types", help="only these page types, comma-separated")
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--by-type", choices=("gold", "cleaner"),
                        help="add a column per page type (the gold's, or cleaner's): words (gold share)")
    parser.add_argument("--examples", type=int, default=0, help="print this many gold and boilerplate examples a rule")
    args = parser.parse_args(argv)
    types = {t.strip() for t in args.types.split(",")} if args.types else None
    tallies = audit(args.folder, types, args.limit, args.examples, args.by_type or "gold")
    print_table(tallies, bool(args.by_type))
    if args.examples:
        rules: dict[str, list[Tally]] = defaultdict(list)
        for (rule, _), t in tallies.items():
            rules[rule].append(t)
        for rule, t in sorted(((r, merged(ts)) for r, ts in rules.items()), key=lambda row: -row[1].words):
            print(f"\n{rule}")
            for wanted in (True, False):
                for in_gold, page, text in [e for e in t.examples if e[0] == wanted][: args.examples]:
                    print(f"  {'GOLD' if in_gold else 'boil'} {page}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
