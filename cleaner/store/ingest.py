"""Archive a run's sources: list them, skip what the archive has, clean the rest, store each result.

Workers read page files themselves and clean them; this process lists sources, reads containers
(JSONL, JSON, WARC) and standard input, and alone writes the archive, so SQLite has one writer and a
page's bytes never pass between processes. Results are stored in input order (the first of two
near-duplicates is the same in every run), committed in small batches, each input with the row
that marks it seen.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field

from cleaner.api import NO_ARTICLE, clean_item
from cleaner.errors import CleanerError, InputError
from cleaner.metadata.language import load_profiles
from cleaner.read import InputItem
from cleaner.read.jsonl import FieldNames
from cleaner.read.sources import STDIN, SourceFile, list_sources, read_bytes, read_items
from cleaner.record import Record
from cleaner.store.archive import Archive, InputState, Prepared

COMMIT_EVERY_ITEMS = 100
COMMIT_EVERY_SECONDS = 1.0

Events = Callable[..., None]  # events(kind, **fields): what a run reports as it goes


@dataclass
class IngestOptions:
    workers: int = 1
    mode: str = "auto"
    rules: str | None = None
    fields: FieldNames = field(default_factory=FieldNames)
    max_inputs: int | None = None  # most inputs cleaned in one run
    max_seconds: float | None = None  # most seconds spent starting new inputs
    retry_failed: bool = False  # clean again inputs that failed, even unchanged (new rules, a newer cleaner)
    keep_inputs: bool = True  # keep each record's input (compressed) beside it, for the views and later re-cleaning


@dataclass
class Counts:
    seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    retried: int = 0  # failed before, unchanged, cleaned again (--retry-failed)
    failed: int = 0
    deferred: int = 0  # still being written: left for the next run
    added: int = 0
    updated: int = 0
    duplicate: int = 0
    near_duplicate: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        text = (f"inputs: {self.seen} seen, {self.new} new, {self.changed} changed, {self.unchanged} unchanged, "
                + (f"{self.retried} retried, " if self.retried else "") + f"{self.failed} failed")
        if self.deferred:
            text += f", {self.deferred} still being written (left for the next run)"
        return (text + f"; records: {self.added} added, {self.updated} updated, "
                f"{self.duplicate} duplicate, {self.near_duplicate} near-duplicate")


@dataclass(slots=True)
class PageFile:
    """A page file for a worker to read itself: its bytes never pass through the writing process."""

    source: SourceFile
    known_sha256: str | None  # the content the archive holds for this file: the same again needs no cleaning


@dataclass(slots=True)
class Outcome:
    """What a worker made of one input."""

    status: str  # cleaned | failed | unchanged (a touched file, same content) | deferred (still being written)
    prepared: Prepared | None = None
    reason: str | None = None
    sha256: str | None = None


@dataclass(slots=True)
class Task:
    """One input on its way through the pipeline: an item read here, a page file a worker reads, or
    the marker that ends a container (neither: no work, only the container's end)."""

    item: InputItem | None
    page: PageFile | None = None
    sha256: str | None = None
    size: int | None = None
    mtime_ns: int | None = None
    prior: InputState | None = None  # the archive's row for this input before the run
    retry: bool = False  # it failed before: cleaned again even if unchanged
    container: SourceFile | None = None  # set on the marker that ends a container
    items: int = 0  # on that marker: how many inputs the container held

    @property
    def work(self) -> InputItem | PageFile | None:
        return self.item if self.item is not None else self.page


def record_or_reason(item: InputItem, mode: str, rules: str | None) -> Record | str:
    """What the archive (and a batch shard) keeps of one input: the record cleaner wrote before (an
    export read back) as it is, else the cleaned record with its fetch time; or why it failed.

    The one place an input's exception is caught, whatever it is: one odd page must not stop a
    batch of thousands.
    """
    try:
        if item.record is not None:
            record = Record.from_dict(item.record)
        else:
            record = clean_item(item, mode=mode, rules=rules)
            if item.fetched:
                record.extra.setdefault("fetched", item.fetched)
    except InputError as exc:
        return exc.reason
    except CleanerError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - see above
        return f"could not be cleaned ({type(exc).__name__}: {exc})"
    return record if record.text.strip() else NO_ARTICLE


def prepare(item: InputItem, mode: str, rules: str | None, sha256: str | None = None, keep: bool = False) -> Outcome:
    """Clean one input in a worker: the record ready to store (with its input when `keep`), or the
    reason it failed."""
    result = record_or_reason(item, mode, rules)
    if isinstance(result, str):
        return Outcome("failed", reason=result, sha256=sha256)
    original = item.content if keep and item.record is None else None
    return Outcome("cleaned", Prepared.of(result, original), sha256=sha256)


def read_and_prepare(page: PageFile, mode: str, rules: str | None, keep: bool = False) -> Outcome:
    """Read a page file in the worker, then clean it unless it is what the archive already holds."""
    source = page.source
    try:
        content = read_bytes(source)
    except InputError as exc:
        return Outcome("failed", reason=exc.reason)
    if source.changed_since_listed():
        return Outcome("deferred", reason="still being written")
    sha = sha256_of(content)
    if sha == page.known_sha256:
        return Outcome("unchanged", sha256=sha)
    item = InputItem(name=source.path, content=content, path=source.path, key=source.key)
    return prepare(item, mode, rules, sha, keep)


def work_on(work: InputItem | PageFile, mode: str, rules: str | None, keep: bool = False) -> Outcome:
    if isinstance(work, PageFile):
        return read_and_prepare(work, mode, rules, keep)
    return prepare(work, mode, rules, keep=keep)


def sha256_of(content: bytes | str) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


class Ingest:
    def __init__(self, archive: Archive, options: IngestOptions, events: Events | None = None) -> None:
        self.archive = archive
        self.options = options
        self.events = events or (lambda kind, **fields: None)
        self.counts = Counts()
        self.cut_short: str | None = None  # why the run stopped early (a limit), if it did
        self._started = time.monotonic()
        self._queued = 0

    # -- producing work ------------------------------------------------------------------------

    def _limit_reached(self) -> bool:
        opts = self.options
        if opts.max_inputs is not None and self._queued >= opts.max_inputs:
            self.cut_short = f"most inputs per run ({opts.max_inputs}) reached"
        elif opts.max_seconds is not None and time.monotonic() - self._started >= opts.max_seconds:
            self.cut_short = f"most seconds per run ({opts.max_seconds:g}) reached"
        return self.cut_short is not None

    def _fail(self, run_id: int, name: str, reason: str, key: str | None = None,
              prior: InputState | None = None, **meta) -> None:
        self.counts.failed += 1
        self.archive.begin()
        if key:
            self.archive.save_input(key, status="failed", reason=reason, record=prior.record if prior else None,
                                    run_id=run_id, name=name, **meta)
        self.archive.record_error(run_id, name, reason)
        self.events("input_failed", input=name, reason=reason)

    def _page_task(self, source: SourceFile) -> Task | None:
        """A page file for a worker, or None when it is as the archive last saw it (size and mtime)."""
        state = self.archive.input_state(source.key)
        self.counts.seen += 1
        retry = self._retry(state)
        if state is not None and (state.size, state.mtime_ns) == (source.size, source.mtime_ns) and not retry:
            self.counts.unchanged += 1
            return None
        self._queued += 1
        page = PageFile(source, state.sha256 if state and not retry else None)
        return Task(None, page, size=source.size, mtime_ns=source.mtime_ns, prior=state, retry=retry)

    def _retry(self, state: InputState | None) -> bool:
        return self.options.retry_failed and state is not None and state.status == "failed"

    def _unchanged_container(self, source: SourceFile) -> int:
        """How many inputs the container held if it is as the archive last saw it (0 if it changed or is new)."""
        state = self.archive.input_state(source.key)
        if state is None or (state.size, state.mtime_ns) != (source.size, source.mtime_ns):
            return 0
        if self.options.retry_failed and self.archive.has_failed_items(source.path):
            return 0  # read it again: its failed items are retried, the others skipped by their hash
        return state.items or 1

    def _item_task(self, item: InputItem, source: SourceFile) -> Task | None:
        """An input read here (a container's item, standard input), or None when the archive has it."""
        sha = sha256_of(item.content)
        if source.path == STDIN:
            item.key = f"stdin:{sha}"
        self.counts.seen += 1
        state = self.archive.input_state(item.key)
        retry = self._retry(state)
        if state is not None and state.sha256 == sha and not retry:
            self.counts.unchanged += 1
            if state.status == "failed" and state.name != item.name:  # its line moved: `errors` names the new one
                self.archive.begin()
                self.archive.conn.execute("UPDATE inputs SET name = ? WHERE key = ?", (item.name, item.key))
            return None
        self._queued += 1
        return Task(item, sha256=sha, size=len(item.content), prior=state, retry=retry)

    def _tasks(self, sources: list, run_id: int) -> Iterator[Task]:
        for source in sources:
            if self._limit_reached():
                return
            if isinstance(source, InputError):
                self.counts.seen += 1
                self._fail(run_id, source.source, source.reason)
            elif source.kind == "page" and source.path != STDIN:
                task = self._page_task(source)
                if task is not None:
                    yield task
            elif unchanged := (self._unchanged_container(source) if source.path != STDIN else 0):
                self.counts.seen += unchanged
                self.counts.unchanged += unchanged
            else:
                yield from self._tasks_of(source, run_id)

    def _tasks_of(self, source: SourceFile, run_id: int) -> Iterator[Task]:
        held = 0
        for item in read_items(source, self.options.fields):
            held += 1
            if isinstance(item, InputError):
                self.counts.seen += 1
                self._fail(run_id, item.source, item.reason)
                continue
            task = self._item_task(item, source)
            if task is not None:
                yield task
            if self._limit_reached():
                return
        if source.kind != "page":
            yield Task(None, container=source, items=held)

    # -- storing results -----------------------------------------------------------------------

    def _store(self, task: Task, outcome: Outcome | None, run_id: int) -> None:
        if task.container is not None:
            self._store_container(task, run_id)
            return
        item = task.item
        key = item.key if item is not None else task.page.source.key
        path = item.path if item is not None else task.page.source.path
        name = item.name if item is not None else path
        if outcome.status == "deferred":
            self.counts.deferred += 1
            self.events("input_deferred", input=name, reason=outcome.reason)
            return
        if outcome.status == "unchanged":  # touched but not changed: remember the new mtime, so next time needs no read
            self.counts.unchanged += 1
            self.archive.begin()
            self.archive.conn.execute("UPDATE inputs SET size = ?, mtime_ns = ? WHERE key = ?",
                                      (task.size, task.mtime_ns, key))
            return
        meta = {"path": path, "size": task.size, "mtime_ns": task.mtime_ns, "sha256": task.sha256 or outcome.sha256}
        if task.prior is None:
            self.counts.new += 1
        elif task.retry and meta["sha256"] == task.prior.sha256:
            self.counts.retried += 1
        else:
            self.counts.changed += 1
        if outcome.status != "cleaned":
            self._fail(run_id, name, outcome.reason, key=key, prior=task.prior, **meta)
            return
        self._store_record(task, outcome.prepared, key, dict(meta, name=name), run_id)

    def _store_record(self, task: Task, prepared: Prepared, key: str, meta: dict, run_id: int) -> None:
        archive, item = self.archive, task.item
        archive.begin()
        url = item.url if item is not None else None
        result, rowid = archive.store_record(key, url, prepared, run_id, prior=task.prior)
        if item is not None and item.record is not None:
            archive.add_sources(rowid, (item.record.get("archive") or {}).get("urls") or [])
        archive.save_input(key, status="ok", reason=None, record=rowid, run_id=run_id, **meta)
        attr = {"added": "added", "near": "near_duplicate", "duplicate": "duplicate", "updated": "updated"}.get(result)
        if attr:
            setattr(self.counts, attr, getattr(self.counts, attr) + 1)

    def _store_container(self, task: Task, run_id: int) -> None:
        container = task.container
        if not container.changed_since_listed():
            self.archive.begin()
            self.archive.save_input(container.key, path=container.path, size=container.size,
                                    mtime_ns=container.mtime_ns, sha256=None, status="container", reason=None,
                                    record=None, run_id=run_id, items=task.items)

    def run(self, sources: list[str], run_id: int, progress: Callable[[], None] | None = None) -> Counts:
        return self.run_listed(list_sources(sources), run_id, progress)

    def run_listed(self, listed: list, run_id: int, progress: Callable[[], None] | None = None) -> Counts:
        """Ingest sources listed earlier: a file that moved since its listing is still being written."""
        last_commit, since_commit = time.monotonic(), 0
        try:
            for task, result in ordered_map(self._tasks(listed, run_id), self.options):
                self._store(task, result, run_id)
                since_commit += 1
                if since_commit >= COMMIT_EVERY_ITEMS or time.monotonic() - last_commit >= COMMIT_EVERY_SECONDS:
                    self.archive.commit()
                    last_commit, since_commit = time.monotonic(), 0
                if progress and task.container is None:
                    progress()
        except BaseException:
            self.archive.rollback()  # Ctrl-C or a bug: never commit an input stored half way
            raise
        self.archive.commit()
        return self.counts


WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1><p>"
    + "This page loads what cleaning needs once, before the workers are forked, so that they share it. " * 3
    + "</p></article></body></html>"
)


