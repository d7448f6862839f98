"""Batches clean in worker processes, so that no input can stop them.

`cleaner.limits.time_limit` stops cleaning between Python steps, but not inside one long call into
C (lxml on a huge page), and nothing inside a process survives a crash in C code or the kernel's
out-of-memory killer. So a batch cleans in worker processes, as datatrove runs each extraction in
a subprocess with a timeout: each worker notes in shared memory which input of its chunk it is
on and when it began it; the supervisor stops a worker still on one input past the time limit
plus a grace period, fails that input alone, and hands the rest of the chunk to a new worker. A
worker that dies fails only the input it was on.

Work goes out in chunks and results come back in chunks (a message per input costs a tenth of
cleaning a small text), and reach the caller in input order, with a bounded number of inputs,
and bytes, in flight. A sender thread per worker writes its chunks, so the supervisor, which
reads results, and a worker, which writes them, never wait on each other's full pipe.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.reduction import ForkingPickler
from typing import Any

from cleaner.errors import CleaningError, InputError, InputTimeout, describe_exception
from cleaner.limits import MB, timeout_reason

GRACE_SECONDS = 5.0  # past the time limit before a worker is stopped: its own alarm comes first
CHUNK = 8  # inputs per message to a worker
WINDOW_CHUNKS = 4  # chunks in flight per worker: enough to keep it busy, few enough to bound memory
BYTES_IN_FLIGHT = 128 * MB  # of inputs' content read here and not yet given back to the caller
WARM_UP_FROM = 8  # works in the first batch: fewer, and loading everything in advance costs more than it saves
PR_SET_PDEATHSIG = 1

# failed(work, error class, reason): what the caller gets for a work whose worker was stopped or died
Failed = Callable[[Any, type[InputError], str], Any]


@dataclass(slots=True)
class _Fault:
    """The worker's function raised, though it should not: the supervisor makes it that input's failure."""

    description: str


@dataclass(slots=True)
class _Entry:
    task: Any
    work: Any
    size: int = 0
    result: Any = None
    done: bool = False


def _die_with_parent(parent: int) -> None:
    """Linux: the kernel kills this worker when the supervisor dies (kill -9 included), so no
    orphan lingers or writes into a log after its run."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the closed pipe ends the worker when it next reads
    if os.getppid() != parent:
        os._exit(0)


def _serve(fn: Callable, tasks, results, starts, places, slot: int, parent: int, parent_ends: tuple) -> None:
    """A worker's loop: a chunk in, its results out, until told to stop or the supervisor is gone."""
    for end in parent_ends:
        end.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's to handle
    _die_with_parent(parent)
    try:
        while (works := tasks.recv()) is not None:
            out = []
            for place, work in enumerate(works):
                places[slot], starts[slot] = place, time.monotonic()
                if isinstance(work, _Fault):  # it could not be sent here
                    out.append(work)
                    starts[slot] = 0.0
                    continue
                try:
                    out.append(fn(work))
                except BaseException as exc:  # noqa: BLE001 - it is reported as this input's failure
                    out.append(_Fault(describe_exception(exc)))
                starts[slot] = 0.0
            try:
                results.send(out)
            except (EOFError, OSError):
                raise
            except Exception:  # noqa: BLE001 - one could not be pickled: that one fails, named
                results.send([_passable(result) for result in out])
            places[slot] = 0
    except (EOFError, OSError):
        pass  # the supervisor is gone: there is no one to report to
    os._exit(0)


def _passable(result: Any) -> Any:
    """The result itself, or a fault naming why it cannot cross to the supervisor."""
    try:
        pickle.dumps(result)
    except Exception as exc:  # noqa: BLE001 - whatever stops pickling, the input fails, named
        return _Fault(f"its result could not be passed on ({describe_exception(exc)})")
    return result


def _chunk_bytes(works: list | None) -> bytes:
    """A chunk as the pipe carries it. A work that cannot be pickled (a JSON item nested too
    deep for pickle's recursion) goes as the fault that fails it: lost in the sender thread, it
    would leave the supervisor waiting for its result for ever."""
    try:
        return ForkingPickler.dumps(works)
    except Exception:  # noqa: BLE001 - whatever stops pickling, that input fails, named
        return ForkingPickler.dumps([_sendable(work) for work in works])


def _sendable(work: Any) -> Any:
    try:
        ForkingPickler.dumps(work)
    except Exception as exc:  # noqa: BLE001 - as above
        return _Fault(f"it could not be passed to a worker process ({describe_exception(exc)})")
    return work


