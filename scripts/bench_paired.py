"""HTML mode's speed beside trafilatura `extract`'s, page by page in turn, in one process on one core.

    python scripts/bench_paired.py ../shared/bench                 # WCXB dev, AEB, the multilingual set
    python scripts/bench_paired.py ../shared/bench --sets wcxb --repeat 2

Each page is cleaned by cleaner and extracted by trafilatura one after the other (which goes first
alternates from page to page), so a change in the machine's load weighs on both alike: the ratio
of their times is what to compare between two commits, on a machine others use too. Times are the
thread's CPU time and the wall clock; docs/s is pages over the summed time of one system.
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


def pages(bench: Path, name: str) -> Iterator[tuple[bytes, str | None]]:
    """(html, url) of a set's pages, in a fixed order."""
    if name == "wcxb":
        from bench_wcxb import load_wcxb

        yield from ((page.html, page.url) for page in load_wcxb(bench / "wcxb" / "dev"))
    elif name == "aeb":
        from benchlib import load_pages

        yield from ((page.html(), page.url) for page in load_pages(bench / "aeb"))
    else:
        from bench_multiling import load_multiling

        yield from ((page.html, page.url) for page in load_multiling(bench / "multiling"))


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


def run(items: list[tuple[bytes, str | None]], repeat: int) -> dict[str, tuple[float, float]]:
    """Summed (CPU, wall) seconds of each system over the pages."""
    runners = systems()
    for fn in runners.values():
        fn(*items[0])  # warm-up: imports, lexicons, profiles
    totals = {name: [0.0, 0.0] for name in runners}
    order = list(runners.items())
    for round_ in range(repeat):
        for i, (html, url) in enumerate(items):
            for name, fn in order if (i + round_) % 2 == 0 else order[::-1]:
                cpu, wall = time.thread_time(), time.perf_counter()
                fn(html, url)
                totals[name][0] += time.thread_time() - cpu
                totals[name][1] += time.perf_counter() - wall
    return {name: (cpu, wall) for name, (cpu, wall) in totals.items()}


def main(argv: list[str] | None = None) -> int:
    from benchlib import pin_one_core

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("bench", type=Path, help="the folder of the benchmark sets (../shared/bench)")
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from: {', '.join(SETS)}")
    parser.add_argument("--repeat", type=int, default=1, help="passes over each set")
    parser.add_argument("--limit", type=int, help="only the first N pages of each set")
    parser.add_argument("--all-cores", action="store_true", help="do not pin the process to one core")
    args = parser.parse_args(argv)
    if not args.all_cores:
        pin_one_core()
    print("| set | pages | cleaner docs/s (CPU, wall) | trafilatura docs/s (CPU, wall) "
          "| cleaner / trafilatura (CPU, wall) |")
    print("|---|---|---|---|---|")
    for name in args.sets.split(","):
        items = list(pages(args.bench, name))[: args.limit]
        times = run(items, args.repeat)
        n = len(items) * args.repeat
        (c_cpu, c_wall), (t_cpu, t_wall) = times["cleaner"], times["trafilatura"]
        print(f"| {name} | {len(items)} | {n / c_cpu:.1f}, {n / c_wall:.1f} | {n / t_cpu:.1f}, {n / t_wall:.1f} "
              f"| {t_cpu / c_cpu:.2f}x, {t_wall / c_wall:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