def warm_up(options: IngestOptions) -> None:
    """Load the lexicon, language profiles and extractor in this process, then fork.

    Forked workers share those pages instead of each loading its own copy; gc.freeze keeps the
    collector from touching (and so copying) them.
    """
    prepare(InputItem(name="warm-up", content=WARM_UP_PAGE), options.mode, options.rules)
    load_profiles()  # langdetect's 50 MB, loaded on first use otherwise: once per worker
    gc.freeze()


def ordered_map(tasks: Iterator[Task], options: IngestOptions) -> Iterator[tuple[Task, Outcome | None]]:
    """Clean tasks in worker processes, yielding results in input order with few tasks in flight.

    Workers clean while this process writes, so with one worker the archive's writes use a second
    core when there is one. A run of a few inputs, or one worker on a single core, is cleaned here
    between writes: starting a worker would cost more than it saves.
    Pool.imap would read the whole input ahead of the workers; a window of a few tasks per worker
    keeps memory bounded whatever the size of the sources.
    """
    tasks = iter(tasks)
    head = list(itertools.islice(tasks, FEW_INPUTS))
    methods = multiprocessing.get_all_start_methods()
    one_core = options.workers <= 1 and ("fork" not in methods or usable_cores() < 2)
    if len(head) < FEW_INPUTS or one_core:
        for task in itertools.chain(head, tasks):
            work = task.work
            yield task, None if work is None else work_on(work, options.mode, options.rules, options.keep_inputs)
        return
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    if context.get_start_method() == "fork":
        warm_up(options)
    workers = max(1, options.workers)
    with context.Pool(workers) as pool:
        pending: deque = deque()  # (tasks of a chunk, their pending results)
        for chunk in _chunks(itertools.chain(head, tasks), CHUNK):
            works = [task.work for task in chunk if task.work is not None]
            pending.append((chunk, pool.apply_async(work_on_many,
                                                    (works, options.mode, options.rules, options.keep_inputs))))
            while len(pending) >= workers * WINDOW_CHUNKS:
                yield from _in_order(*pending.popleft())
        while pending:
            yield from _in_order(*pending.popleft())


