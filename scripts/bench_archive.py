"""Archive throughput and memory against `cleaner clean` on the same pages.

Generates N distinct pages in a temporary folder by varying the benchmark's real pages (a unique
phrase in each page's longest paragraph), then times, each in a fresh process:
`cleaner clean` on every file, `cleaner archive --workers 1`, and `cleaner archive --workers 2`
(and, asked for, `--workers 1` pinned to one core: what archiving adds when nothing runs beside it;
or any archive run with `--no-keep-inputs`: what keeping each input beside its record costs).
CPU seconds (user and system, of the whole process tree) tell what a run costs even when the
machine's neighbours make wall time noisy. Peak memory is sampled every 50 ms: the proportional set
size (PSS) of the whole process tree (workers included, shared pages counted once) and the resident
set of the main process.

    python scripts/bench_archive.py /work/shared/bench/aeb --pages 1000 --kind html --repeat 3
    python scripts/bench_archive.py /work/shared/bench/aeb --pages 20000 --kind text --runs archive-1
    python scripts/bench_archive.py /work/shared/bench/aeb --pages 1000 --runs archive-1,archive-1-noinputs
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_LONGEST_P = re.compile(rb"<p[^>]*>([^<]{80,})</p>", re.IGNORECASE)


def vary_html(page: bytes, n: int) -> bytes:
    match = _LONGEST_P.search(page)
    if match is None:
        return page.replace(b"</title>", f" (copy {n})</title>".encode(), 1)
    return page[: match.end(1)] + f" (copy {n} of this report)".encode() + page[match.end(1):]


def vary_text(text: bytes, n: int) -> bytes:
    lines = text.split(b"\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" (copy {n} of this report)".encode()
    return b"\n".join(lines)


def make_pages(aeb: Path, folder: Path, count: int, kind: str) -> list[Path]:
    if kind == "html":
        bases = [gzip.decompress(p.read_bytes()) for p in sorted((aeb / "html").glob("*.html.gz"))]
    else:
        bases = [p.read_bytes() for p in sorted((aeb / "text").glob("*.txt"))]
    paths = []
    for n in range(count):
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        path = sub / f"page-{n:06d}.{'html' if kind == 'html' else 'txt'}"
        base = bases[n % len(bases)]
        path.write_bytes(vary_html(base, n) if kind == "html" else vary_text(base, n))
        paths.append(path)
    return paths


def tree_pss_kb(pid: int) -> int:
    """Proportional memory of a process and all its descendants: pages forked workers share count once."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup") as handle:
                total += next((int(line.split()[1]) for line in handle if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    stack += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return total


def largest_rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            return next((int(line.split()[1]) for line in handle if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def measure(
    cmd: list[str], stdout=subprocess.DEVNULL, also: tuple[int, ...] = (), every: float = 0.05
) -> tuple[float, int, int, int, float]:
    """Wall seconds, exit status, peak PSS of the whole tree (plus the trees of the processes `also`
    names: a Ray instance the command joins), peak RSS of the main process (kB), and CPU seconds.
    Memory is sampled `every` seconds: reading a process's smaps costs with its mappings, and a
    tree of Ray's size read every 50 ms takes a third of a core from the run it measures."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    peaks = {"tree": 0, "main": 0}

    def sample():
        while proc.poll() is None:
            peaks["tree"] = max(peaks["tree"], tree_pss_kb(proc.pid) + sum(tree_pss_kb(pid) for pid in also))
            peaks["main"] = max(peaks["main"], largest_rss_kb(proc.pid))
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the run's processes, workers included, once waited for
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode(errors="replace")[-2000:])
    return wall, proc.returncode, peaks["tree"], peaks["main"], cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aeb", type=Path, help="the benchmark folder (html/, text/)")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--kind", choices=("html", "text"), default="html")
    parser.add_argument("--runs", default="clean,archive-1,archive-2",
                        help="which of clean, archive-1, archive-2, archive-1-onecore (pinned with taskset); "
                        "an archive run ending in -noinputs keeps no inputs (--no-keep-inputs)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each run N times, in rounds, and keep the fastest (a shared machine's neighbours "
                        "add noise)")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-archive-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = make_pages(args.aeb, folder, args.pages, args.kind)
        list_file = Path(tmp) / "paths.txt"
        list_file.write_text("\n".join(map(str, paths)))
        print(f"{args.pages} {args.kind} pages, {os.cpu_count()} cores, python {sys.version.split()[0]}")
        print(f"{'run':<19} {'seconds':>8} {'pages/s':>8} {'ratio':>6} "
              f"{'peak MB (all, PSS)':>18} {'peak MB (main, RSS)':>19} {'archive MB':>10} {'CPU s':>7}")
        runs = args.runs.split(",")
        trials: dict[str, list] = {run: [] for run in runs}
        sizes: dict[str, float] = {}
        for _ in range(args.repeat):  # each round runs every kind once, so a busy spell hits them alike
            for run in runs:
                db = Path(tmp) / f"{run}.db"
                for stale in Path(tmp).glob(f"{run}.db*"):
                    stale.unlink()
                trials[run].append(measure(command(run, python, folder, db, list_file)))
                sizes[run] = sum(p.stat().st_size for p in Path(tmp).glob(f"{run}.db*")) / 1e6
        base = None
        for run in runs:
            wall = min(t[0] for t in trials[run])
            status = max(t[1] for t in trials[run])
            tree, main_rss = max(t[2] for t in trials[run]), max(t[3] for t in trials[run])
            rate = args.pages / wall
            base = base or (rate if run == "clean" else None)
            ratio = f"{rate / base:.2f}" if base else "-"
            notes = "" if status in (0, 1) else f"  (exit {status})"
            if len(trials[run]) > 1:
                notes += "  (all runs: " + " ".join(f"{t[0]:.1f}" for t in trials[run]) + " s)"
            size = f"{sizes[run]:>10.0f}" if run != "clean" else f"{'-':>10}"
            cpu = min(t[4] for t in trials[run])
            print(f"{run:<19} {wall:>8.1f} {rate:>8.1f} {ratio:>6} {tree / 1024:>18.0f} {main_rss / 1024:>19.0f} {size}"
                  f" {cpu:>7.1f}" + notes)
            sys.stdout.flush()


def command(run: str, python: str, folder: Path, db: Path, list_file: Path) -> list[str]:
    if run == "clean":
        # xargs keeps each command line short; one process per few thousand pages, as a user would
        return ["sh", "-c", f"xargs -d '\\n' -n 5000 {python} -m cleaner clean --mode auto < {list_file}"]
    workers = run.split("-")[1]
    cmd = [python, "-m", "cleaner", "archive", str(folder), "--db", str(db), "--workers", workers]
    if "-noinputs" in run:
        cmd.append("--no-keep-inputs")
    if "-onecore" in run:  # the archive's own cost, with no second core to write on
        cmd = ["taskset", "-c", "0", *cmd]
    return cmd

if __name__ == "__main__":
    main()