class _Worker:
    def __init__(self, context, fn: Callable, starts, places, slot: int) -> None:
        task_recv, task_send = context.Pipe(duplex=False)
        result_recv, result_send = context.Pipe(duplex=False)
        self.process = context.Process(
            target=_serve, daemon=True, name=f"cleaner-worker-{slot}",
            args=(fn, task_recv, result_send, starts, places, slot, os.getpid(), (task_send, result_recv)),
        )
        self.process.start()
        task_recv.close()
        result_send.close()
        self.results = result_recv
        self.slot = slot
        self.sent: deque[list[_Entry]] = deque()  # chunks sent, no results yet, in the order the worker takes them
        self.outstanding = 0  # inputs in them
        self._tasks = task_send
        self._outbox: queue.SimpleQueue = queue.SimpleQueue()
        threading.Thread(target=self._send_loop, daemon=True, name=f"cleaner-sender-{slot}").start()

    def _send_loop(self) -> None:
        while True:
            message = self._outbox.get()
            try:
                self._tasks.send_bytes(_chunk_bytes(message))
            except Exception:  # noqa: BLE001 - the worker is gone (or its pipe closed): the supervisor sees that
                return
            if message is None:
                return

    def send(self, entries: list[_Entry]) -> None:
        self.sent.append(entries)
        self.outstanding += len(entries)
        self._outbox.put([e.work for e in entries])

    def answered(self) -> list[_Entry]:
        chunk = self.sent.popleft()
        self.outstanding -= len(chunk)
        return chunk

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            self._outbox.put(None)
            self.process.join(2)
            if self.process.is_alive():
                self.process.kill()
        self.process.join()
        self._outbox.put(None)
        for end in (self.results, self._tasks):
            end.close()

    def how_it_ended(self) -> str:
        self.process.join(5)  # its sentinel closes a moment before it can be reaped
        code = self.process.exitcode
        if code is not None and code < 0:
            name = signal.Signals(-code).name
            hint = ": perhaps the system ran out of memory" if -code == signal.SIGKILL else ""
            return f"its worker process was killed by {name}{hint}"
        return f"its worker process ended unexpectedly (exit status {code})"


def _content_size(work: Any) -> int:
    content = getattr(work, "content", None)
    return len(content) if isinstance(content, (bytes, str)) else 0


