"""Executors: where the steps run. `local` is a pool of processes on this machine; `ray` is Ray Data
(cleaning, in actors that load the lexicon and models once) and Ray tasks (the other steps) on a
Ray cluster. The steps are the same functions either way.

Ray is imported here only, and only when the ray engine is asked for: `cleaner clean`, `cleaner
archive` and `import cleaner` never load it.
"""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool

from cleaner.batch.clean import TaskResult, clean_task, prepare_worker
from cleaner.batch.output import Output
from cleaner.batch.plan import BatchOptions, Task
from cleaner.errors import CleanerError

ATTEMPTS = 3  # a task whose worker died is given to a new one this many times in all
IN_FLIGHT_PER_WORKER = 2


def failed_task(task: Task, reason: str) -> TaskResult:
    """A task that could not be run: none of its inputs were cleaned; the next run tries it again."""
    names = ", ".join(s.path for s in task.sources[:3]) + (" ..." if len(task.sources) > 3 else "")
    error = {"input": f"task {task.index} ({names})", "reason": f"not cleaned: {reason}; run the batch again"}
    return TaskResult(task.index, task.digest, errors=[error], ok=False)


def _clean_or_fail(task: Task, output: Output, options: BatchOptions) -> TaskResult:
    """One task in a worker: a task that raises (a full disk, a bug) fails alone, the run goes on."""
    try:
        return clean_task(task, output, options)
    except Exception as exc:  # noqa: BLE001 - reported in the manifest, retried by the next run
        return failed_task(task, f"{type(exc).__name__}: {exc}")


class LocalEngine:
    """Worker processes forked after the lexicon and models are loaded, so they share them."""

    def __init__(self, options: BatchOptions) -> None:
        self.options = options
        self.workers = max(1, options.workers)
        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")

    def close(self) -> None:
        pass

    def clean(self, tasks: list[Task], output: Output) -> Iterator[TaskResult]:
        """Results as tasks finish. A worker that dies (killed, out of memory) breaks the pool: the tasks
        that were in it go to a new pool, each up to ATTEMPTS times in all. A few tasks per worker are in
        flight at a time, so a break costs only those, and the task list may be of any length."""
        if not tasks:
            return
        prepare_worker(self.options)
        queue, tries = deque(tasks), Counter()
        while queue:
            lost = yield from self._clean_in_a_pool(queue, tries, output)
            for task in lost:
                if tries[task.index] >= ATTEMPTS:
                    yield failed_task(task, f"its worker died {ATTEMPTS} times")
                else:
                    queue.appendleft(task)

    def _clean_in_a_pool(self, queue: deque, tries: Counter, output: Output):
        """Clean from `queue` until it is empty or the pool breaks; returns the tasks the break lost."""
        running: dict[concurrent.futures.Future, Task] = {}
        with concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=self.context) as pool:
            while queue or running:
                while queue and len(running) < self.workers * IN_FLIGHT_PER_WORKER:
                    task = queue.popleft()
                    tries[task.index] += 1
                    running[pool.submit(_clean_or_fail, task, output, self.options)] = task
                finished, _ = concurrent.futures.wait(running, return_when=concurrent.futures.FIRST_COMPLETED)
                for future in finished:
                    if isinstance(future.exception(), BrokenProcessPool):
                        return list(running.values())
                    del running[future]
                    yield future.result()
        return []

    def map(self, fn: Callable, calls: list[tuple]) -> list:
        """fn(*args) for each args, in worker processes; results in order."""
        if len(calls) <= 1 or self.workers == 1:
            return [fn(*args) for args in calls]
        with concurrent.futures.ProcessPoolExecutor(self.workers, mp_context=self.context) as pool:
            return list(pool.map(_star, [(fn, args) for args in calls]))

    def shuffle(self, map_fn: Callable, calls: list[tuple], reduce_fn: Callable, partitions: int) -> list:
        """map_fn(*args) gives one share per partition; reduce_fn(*shares of partition p) for each p."""
        shares = self.map(map_fn, calls)
        return self.map(reduce_fn, [tuple(share[p] for share in shares) for p in range(partitions)])


