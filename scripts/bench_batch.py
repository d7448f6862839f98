"""`cleaner batch` throughput and memory, local and Ray, 1 and 2 workers, beside `cleaner clean`, in one run.

Generates N distinct HTML pages with bench_archive's generator (the benchmark's real pages, each
varied), then times, each in a fresh process: `cleaner clean` on every file, `cleaner batch --engine
local --workers 1` and `2`, and `cleaner batch --engine ray --workers 1` and `2`. The Ray runs join
one local Ray instance this script starts before them (`--address`), as a job joins a running
cluster, so they are timed without Ray's start (~10 s here); `ray-2-cold` starts its own instance
and so includes it. Peak memory is the PSS of the whole process tree, sampled every 0.5 s (more
often, the sampling itself takes a third of a core from a Ray run: some twenty processes' smaps);
for the Ray runs, the Ray instance's processes (raylet, GCS, workers) are counted too.

Every run's records are checked against `cleaner clean`'s: the same ids and texts.

    python scripts/bench_batch.py /work/shared/bench/aeb --pages 3000
    python scripts/bench_batch.py /work/shared/bench/aeb --pages 500 --runs clean,local-1,ray-1
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_archive import make_pages, measure  # noqa: E402 - the same pages and meter as the archive benchmark

ROOT = Path(__file__).resolve().parent.parent
# Ray's token authentication, as on a cluster: a client given --address uses the token only when told to
RAY_ENV = {"RAY_AUTH_MODE": "token"}
RAY_HOST = """
import logging, sys, time
import ray
ray.init(num_cpus=2, include_dashboard=False, object_store_memory=512 * 1024 * 1024, log_to_driver=False,
         logging_level=logging.WARNING, _node_ip_address="127.0.0.1")
print(ray.get_runtime_context().gcs_address, flush=True)
sys.stdin.read()  # until the benchmark closes it
ray.shutdown()
"""


SAMPLE_EVERY = 0.5  # seconds between memory samples


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def start_ray_host() -> tuple[subprocess.Popen, str]:
    host = subprocess.Popen([sys.executable, "-c", RAY_HOST], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    address = host.stdout.readline().decode().strip()
    if not address:
        raise SystemExit("the Ray instance did not start")
    return host, address


def stop_ray_host(host: subprocess.Popen) -> None:
    host.stdin.close()  # it shuts its own Ray instance down and exits
    try:
        host.wait(timeout=60)
    except subprocess.TimeoutExpired:
        host.kill()


def texts_of_clean(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["text"].strip():
                out[record["id"]] = record["text"]
    return out


def texts_of_batch(out: Path) -> dict[str, str]:
    import pyarrow.parquet as pq

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    found = {}
    for shard in manifest["shards"]:
        table = pq.read_table(out / shard["path"], columns=["id", "text"])
        found.update(zip(table.column("id").to_pylist(), table.column("text").to_pylist(), strict=True))
    return found


def command(run: str, folder: Path, out: Path, list_file: Path, address: str | None) -> list[str]:
    python = sys.executable
    if run == "clean":
        return ["sh", "-c", f"xargs -d '\\n' -n 5000 {python} -m cleaner clean --mode auto < {list_file}"]
    engine, workers = run.split("-")[:2]
    cmd = [python, "-m", "cleaner", "batch", str(folder), "--out", str(out), "--engine", engine,
           "--workers", workers]
    if engine == "ray" and not run.endswith("-cold"):
        cmd += ["--address", address]
    return cmd


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("aeb", type=Path, help="the benchmark folder (html/)")
    parser.add_argument("--pages", type=int, default=3000)
    parser.add_argument("--runs", default="clean,local-1,local-2,ray-1,ray-2,ray-2-cold")
    args = parser.parse_args()
    runs = args.runs.split(",")
    os.environ.update(RAY_ENV)
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths = make_pages(args.aeb, folder, args.pages, "html")
        list_file = Path(tmp) / "paths.txt"
        list_file.write_text("\n".join(map(str, paths)))
        load = os.getloadavg()
        print(f"{args.pages} html pages, {os.cpu_count()} cores, python {sys.version.split()[0]}, "
              f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        host, address = start_ray_host() if any(r.startswith("ray") and not r.endswith("-cold") for r in runs) \
            else (None, None)
        print(f"{'run':<12} {'seconds':>8} {'pages/s':>8} {'ratio':>6} {'CPU ms/page':>11} {'peak MB (PSS)':>14}"
              "  records")
        base, reference = None, None
        try:
            for run in runs:
                out = Path(tmp) / f"out-{run}"
                stdout_path = Path(tmp) / f"{run}.jsonl"
                also = [host.pid] if host and run.startswith("ray") and not run.endswith("-cold") else []
                before = cpu_seconds()
                with open(stdout_path, "wb") as stdout:
                    wall, status, peak, _, _ = measure(
                        command(run, folder, out, list_file, address), stdout, also, every=SAMPLE_EVERY
                    )
                # CPU of the command and the processes it waited for: not Ray's workers, which it does not own
                cpu = "-" if run.startswith("ray") else f"{(cpu_seconds() - before) / args.pages * 1000:.1f}"
                texts = texts_of_clean(stdout_path) if run == "clean" else texts_of_batch(out)
                reference = reference if reference is not None else texts
                same = "same ids and texts as " + runs[0] if texts == reference else "DIFFER from " + runs[0]
                rate = args.pages / wall
                base = base or (rate if run == "clean" else None)
                ratio = f"{rate / base:.2f}" if base else "-"
                notes = "" if status in (0, 1) else f"  (exit {status})"
                print(f"{run:<12} {wall:>8.1f} {rate:>8.1f} {ratio:>6} {cpu:>11} {peak / 1024:>14.0f}  "
                      f"{len(texts)}, {same}{notes}")
                sys.stdout.flush()
        finally:
            if host:
                stop_ray_host(host)
        load = os.getloadavg()
        print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
