"""One unattended run of a job: archive what is new, export what the job has not exported yet, report.

A job holds its own lock (one run of a job at a time: an overlapping run exits at once) and then
the archive's writer lock. Exports are written to a temporary file and renamed, and the job's
export watermark moves in the archive only after the file is complete: a run killed at any point
leaves its records to the next run's export, never half a file and never a record skipped.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from datetime import datetime, timezone

from cleaner.errors import CleanerError
from cleaner.export import export
from cleaner.furniture.lexicon import load_lexicon
from cleaner.jobs.jobfile import ExportSpec, Job
from cleaner.read.jsonl import FieldNames
from cleaner.store import Archive, IngestOptions, RunResult, ingest_run
from cleaner.store.archive import utcnow
from cleaner.store.lock import Busy, FileLock

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY, EXIT_JOB_RUNNING, EXIT_EXPORT_FAILED = 0, 1, 2, 3, 4, 5

Events = Callable[..., None]


def export_path(template: str, job: Job, run_id: int, started: datetime) -> str:
    """The export file for this run; an existing file (an earlier run the same day) is never overwritten."""
    path = template.format(date=started.strftime("%Y-%m-%d"), time=started.strftime("%H%M%S"), run=run_id,
                           job=job.name)
    if not os.path.exists(path):
        return path
    stem, dot, ext = os.path.basename(path).partition(".")
    return os.path.join(os.path.dirname(path), f"{stem}.run-{run_id}{dot}{ext}")


def _watermark(archive: Archive, job: str, target: str) -> int:
    row = archive.conn.execute("SELECT through_run FROM job_exports WHERE job = ? AND target = ?",
                               (job, target)).fetchone()
    return row[0] if row else 0


def _records_for(archive: Archive, spec: ExportSpec, job: str, run_id: int):
    if spec.records == "all":
        yield from archive.iter_records()
        return
    since = _watermark(archive, job, spec.out)
    for (rowid,) in archive.conn.execute(
        "SELECT rowid FROM records WHERE run_id > ? AND run_id <= ? ORDER BY rowid", (since, run_id)
    ).fetchall():
        yield archive.record_view(rowid)


def write_export(archive: Archive, spec: ExportSpec, job: Job, result: RunResult, started: datetime,
                 events: Events) -> bool:
    path = export_path(spec.out, job, result.run_id, started)
    # same folder (so the rename is atomic), same ending (so the writer compresses as the name says)
    partial = os.path.join(os.path.dirname(path), f".partial-{os.getpid()}-{os.path.basename(path)}")
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        count = export(_records_for(archive, spec, job.name, result.run_id), spec.format, partial)
        os.replace(partial, path)
    except (OSError, CleanerError) as exc:
        if os.path.exists(partial):
            os.unlink(partial)
        events("export_failed", file=path, format=spec.format, reason=str(exc))
        return False
    archive.begin()
    archive.conn.execute(
        "INSERT INTO job_exports (job, target, through_run, file, records, at) VALUES (?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (job, target) DO UPDATE SET through_run = excluded.through_run, file = excluded.file, "
        "records = excluded.records, at = excluded.at",
        (job.name, spec.out, result.run_id, path, count, utcnow()),
    )
    archive.commit()
    events("export", file=path, format=spec.format, records=count)
    return True


def run_job(job: Job, events: Events, progress: Callable[[], None] | None = None) -> int:
    """Run the job once; returns the exit status (see cleaner.cli.job for what each means)."""
    load_lexicon(job.rules)  # a bad rules file fails before the archive is touched
    options = IngestOptions(workers=job.workers, mode=job.mode, rules=job.rules,
                            fields=FieldNames(url=job.url_field, content=job.content_field),
                            max_inputs=job.max_inputs, max_seconds=job.max_seconds, keep_inputs=job.keep_inputs)
    os.makedirs(os.path.dirname(job.archive) or ".", exist_ok=True)
    try:
        lock_name = re.sub(r"[^\w.-]", "_", job.name)
        job_lock = FileLock(f"{job.archive}.job-{lock_name}.lock", f"job {job.name}", "is already running").acquire(0)
    except Busy as exc:
        events("job_running", job=job.name, reason=str(exc))
        return EXIT_JOB_RUNNING
    started_clock, started = time.monotonic(), datetime.now(timezone.utc)
    try:
        archive = Archive(job.archive)
        try:
            archive.lock_writer(job.wait_seconds)
        except Busy as exc:
            archive.close()
            events("archive_busy", job=job.name, reason=str(exc))
            return EXIT_BUSY
        try:
            def exports(result: RunResult) -> str | None:
                ok = [write_export(archive, spec, job, result, started, events) for spec in job.exports]
                return None if all(ok) else "export_failed"

            result = ingest_run(archive, job.sources, options, job=job.name, events=events, progress=progress,
                                after=exports)
        finally:
            archive.close()
    finally:
        job_lock.release()
    events("run_end", job=job.name, run=result.run_id, status=result.status, seconds=round(
        time.monotonic() - started_clock, 1), summary=result.counts.summary(), **result.counts.as_dict())
    if result.status == "export_failed":
        return EXIT_EXPORT_FAILED
    return EXIT_FAILED if result.counts.failed else EXIT_OK