def usable_cores() -> int:
    """Cores this process may run on (its affinity mask, as taskset or a container sets it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


FEW_INPUTS = 8  # fewer inputs than one chunk are cleaned in the writing process: a worker would not pay off
CHUNK = 8  # inputs per message to a worker: one message per page cost as much as storing it
WINDOW_CHUNKS = 4  # chunks in flight per worker: enough to keep it busy, few enough to bound memory


def work_on_many(works: list[InputItem | PageFile], mode: str, rules: str | None, keep: bool) -> list[Outcome]:
    return [work_on(work, mode, rules, keep) for work in works]


def _chunks(tasks: Iterator[Task], size: int) -> Iterator[list[Task]]:
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size or task.work is None:  # a container's end marker goes out at once
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(chunk: list[Task], job) -> Iterator[tuple[Task, Outcome | None]]:
    results = iter(job.get())
    for task in chunk:
        yield task, None if task.work is None else next(results)


@dataclass
class RunResult:
    run_id: int
    counts: Counts
    status: str  # ok | errors (it ran; some inputs failed) | partial (a limit cut it short) | export_failed
    cut_short: str | None = None


def ingest_run(
    archive: Archive, sources: list[str], options: IngestOptions, *, job: str | None = None,
    events: Events | None = None, progress: Callable[[], None] | None = None,
    after: Callable[[RunResult], str | None] | None = None,
) -> RunResult:
    """One run on an archive this process already locked: history row, ingest, then `after` (exports).

    `after` may return a status that replaces the run's own (an export that failed). A run that
    dies before the end stays 'running' in the history until the next run marks it 'killed'.
    """
    events = events or (lambda kind, **fields: None)
    names = [str(s) for s in sources]
    run_id = archive.start_run(job, names)
    events("run_start", run=run_id, archive=archive.path, sources=names, job=job)
    ingest = Ingest(archive, options, events)
    result = RunResult(run_id, ingest.counts, "interrupted")
    try:
        ingest.run(sources, run_id, progress)
        result.cut_short = ingest.cut_short
        result.status = "partial" if ingest.cut_short else "errors" if ingest.counts.failed else "ok"
        if ingest.cut_short:
            events("run_cut_short", run=run_id, reason=ingest.cut_short)
        if after is not None:
            result.status = after(result) or result.status
    finally:
        archive.end_run(run_id, result.status, ingest.counts.as_dict())
    return result


def archive_sources(
    db: str, sources: list[str], options: IngestOptions, *, wait_seconds: float = 0.0, job: str | None = None,
    events: Events | None = None, progress: Callable[[], None] | None = None,
) -> RunResult:
    """Open the archive, become its only writer (waiting up to `wait_seconds`), run, close."""
    archive = Archive(db)
    try:
        archive.lock_writer(wait_seconds)
        return ingest_run(archive, sources, options, job=job, events=events, progress=progress)
    finally:
        archive.close()
