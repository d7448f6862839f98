"""HTML mode's speed beside trafilatura `extract`'s, page by page in turn, in one process on one core.

    python scripts/bench_paired.py ../shared/bench                 # WCXB dev, AEB, the multilingual set
    python scripts/bench_paired.py ../shared/bench --sets wcxb --repeat 2
    python scripts/bench_paired.py ../shared/bench --sets wcxb --step 5 --worst 20

Each page is cleaned by cleaner and extracted by trafilatura one after the other (which goes first
alternates from page to page), so a change in the machine's load weighs on both alike: the ratio
of their times is what to compare between two commits, on a machine others use too. Times are the
thread's CPU time and the wall clock; docs/s is pages over the summed time of one system.
`--worst N` lists the N pages where cleaner's CPU time exceeds trafilatura's the most, and their
share of the whole excess: whether a few pages make the gap, or every page a little.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SETS = ("wcxb", "aeb", "multiling")


def pages(bench: Path, name: str) -> Iterator[tuple[str, bytes, str | None]]:
    """(key, html, url) of a set's pages, in a fixed order."""
    if name == "wcxb":
        from bench_wcxb import load_wcxb

        yield from ((page.key, page.html, page.url) for page in load_wcxb(bench / "wcxb" / "dev"))
    elif name == "aeb":
        from benchlib import load_pages

        yield from ((page.key, page.html(), page.url) for page in load_pages(bench / "aeb"))
    else:
        from bench_multiling import load_multiling

        yield from ((page.key, page.html, page.url) for page in load_multiling(bench / "multiling"))


def systems() -> dict[str, Callable[[bytes, str | None], object]]:
    import trafilatura

    import cleaner
    from cleaner.metadata.language import load_profiles

    load_profiles()  # outside the timing, like every system's warm-up

    def clean(html: bytes, url: str | None) -> object:
        try:
            return cleaner.clean(html, mode="html", url=url)
        except cleaner.CleanerError:
            return None

    return {"cleaner": clean, "trafilatura": lambda html, url: trafilatura.extract(html, url=url)}


def run(
    items: list[tuple[str, bytes, str | None]], repeat: int, excess: dict[str, float] | None = None
) -> dict[str, tuple[float, float]]:
    """Summed (CPU, wall) seconds of each system over the pages; `excess` gets each page's CPU
    seconds of cleaner less trafilatura's."""
    runners = systems()
    for fn in runners.values():
        fn(*items[0][1:])  # warm-up: imports, lexicons, profiles
    totals = {name: [0.0, 0.0] for name in runners}
    order = list(runners.items())
    for round_ in range(repeat):
        for i, (key, html, url) in enumerate(items):
            page = {}
            for name, fn in order if (i + round_) % 2 == 0 else order[::-1]:
                cpu, wall = time.thread_time(), time.perf_counter()
                fn(html, url)
                page[name] = time.thread_time() - cpu
                totals[name][0] += page[name]
                totals[name][1] += time.perf_counter() - wall
            if excess is not None:
                excess[key] = excess.get(key, 0.0) + page["cleaner"] - page["trafilatura"]
    return {name: (cpu, wall) for name, (cpu, wall) in totals.items()}


def print_worst(name: str, excess: dict[str, float], count: int, repeat: int) -> None:
    """The pages where cleaner takes the most CPU time beyond trafilatura's, and their share of the set's excess."""
    total = sum(excess.values())
    worst = sorted(excess.items(), key=lambda item: item[1], reverse=True)[:count]
    share = sum(seconds for _, seconds in worst) / total if total > 0 else 0.0
    print(f"\n{name}: excess {1000 * total / repeat / len(excess):.1f} ms a page; the {len(worst)} worst "
          f"pages make {share:.0%} of it")
    for key, seconds in worst:
        print(f"  {key}: +{1000 * seconds / repeat:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    from benchlib import pin_one_core

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="the folder of the benchmark sets (../shared/bench)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from: {', '.join(SETS)}")
    parser.add_argument("--repeat", type=int, default=1, help="passes over each set")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--step", type=int, default=1, help="every Nth page of each set (a fixed sample)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages of most excess CPU time")
    parser.add_argument("--all-cores", action="store_true", help="do not pin the process to one core")
    args = parser.parse_args(argv)
    if not args.all_cores:
        pin_one_core()
    print("| set | pages | cleaner docs/s (CPU, wall) | trafilatura docs/s (CPU, wall) "
          "| cleaner / trafilatura (CPU, wall) |")
    print("|---|---|---|---|---|")
    worst: list[tuple[str, dict[str, float]]] = []
    for name in args.sets.split(","):
        items = list(pages(args.bench, name))[: args.limit][:: args.step]
        excess: dict[str, float] = {}
        times = run(items, args.repeat, excess)
        worst.append((name, excess))
        n = len(items) * args.repeat
        (c_cpu, c_wall), (t_cpu, t_wall) = times["cleaner"], times["trafilatura"]
        print(f"| {name} | {len(items)} | {n / c_cpu:.1f}, {n / c_wall:.1f} | {n / t_cpu:.1f}, {n / t_wall:.1f} "
              f"| {t_cpu / c_cpu:.2f}x, {t_wall / c_wall:.2f}x |", flush=True)
    for name, excess in worst if args.worst else ():
        print_worst(name, excess, args.worst, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
