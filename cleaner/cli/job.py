"""`cleaner job run|check|history`: scheduled archive jobs that run unattended.

Events go to stderr, as text lines or (--log-format json) one JSON object per line for log collectors.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone

from tqdm import tqdm

from cleaner.cli.archive import DEFAULT_DB, progress_bar
from cleaner.export import json_line
from cleaner.jobs import load_job, run_job
from cleaner.store import Archive

EXIT_TEXT = (
    "Exit status: 0 the run went well; 1 it ran, but some inputs or sources failed (`cleaner errors`); 2 bad job "
    "file, rules file or option: nothing was run; 3 the archive stayed in use by another run for wait_seconds; "
    "4 this job is already running (an overlapping run does nothing); 5 an export could not be written (the "
    "records are archived and the next run exports them); 6 the archive could not be written (a full disk, a "
    "read-only file)."
)


def register(subparsers) -> None:
    parser = subparsers.add_parser("job", help="run scheduled archive jobs (cron, systemd timers, CI)",
                                   description="Scheduled archive jobs. " + EXIT_TEXT)
    commands = parser.add_subparsers(dest="job_command", required=True, metavar="JOB_COMMAND")

    p = commands.add_parser("run", help="run a job once: archive what is new, export it, report",
                            description="Run JOB once: archive its sources' new and changed inputs, write its "
                            "exports, record the run in the archive's history. " + EXIT_TEXT)
    p.add_argument("job", metavar="JOB.toml")
    p.add_argument("--log-format", choices=("text", "json"), default="text",
                   help="events on stderr as text lines or one JSON object per line (default text)")
    p.set_defaults(run=run_run)

    p = commands.add_parser("check", help="check a job file without running it",
                            description="Report every problem in JOB with its line. Exit status 0 or 2.")
    p.add_argument("job", metavar="JOB.toml")
    p.set_defaults(run=run_check)

    p = commands.add_parser("history", help="the runs recorded in an archive",
                            description="List runs: start, end, status, counts, errors. Give JOB.toml (its archive "
                            "and name) or --db (every run, or --job NAME's).")
    p.add_argument("job", metavar="JOB.toml", nargs="?")
    p.add_argument("--db", metavar="PATH", help=f"the archive (default: the job's, else {DEFAULT_DB})")
    p.add_argument("--job", dest="job_name", metavar="NAME", help="only this job's runs")
    p.add_argument("--limit", type=int, default=20, help="the most recent N runs (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per run")
    p.set_defaults(run=run_history)


TEXT_EVENTS = {
    "run_start": "run {run} started on {archive}",
    "input_failed": "{input}: {reason}",
    "input_deferred": "{input}: still being written; left for the next run",
    "run_cut_short": "run {run} cut short: {reason}; the next run goes on from here",
    "export": "wrote {records} record(s) to {file}",
    "export_skipped": "nothing new to export to {out}: no file written",
    "run_failed": "{reason}",
    "export_failed": "export to {file} failed: {reason}",
    "job_running": "{reason}; this run does nothing",
    "archive_busy": "{reason}; this run does nothing",
    "run_end": "run {run} {status} in {seconds} s: {summary}",
}


def event_printer(job: str, log_format: str, out=None):
    """Write each event as a line: text for people, JSON for log collectors."""

    def emit(kind: str, **fields) -> None:
        stream = out or sys.stderr
        if log_format == "json":
            stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            fields.pop("summary", None)
            payload = {"time": stamp, "event": kind, **fields, "job": job}
            line = json_line(payload)
        else:
            line = f"cleaner: job {job}: " + TEXT_EVENTS.get(kind, kind).format(**fields)
        tqdm.write(line, file=stream)  # above a progress bar, when a person runs the job on a terminal
        stream.flush()

    return emit


def run_run(args) -> int:
    job = load_job(args.job)
    events = event_printer(job.name, args.log_format)
    bar = progress_bar(f"job {job.name}")
    try:
        return run_job(job, events, progress=bar.update)
    finally:
        bar.close()


def run_check(args) -> int:
    job = load_job(args.job)
    print(f"cleaner: {args.job}: job {job.name!r} is fine: archive {job.archive}, {len(job.sources)} source(s), "
          f"{len(job.exports)} export(s)", file=sys.stderr)
    return 0


def run_history(args) -> int:
    name = args.job_name
    db = args.db
    if args.job:
        job = load_job(args.job)
        db, name = db or job.archive, name or job.name
    archive = Archive(db or DEFAULT_DB, create=False)
    runs = archive.runs(job=name, limit=args.limit)
    for run in runs:
        if args.json:
            print(json_line(run))
            continue
        c = run["counts"]
        counts = (f"{c.get('seen', 0)} seen, {c.get('new', 0)} new, {c.get('changed', 0)} changed, "
                  f"{c.get('failed', 0)} failed; {c.get('added', 0)} added, {c.get('updated', 0)} updated"
                  if c else "-")
        print(f"{run['run']:>5}  {run['job'] or '-':<12} {run['started']}  {run['ended'] or '-':<20}  "
              f"{run['status']:<13} {counts}; {run['errors']} error(s)")
    if not runs:
        print("cleaner: no runs recorded", file=sys.stderr)
    return 0
