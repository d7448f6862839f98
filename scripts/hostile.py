"""Hostile inputs against the limits per input: time, exit status and peak memory of each.

Builds, in a temporary folder, the inputs that once held a batch or the machine hostage (issue 12):
gzip bombs, 50 MB pages of several shapes, nesting a million levels deep. Then runs, each in a
fresh process with the default limits, `cleaner clean` on each one beside a good page, and
`cleaner archive` on a folder of them all; it prints wall seconds, exit status, the peak memory of
the whole process tree (PSS, workers included) and what cleaner said about the input.

    python scripts/hostile.py
    python scripts/hostile.py --only zeros.html.gz,article-50mb.html
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_archive import tree_pss_kb  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "fixtures" / "text" / "en_plain.txt"
SENTENCE = "The committee met on Tuesday to discuss the budget, and the members agreed on most points. "
MB = 1_000_000


def gzip_of(path: Path, chunk: bytes, compressed_size: int) -> int:
    """Write a .gz of `chunk` repeated until the file reaches `compressed_size`; returns the bytes it holds."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    total = 0
    with open(path, "wb") as handle:
        while handle.tell() < compressed_size:
            handle.write(packer.compress(chunk))
            total += len(chunk)
        handle.write(packer.flush())
    return total


def page_of(body: str, size: int) -> str:
    return "<html><head><title>A long page</title></head><body><article><h1>A long page</h1>" + body * (
        size // len(body)) + "</article></body></html>"


def build(folder: Path) -> dict[str, str]:
    """The hostile inputs, each with what it is."""
    made = {}
    line = (SENTENCE * 10 + "\n").encode()
    size = gzip_of(folder / "zeros.html.gz", b"\0" * MB, 2 * MB)
    made["zeros.html.gz"] = f"2 MB .gz of zeros ({size / MB:,.0f} MB inside)"
    size = gzip_of(folder / "text.txt.gz", line * (MB // len(line)), 6 * MB)
    made["text.txt.gz"] = f"6 MB .gz of text ({size / MB:,.0f} MB inside)"
    paragraphs = "".join(f"<p>{SENTENCE * 5} (paragraph {n})</p>\n" for n in range(50 * MB // 490))
    (folder / "article-50mb.html").write_text(page_of(paragraphs, len(paragraphs)))
    made["article-50mb.html"] = "50 MB page: one article of 100,000 paragraphs"
    links = "".join(f'<li><a href="/a{i}">Headline number {i} of the day</a></li>' for i in range(1000))
    (folder / "links-50mb.html").write_text(page_of(f"<ul>{links}</ul>", 50 * MB))
    made["links-50mb.html"] = "50 MB page: a listing of 800,000 links"
    (folder / "script-50mb.html").write_text(page_of(f"<p>{SENTENCE * 5}</p>", 10_000).replace(
        "<body>", "<body><script>var data = '" + "x" * (50 * MB) + "';</script>"))
    made["script-50mb.html"] = "50 MB page: a short article after a 50 MB script"
    (folder / "one-node-50mb.html").write_text("<html><body><p>" + "word " * (10 * MB) + "</p></body></html>")
    made["one-node-50mb.html"] = "50 MB page: one paragraph of 10 million words"
    depth = 1_000_000
    (folder / "deep.html").write_text("<html><body>" + "<div>" * depth + f"<p>{SENTENCE * 5}</p>" + "</div>" * depth
                                      + "</body></html>")
    made["deep.html"] = f"{depth:,} nested div elements around an article"
    return made


def run(cmd: list[str]) -> tuple[float, int, int, bytes]:
    """Wall seconds, exit status, peak PSS of the whole process tree (kB, sampled every 20 ms), stderr."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    start, peak = time.perf_counter(), [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss_kb(proc.pid))
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    return wall, proc.returncode, peak[0], err


def said(stderr: bytes, name: str) -> str:
    lines = [line for line in stderr.decode(errors="replace").splitlines() if name in line]
    return lines[0].split(f"{name}: ", 1)[-1] if lines else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated names of the inputs to run")
    args = parser.parse_args()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        made = build(folder)
        names = args.only.split(",") if args.only else list(made)
        print(f"{os.cpu_count()} cores, python {sys.version.split()[0]}; default limits")
        print(f"{'input':<20} {'seconds':>8} {'exit':>4} {'peak MB':>8}  what cleaner said")
        for name in names:
            cmd = [python, "-m", "cleaner", "clean", str(folder / name), str(GOOD)]
            wall, status, tree, err = run(cmd)
            print(f"{name:<20} {wall:>8.1f} {status:>4} {tree / 1024:>8.0f}  {said(err, name)}")
            sys.stdout.flush()
        cmd = [python, "-m", "cleaner", "archive", str(folder), str(GOOD), "--db", str(Path(tmp) / "a.db")]
        wall, status, tree, _ = run(cmd)
        print(f"{'archive (all)':<20} {wall:>8.1f} {status:>4} {tree / 1024:>8.0f}")
        errors = subprocess.run([python, "-m", "cleaner", "errors", "--db", str(Path(tmp) / "a.db")],
                                capture_output=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        print(errors.stdout.decode(errors="replace"), end="")
        for name, what in made.items():
            print(f"  {name}: {what}")


if __name__ == "__main__":
    main()
