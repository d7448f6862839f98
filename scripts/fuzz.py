"""Fuzz cleaner with mutated fixtures: what each input gave, counted; any undocumented exception shown.

Each input (tests/mutations.py: byte flips, truncation, malformed and unbalanced markup, random
Unicode, deep nesting, huge attributes, re-encoding, control bytes, splices) goes through
`cleaner.clean()` in a worker process (cleaner.isolate), so a crash or a hang is counted too.
Then a sample is written to files and run through `cleaner clean` and `cleaner archive`, whose
stderr must hold no traceback.

    python scripts/fuzz.py                       # 10,000 inputs, seed 12
    python scripts/fuzz.py --count 500 --seed 3
    python scripts/fuzz.py --seed 12 --show 4711  # write input 4711 to stdout, to look at it
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mutations import mutated  # noqa: E402

import cleaner  # noqa: E402
from cleaner.isolate import Supervisor  # noqa: E402

UNDOCUMENTED = "undocumented exception"


def probe(work: tuple[int, bytes | str, str]) -> tuple[str, str]:
    """What cleaning one input gave: a record, a documented error by its class, or anything else."""
    _, content, mode = work
    try:
        record = cleaner.clean(content, mode=mode)
    except cleaner.InputError as exc:
        return type(exc).__name__, exc.reason
    except Exception:  # noqa: BLE001 - what the fuzzing is looking for
        return UNDOCUMENTED, traceback.format_exc()
    return ("record, no article" if not record.text else "record"), ""


def failed(work, error_class, reason: str) -> tuple[str, str]:
    return f"{error_class.__name__} (worker stopped or died)", reason


def library_pass(seed: int, count: int) -> tuple[Counter, list[tuple[int, str, str]], float]:
    outcomes: Counter = Counter()
    faults: list[tuple[int, str, str]] = []
    supervisor = Supervisor(probe, failed=failed, max_seconds=cleaner.Limits().max_seconds)
    started = time.monotonic()
    works = ((n, content, mode) for n, (content, mode) in enumerate(mutated(seed, count)))
    for (n, _, _), (kind, detail) in supervisor.map(works, lambda work: work):
        outcomes[kind] += 1
        if kind in (UNDOCUMENTED, "CleaningError") or "worker" in kind:
            faults.append((n, kind, detail))
    return outcomes, faults, time.monotonic() - started


def cli_pass(seed: int, count: int, every: int) -> dict[str, tuple[int, int]]:
    """Every `every`-th input as a file, through `cleaner clean` and `cleaner archive`: exit status and
    how many tracebacks each printed."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        paths = []
        for n, (content, mode) in enumerate(mutated(seed, count)):
            if n % every == 0:
                data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
                paths.append(folder / f"input-{n:05d}.{'txt' if mode == 'text' else 'html'}")
                paths[-1].write_bytes(data)
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        runs = {
            "cleaner clean": [sys.executable, "-m", "cleaner", "clean", *map(str, paths)],
            "cleaner archive": [sys.executable, "-m", "cleaner", "archive", str(folder), "--db",
                                str(Path(tmp) / "a.db")],
        }
        out = {}
        for name, cmd in runs.items():
            done = subprocess.run(cmd, capture_output=True, env=env)
            out[name] = (done.returncode, done.stderr.count(b"Traceback"), len(paths))
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--cli-every", type=int, default=20, help="run every N-th input through the CLI too")
    parser.add_argument("--show", type=int, metavar="N", help="write input N to stdout and stop")
    args = parser.parse_args()
    if args.show is not None:
        for n, (content, mode) in enumerate(mutated(args.seed, args.show + 1)):
            if n == args.show:
                sys.stderr.write(f"mode {mode}, {type(content).__name__}\n")
                data = content.encode("utf-8", "surrogateescape") if isinstance(content, str) else content
                sys.stdout.buffer.write(data)
        return
    print(f"{datetime.date.today()}, {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}, cleaner {cleaner.__version__}; seed {args.seed}, {args.count:,} inputs")
    outcomes, faults, seconds = library_pass(args.seed, args.count)
    print(f"\ncleaner.clean() in worker processes: {seconds:.0f} s")
    for kind, number in outcomes.most_common():
        print(f"  {number:>6,}  {kind}")
    for n, kind, detail in faults[:20]:
        print(f"\ninput {n}: {kind}\n{detail.rstrip()}")
    for name, (status, tracebacks, inputs) in cli_pass(args.seed, args.count, args.cli_every).items():
        print(f"\n{name} over {inputs} of them: exit {status}, {tracebacks} traceback(s)")
    sys.exit(1 if faults or outcomes[UNDOCUMENTED] else 0)


if __name__ == "__main__":
    main()