class Supervisor:
    """Runs `fn(work)` for each work in worker processes; `map` yields the results in input order.

    `fn` should return its failures, not raise them. `failed(work, error_class, reason)` makes the
    result of a work whose worker overran `max_seconds` (plus a grace period) or died.
    `warm_up` runs once here before the first worker starts, so that forked workers share what it
    loads; not for a batch of fewer than `warm_up_from` works, where each worker loads what it needs.
    """

    def __init__(
        self, fn: Callable[[Any], Any], *, failed: Failed, workers: int = 1, max_seconds: float | None = None,
        warm_up: Callable[[], None] | None = None, grace: float = GRACE_SECONDS, chunk: int = CHUNK,
        window: int = WINDOW_CHUNKS, bytes_in_flight: int = BYTES_IN_FLIGHT, warm_up_from: int = WARM_UP_FROM,
    ) -> None:
        self.fn = fn
        self.failed = failed
        self.workers = max(1, workers)
        self.max_seconds = max_seconds
        self.warm_up = warm_up
        self.grace = grace
        self.chunk = chunk
        self.window = window
        self.bytes_in_flight = bytes_in_flight
        self.warm_up_from = warm_up_from

    def map(self, tasks: Iterable[Any], work_of: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
        """(task, result) for each task in order; a task whose work_of is None gets None, unsent."""
        run = _Run(self)
        finished = False
        try:
            yield from run.results(iter(tasks), work_of)
            finished = True
        finally:
            run.stop(kill=not finished)


class _Run:
    def __init__(self, supervisor: Supervisor) -> None:
        self.sup = supervisor
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.starts = self.context.RawArray("d", supervisor.workers)  # when each worker began its input
        self.places = self.context.RawArray("i", supervisor.workers)  # which input of its chunk it is on
        self.workers: list[_Worker | None] = [None] * supervisor.workers
        self.order: deque[_Entry] = deque()  # every task in flight, in input order
        self.backlog: deque[_Entry] = deque()  # works not yet sent to a worker
        self.bytes = 0
        self.warmed = False
        self.frozen = False

    def results(self, tasks: Iterator[Any], work_of: Callable[[Any], Any]) -> Iterator[tuple[Any, Any]]:
        sup = self.sup
        capacity = sup.workers * sup.window * sup.chunk
        exhausted = False
        while True:
            while self.order and self.order[0].done:
                entry = self.order.popleft()
                self.bytes -= entry.size
                yield entry.task, entry.result
            while not exhausted and len(self.order) < capacity and (not self.order or self.bytes < sup.bytes_in_flight):
                try:
                    task = next(tasks)
                except StopIteration:
                    exhausted = True
                    break
                work = work_of(task)
                entry = _Entry(task, work, 0 if work is None else _content_size(work), done=work is None)
                self.order.append(entry)
                self.bytes += entry.size
                if work is not None:
                    self.backlog.append(entry)
            if not self.order:
                return
            if not self.order[0].done:
                self.dispatch(final=exhausted)
                self.collect()

    # -- sending -------------------------------------------------------------------------------

    def dispatch(self, *, final: bool) -> None:
        """Send whole chunks to the least busy workers, each up to its window. A part chunk goes
        only to an idle worker, or at the end of the input: one message per input would cost as
        much as cleaning a small one."""
        sup = self.sup
        while self.backlog:
            slot = min(range(sup.workers), key=lambda s: self.workers[s].outstanding if self.workers[s] else 0)
            worker = self.workers[slot]
            busy = worker.outstanding if worker else 0
            size = min(sup.chunk, len(self.backlog), -(-len(self.backlog) // sup.workers) if final else sup.chunk)
            if busy + size > sup.window * sup.chunk or (size < sup.chunk and busy and not final):
                return
            worker = worker or self.start(slot)
            worker.send([self.backlog.popleft() for _ in range(size)])

    def start(self, slot: int) -> _Worker:
        if not self.warmed:
            self.warmed = True
            if self.sup.warm_up is not None and len(self.backlog) >= self.sup.warm_up_from:
                self.sup.warm_up()
            gc.freeze()  # the collector would touch, and so copy, every page the workers share
            self.frozen = True
        self.starts[slot] = 0.0
        self.workers[slot] = _Worker(self.context, self.sup.fn, self.starts, self.places, slot)
        return self.workers[slot]

    # -- receiving -----------------------------------------------------------------------------

    def collect(self) -> None:
        busy = [w for w in self.workers if w is not None and w.sent]
        if not busy:
            return
        ready = set(multiprocessing.connection.wait(
            [w.results for w in busy] + [w.process.sentinel for w in busy], self.wait_seconds(busy)))
        for worker in busy:
            if worker.results in ready:
                self.receive(worker)
            if worker.process.sentinel in ready:
                self.receive(worker)
                self.lost(worker, CleaningError, worker.how_it_ended())
        self.stop_overruns()

    def receive(self, worker: _Worker) -> None:
        """Take every chunk of results the worker has written so far."""
        try:
            while worker.sent and worker.results.poll():
                results = worker.results.recv()
                for entry, result in zip(worker.answered(), results, strict=True):
                    if isinstance(result, _Fault):
                        result = self.sup.failed(entry.work, CleaningError,
                                                 f"could not be cleaned: {result.description}")
                    entry.result, entry.done = result, True
        except (EOFError, OSError):
            pass  # it died: its sentinel says so

    def wait_seconds(self, busy: list[_Worker]) -> float | None:
        if self.sup.max_seconds is None:
            return None
        now, limit = time.monotonic(), self.sup.max_seconds + self.sup.grace
        left = [self.starts[w.slot] + limit - now for w in busy if self.starts[w.slot]]
        return max(0.01, min(left)) if left else 1.0

    def stop_overruns(self) -> None:
        if self.sup.max_seconds is None:
            return
        limit = self.sup.max_seconds + self.sup.grace
        for worker in self.workers:
            if worker is None or not worker.sent:
                continue
            began = self.starts[worker.slot]
            if began and time.monotonic() - began > limit:
                self.receive(worker)
                if self.starts[worker.slot] == began:  # still on the same input
                    self.lost(worker, InputTimeout, timeout_reason(self.sup.max_seconds) + "; its worker was stopped")

    def lost(self, worker: _Worker, error_class: type[InputError], reason: str) -> None:
        """The worker was stopped or died: the input it was on fails; the others of its chunks, done
        (their results went with it) or not, go to a new worker."""
        worker.stop(kill=True)
        again = [entry for chunk in worker.sent for entry in chunk]
        if again:
            entry = again.pop(min(self.places[worker.slot], len(again) - 1))
            entry.result, entry.done = self.sup.failed(entry.work, error_class, reason), True
        self.backlog.extendleft(reversed(again))
        worker.sent.clear()
        self.workers[worker.slot] = None
        self.starts[worker.slot] = 0.0

    def stop(self, *, kill: bool) -> None:
        for worker in self.workers:
            if worker is not None:
                worker.stop(kill=kill)
        self.workers = [None] * self.sup.workers
        if self.frozen:
            gc.unfreeze()  # a library caller's objects are collected again after the batch
