"""A batch run: list and plan, clean the tasks not done yet, deduplicate across all shards, write the manifest.

A re-run of the same command finds every task done (its marker, under the same digest) and cleans
nothing; deduplication is recomputed from the signatures (cheap) and rewrites no shard whose marks
are already right. A task that failed (its worker died too often, a full disk) is named in the
manifest's errors and left out of it until a run finishes it.
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from importlib import metadata

from cleaner import __version__
from cleaner.batch import dedup
from cleaner.batch.clean import TaskResult, done_result
from cleaner.batch.engines import ATTEMPTS, engine_for, failed_task
from cleaner.batch.output import MANIFEST, Output, done_path, shard_path, shard_schema, signatures_path, task_name
from cleaner.batch.plan import BatchOptions, Task, plan
from cleaner.errors import CleanerError, InputError
from cleaner.read.sources import BATCH_FORMAT, STDIN, list_sources

Progress = Callable[[TaskResult], None]


@dataclass
class BatchCounts:
    inputs: int = 0
    records: int = 0
    failed: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    tasks: int = 0
    tasks_cleaned: int = 0  # by this run
    tasks_skipped: int = 0  # done by an earlier run
    tasks_failed: int = 0

    def summary(self) -> str:
        return (f"inputs: {self.inputs}, {self.failed} failed; records: {self.records}, {self.exact_duplicates} "
                f"exact duplicate, {self.near_duplicates} near-duplicate; tasks: {self.tasks}, "
                f"{self.tasks_cleaned} cleaned, {self.tasks_skipped} already done, {self.tasks_failed} failed")


@dataclass
class BatchResult:
    out: str
    counts: BatchCounts
    errors: list[dict] = field(default_factory=list)
    complete: bool = True
    seconds: float = 0.0


def run_batch(sources: list[str], out: str, options: BatchOptions, progress: Progress | None = None) -> BatchResult:
    """Clean `sources` into sharded record files under `out` (a folder or a URI)."""
    started = time.monotonic()
    _check(options)
    output = Output(out)
    output.make_folders()
    listed = [InputError(STDIN, "standard input cannot be a batch source") if getattr(s, "path", None) == STDIN
              else s for s in list_sources(sources)]
    tasks, source_errors = plan(listed, options)
    results = {t.index: r for t in tasks if (r := done_result(output, t, options.format)) is not None}
    counts = BatchCounts(tasks=len(tasks), tasks_skipped=len(results))
    engine = engine_for(options)
    try:
        failed_tasks = _clean(engine, [t for t in tasks if t.index not in results], output, results, progress)
        done = [t for t in tasks if t.index in results]
        marked = deduplicate(engine, output, done, results, options.format)
    finally:
        engine.close()
    _remove_stale(output, tasks, options.format)
    errors = [{"input": e.source, "reason": e.reason} for e in source_errors]
    for task in tasks:
        errors += (results.get(task.index) or _failed(failed_tasks, task)).errors
    counts.tasks_cleaned = len(done) - counts.tasks_skipped
    counts.tasks_failed = len(tasks) - len(done)
    counts.inputs = sum(r.inputs for r in results.values()) + len(source_errors)
    counts.records = sum(r.records for r in results.values())
    counts.failed = len(errors)
    counts.exact_duplicates, counts.near_duplicates = marked["exact"], marked["near"]
    result = BatchResult(output.root, counts, errors, complete=not counts.tasks_failed,
                         seconds=time.monotonic() - started)
    write_manifest(output, sources, options, done, results, marked["per_shard"], result)
    return result


def _clean(engine, pending: list[Task], output: Output, results: dict[int, TaskResult],
           progress: Progress | None) -> list[TaskResult]:
    """Clean the tasks not done yet; the done ones go into `results`, the ones that failed are returned."""
    failed = []
    for result in engine.clean(pending, output):
        if result.ok:
            results[result.index] = result
        else:
            failed.append(result)
        if progress:
            progress(result)
    return failed


def _check(options: BatchOptions) -> None:
    from cleaner.batch.plan import ENGINES, FORMATS
    from cleaner.furniture.lexicon import load_lexicon

    if options.engine not in ENGINES:
        raise CleanerError(f"unknown engine {options.engine!r} (choose from {', '.join(ENGINES)})")
    if options.format not in FORMATS:
        raise CleanerError(f"unknown format {options.format!r} (choose from {', '.join(FORMATS)})")
    if options.workers < 1 or options.task_size < 1:
        raise CleanerError("--workers and --task-size must be 1 or more")
    load_lexicon(options.rules)  # a bad rules file stops the run before anything is read
    shard_schema()  # pyarrow is there, or the run stops with how to install it


def _failed(failed_tasks: list[TaskResult], task: Task) -> TaskResult:
    """What went wrong with a task not done: what its worker said, or that none gave an answer."""
    return next((r for r in failed_tasks if r.index == task.index),
                failed_task(task, f"its worker died {ATTEMPTS} times (or the engine gave up on it)"))


def deduplicate(engine, output: Output, done: list[Task], results: dict[int, TaskResult], fmt: str) -> dict:
    """Exact and near-duplicates across every finished shard, written into the shards as `duplicate_of`."""
    indexes = [t.index for t in done]
    groups = engine.shuffle(dedup.keys_of_shard, [(output, i, dedup.PARTITIONS) for i in indexes],
                            dedup.groups_of_partition, dedup.PARTITIONS)
    copies = {order: rid for partition_copies, _ in groups for order, rid in partition_copies.items()}
    buckets = [bucket for _, partition_buckets in groups for bucket in partition_buckets]
    wanted: dict[int, set[int]] = {}
    for bucket in buckets:
        for order in bucket:
            wanted.setdefault(dedup.task_of(order), set()).add(order)
    signatures: dict[int, tuple[str, bytes]] = {}
    for found in engine.map(dedup.signatures_of_shard, [(output, i, orders) for i, orders in wanted.items()]):
        signatures.update(found)
    near = dedup.resolve(buckets, signatures)
    marks = dedup.marks_by_shard(copies, near)
    calls = [(output, i, fmt, results[i].records, marks.get(i, {})) for i in indexes]
    per_shard = dict(zip(indexes, engine.map(dedup.mark_shard, calls), strict=True))
    return {"exact": len(copies), "near": len(near), "per_shard": per_shard}


def _remove_stale(output: Output, tasks: list[Task], fmt: str) -> None:
    """Files of tasks this plan no longer has (fewer inputs than a run before), or of another format."""
    keep = {shard_path(t.index, fmt) for t in tasks} | {signatures_path(t.index) for t in tasks} | {
        done_path(t.index) for t in tasks}
    for name in output.listing("shards") + output.listing("work"):
        if name not in keep and name.rsplit("/", 1)[-1].startswith("part-") and ".tmp-" not in name:
            output.remove(name)


def versions(engine: str) -> dict:
    names = ["trafilatura", "lxml", "langdetect", "datasketch", "pyarrow"] + (["ray"] if engine == "ray" else [])
    found = {"cleaner": __version__, "python": platform.python_version()}
    for name in names:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def _schema_description() -> list[dict]:
    from cleaner.export.parquet import json_columns_of

    arrow = shard_schema()
    json_columns = json_columns_of(arrow)
    return [{"name": f.name, "type": "json text" if f.name in json_columns else str(f.type)} for f in arrow]


def write_manifest(output: Output, sources: list[str], options: BatchOptions, done: list[Task],
                   results: dict[int, TaskResult], duplicates: dict[int, int], result: BatchResult) -> None:
    shards = [{
        "path": shard_path(t.index, options.format), "task": task_name(t.index), "digest": t.digest,
        "sources": len(t.sources), "inputs": results[t.index].inputs, "records": results[t.index].records,
        "failed": len(results[t.index].errors), "duplicates": duplicates.get(t.index, 0),
    } for t in done]
    manifest = {
        "format": BATCH_FORMAT, "version": 1, "complete": result.complete,
        "written": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sources": [str(s) for s in sources], "options": _options(options), "versions": versions(options.engine),
        "counts": asdict(result.counts), "shards": shards, "errors": result.errors,
        "schema": _schema_description() if options.format == "parquet" else None,
    }
    output.write_json(MANIFEST, manifest)


def _options(options: BatchOptions) -> dict:
    data = options.as_dict()
    data["url_field"], data["content_field"] = data["fields"]["url"], data["fields"]["content"]
    del data["fields"]
    return data