def _star(packed: tuple) -> object:
    fn, args = packed
    return fn(*args)


class CleanShards:
    """A Ray Data actor: loads the lexicon and models once, then cleans one task per batch row. Ray
    restarts an actor that dies and retries its task, up to ATTEMPTS times."""

    def __init__(self, root: str, options: BatchOptions) -> None:
        self.output = Output(root)
        self.options = options
        prepare_worker(options)

    def __call__(self, batch: dict) -> dict:
        import json

        import numpy as np

        results = [_clean_or_fail(Task.from_json(text), self.output, self.options).as_dict()
                   for text in batch["task"]]
        return {"result": np.array([json.dumps(r) for r in results], dtype=object)}


class RayEngine:
    def __init__(self, options: BatchOptions) -> None:
        try:
            import ray
        except ImportError:
            raise CleanerError("the ray engine needs Ray: pip install 'cleaner[ray]'") from None
        self.ray = ray
        self.options = options
        self.workers = max(1, options.workers)
        self.started = False
        if not ray.is_initialized():
            # --address, else RAY_ADDRESS (set in a job `ray job submit` started), else a Ray instance of our own
            address = options.address or os.environ.get("RAY_ADDRESS")
            kwargs = {"address": address} if address else {  # a Ray of our own listens on loopback only
                "num_cpus": max(self.workers, os.cpu_count() or 1), "include_dashboard": False,
                "_node_ip_address": "127.0.0.1"}
            try:
                ray.init(log_to_driver=False, logging_level=logging.WARNING, **kwargs)
            except (ConnectionError, ValueError, RuntimeError) as exc:
                raise CleanerError(f"cannot start or reach Ray{f' at {address}' if address else ''} ({exc})") from None
            self.started = True
        import ray.data

        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.ERROR)

    def close(self) -> None:
        if self.started:
            self.ray.shutdown()

    def clean(self, tasks: list[Task], output: Output) -> Iterator[TaskResult]:
        """Ray Data: a row per task, cleaned by a pool of actors; a killed actor is restarted and its task
        retried by Ray."""
        if not tasks:
            return
        import json

        import ray.data

        dataset = ray.data.from_items([{"task": t.to_json()} for t in tasks], override_num_blocks=len(tasks))
        with warnings.catch_warnings():  # Ray 2.60 has no named parameter for retries yet, and warns
            warnings.simplefilter("ignore")
            cleaned = dataset.map_batches(
                CleanShards, fn_constructor_args=(output.root, self.options), batch_size=1, num_cpus=1,
                compute=ray.data.ActorPoolStrategy(size=self.workers), max_restarts=-1, max_task_retries=ATTEMPTS,
            )
        # a task Ray gives up on (its worker died every time) is left out, not the end of the run
        ray.data.DataContext.get_current().max_errored_blocks = -1
        for row in cleaned.iter_rows():
            yield TaskResult.from_dict(json.loads(row["result"]))

    def map(self, fn: Callable, calls: list[tuple]) -> list:
        remote = self.ray.remote(fn).options(num_cpus=1, max_retries=ATTEMPTS)
        return self.ray.get([remote.remote(*args) for args in calls])

    def shuffle(self, map_fn: Callable, calls: list[tuple], reduce_fn: Callable, partitions: int) -> list:
        """A Ray shuffle: each map task returns its shares as separate objects, and each reduce task
        takes its partition's shares straight from the object store, not through this process."""
        mapper = self.ray.remote(map_fn).options(num_cpus=1, num_returns=partitions, max_retries=ATTEMPTS)
        reducer = self.ray.remote(reduce_fn).options(num_cpus=1, max_retries=ATTEMPTS)
        shares = [mapper.remote(*args) for args in calls]
        return self.ray.get([reducer.remote(*(share[p] for share in shares)) for p in range(partitions)])


def engine_for(options: BatchOptions):
    return RayEngine(options) if options.engine == "ray" else LocalEngine(options)
