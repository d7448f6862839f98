"""Shared by the benchmark scripts: the article-extraction-benchmark layout, its metric, timing.

The metric is the benchmark's own (see the README's Benchmarks section): F1 over 4-gram word
shingles, per-document TP/FP/FN normalised, precision and recall averaged over documents.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import platform
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def doc_counts(predicted: str, gold: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one document, divided by their sum so long pages weigh the same."""
    p, g = shingles(predicted), shingles(gold)
    tp = sum((p & g).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


@dataclass
class Score:
    f1: float
    precision: float
    recall: float


def score(pairs: list[tuple[str, str]]) -> Score:
    """pairs: (predicted, gold) per document."""
    precisions, recalls = [], []
    for predicted, gold in pairs:
        tp, fp, fn = doc_counts(predicted, gold)
        if fp == 0 and fn == 0:
            precisions.append(1.0)
            recalls.append(1.0)
            continue
        if tp + fp > 0:
            precisions.append(tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(tp / (tp + fn))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(2 * p * r / (p + r) if p + r else 0.0, p, r)


@dataclass
class Page:
    key: str
    gold: str
    url: str | None
    html_path: Path
    text_path: Path

    def html(self) -> bytes:
        return gzip.decompress(self.html_path.read_bytes())

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")


def load_pages(folder: str | Path) -> list[Page]:
    folder = Path(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth):
        pages.append(
            Page(
                key,
                truth[key].get("articleBody") or "",
                truth[key].get("url"),
                folder / "html" / f"{key}.html.gz",
                folder / "text" / f"{key}.txt",
            )
        )
    return pages


def interleaved(
    runs: dict[str, tuple[Callable[[object], object], list]], repeat: int = 1, chunk: int = 10
) -> dict[str, tuple[list, float]]:
    """Each system's outputs over its inputs and its documents per second. The systems take turns,
    `chunk` pages each, in an order that rotates: a change in the machine's load falls on all of
    them alike, so the ratios between them hold on a busy machine, while each system still runs
    pages one after another as it would alone (its caches warm). `runs` maps a name to (function,
    its inputs, one per page). With repeat > 1, each system's fastest pass counts."""
    names = list(runs)
    pages = len(next(iter(runs.values()))[1]) if runs else 0
    best = dict.fromkeys(names, float("inf"))
    outputs: dict[str, list] = {}
    for _ in range(repeat):
        gc.collect()  # what loading the pages and warming the systems left falls on no one's turn
        outputs = {name: [] for name in names}
        spent = dict.fromkeys(names, 0.0)
        for turn, first in enumerate(range(0, pages, chunk)):
            for k in range(len(names)):
                name = names[(turn + k) % len(names)]
                fn, inputs = runs[name]
                start = time.perf_counter()
                outputs[name].extend(fn(x) for x in inputs[first:first + chunk])
                spent[name] += time.perf_counter() - start
        best = {name: min(best[name], spent[name]) for name in names}
    return {name: (outputs[name], pages / best[name] if best[name] else float("inf")) for name in names}


def machine() -> str:
    return f"{platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}"


# --- WCXB and the multilingual set: word F1, snippets, titles, dates ------------------------------


def word_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """WCXB's word metric for one page: (P, R, F1) of the bags of lower-cased `\\w+` tokens."""
    p, g = Counter(_TOKEN.findall((predicted or "").lower())), Counter(_TOKEN.findall((gold or "").lower()))
    if not p and not g:
        return 1.0, 1.0, 1.0
    if not p or not g:
        return 0.0, 0.0, 0.0
    overlap = sum((p & g).values())
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return precision, recall, (2 * precision * recall / (precision + recall) if overlap else 0.0)


_WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return _WHITESPACE.sub(" ", text or "").strip()


def snippet_rates(predicted: str, with_: list[str], without: list[str]) -> tuple[float | None, float | None]:
    """Share of `with` snippets found, and of `without` snippets absent (whitespace-normalised)."""
    text = squeeze(predicted)
    found = [squeeze(s) in text for s in with_ if squeeze(s)]
    absent = [squeeze(s) not in text for s in without if squeeze(s)]
    return (sum(found) / len(found) if found else None, sum(absent) / len(absent) if absent else None)


def same_words(a: str | None, b: str | None) -> bool:
    """Titles compared as WCXB does: the same words, case-folded."""
    return bool(a and b) and _TOKEN.findall(a.casefold()) == _TOKEN.findall(b.casefold())


def mean(values: list[float]) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")


def pin_one_core() -> None:
    import os

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})


def bench_parser(description: str | None, folder_help: str, systems: dict, default: str | None = None,
                 dump_help: str | None = None) -> argparse.ArgumentParser:
    """The options every benchmark script takes: its folder, the systems, --limit, --chunk, --all-cores."""
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", help=folder_help)
    parser.add_argument("--systems", default=default or ",".join(systems),
                        help="comma-separated, from: " + ", ".join(systems))
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--chunk", type=int, default=10, help="pages a system runs before the next takes its turn")
    parser.add_argument("--all-cores", action="store_true", help="do not pin the process to one core")
    if dump_help:
        parser.add_argument("--dump", help=dump_help)
    return parser


def chosen_systems(parser: argparse.ArgumentParser, args: argparse.Namespace, systems: dict) -> list[str]:
    """The --systems asked for, each checked against the script's; pins the process to one core
    unless --all-cores, so the timing that follows is of one core."""
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    for name in names:
        if name not in systems:
            parser.error(f"unknown system {name!r}")
    if not args.all_cores:
        pin_one_core()
    return names
