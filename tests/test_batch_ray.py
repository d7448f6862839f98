"""`cleaner batch --engine ray` on a local Ray instance: the same shards as the local engine, a killed Ray
worker's task retried with no record lost, a second run that cleans nothing."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from archivekit import write_texts
from batchkit import make_collection, manifest, shard_rows

from cleaner.batch import BatchOptions, run_batch


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch-ray")
    return root, [str(s) for s in make_collection(root)]


def test_ray_gives_the_shards_the_local_engine_gives(ray_instance, collection):
    root, sources = collection
    ray_result = run_batch(sources, str(root / "ray"), BatchOptions(engine="ray", workers=2, task_size=3))
    local_result = run_batch(sources, str(root / "local"), BatchOptions(engine="local", workers=2, task_size=3))
    assert ray_result.errors == [] and ray_result.counts == local_result.counts
    assert ray_result.counts.exact_duplicates == 7 and ray_result.counts.near_duplicates == 1
    assert shard_rows(root / "ray") == shard_rows(root / "local")
    assert manifest(root / "ray")["versions"]["ray"] == ray_instance.__version__

    again = run_batch(sources, str(root / "ray"), BatchOptions(engine="ray", workers=2, task_size=3))
    assert (again.counts.tasks_cleaned, again.counts.tasks_skipped) == (0, 7)
    assert shard_rows(root / "ray") == shard_rows(root / "local")


def _descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    children = [int(c) for c in handle.read().split()]
                found += children
                stack += children
        except OSError:
            continue
    return found


def _cleaning_actors() -> list[int]:
    """Ray worker processes of this test session's own Ray instance that are cleaning actors."""
    pids = []
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"CleanShards" in handle.read():
                    pids.append(pid)
        except OSError:
            continue
    return pids


def test_a_killed_ray_worker_loses_no_record(ray_instance, tmp_path):
    folder = tmp_path / "texts"
    write_texts(folder, 80)
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_one_when_half_way():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = list((out / "work").glob("*.done.json")) if (out / "work").exists() else []
            actors = _cleaning_actors()
            if 5 <= len(done) < 60 and actors:
                os.kill(actors[0], signal.SIGKILL)
                killed.append(actors[0])
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_one_when_half_way)
    killer.start()
    result = run_batch([str(folder)], str(out), BatchOptions(engine="ray", workers=2, task_size=1))
    killer.join()
    assert killed, "the run ended before a worker could be killed"
    assert result.complete and result.errors == [] and result.counts.records == 80
    assert sorted(r["path"] for r in shard_rows(out)) == sorted(str(p) for p in folder.iterdir())


def test_the_command_joins_a_running_cluster_by_its_address(ray_instance, tmp_path):
    from archivekit import PAGES, cli

    address = ray_instance.get_runtime_context().gcs_address
    out = tmp_path / "out"
    result = cli("batch", PAGES, "--out", out, "--engine", "ray", "--address", address, "--workers", "2",
                 env_extra={"RAY_AUTH_MODE": "token"})
    assert result.returncode == 0, result.stderr
    data = manifest(out)
    assert data["options"]["engine"] == "ray" and data["versions"]["ray"] and data["counts"]["records"] == 7
    assert "tasks: 1, 1 cleaned" in result.stderr.decode()
