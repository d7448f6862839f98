"""The cleaning step: one task's inputs read, cleaned and written as one shard.

The step never knows its executor (a local process or a Ray actor): it reads through
cleaner.read, cleans through the library as `cleaner archive` does (the same record for the same
input), and writes the shard, the task's signatures for deduplication, and last the marker that
says the task is done. Records are streamed to the shard, so a container of any size is cleaned
in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cleaner.batch.output import Output, done_path, shard_path, signatures_path, write_shard
from cleaner.batch.plan import BatchOptions, Task
from cleaner.errors import InputError
from cleaner.read.sources import read_items
from cleaner.store.ingest import IngestOptions, record_or_reason, warm_up
from cleaner.store.neardup import signature_of

ORDER_BITS = 32  # a record's place in the whole output: task index << 32 | row in the task


def order_of(task_index: int, row: int) -> int:
    return (task_index << ORDER_BITS) | row


def task_of(order: int) -> int:
    return order >> ORDER_BITS


@dataclass
class TaskResult:
    index: int
    digest: str
    inputs: int = 0
    records: int = 0
    errors: list[dict] = field(default_factory=list)  # {input, reason}
    ok: bool = True  # False: the task could not be run (its shard is not written)

    def as_dict(self) -> dict:
        return {"index": self.index, "digest": self.digest, "inputs": self.inputs, "records": self.records,
                "errors": self.errors, "ok": self.ok}

    @classmethod
    def from_dict(cls, data: dict) -> TaskResult:
        return cls(data["index"], data["digest"], data["inputs"], data["records"], list(data["errors"]),
                   data.get("ok", True))


def prepare_worker(options: BatchOptions) -> None:
    """Load the lexicon, the language profiles, the extractor and pyarrow once, before a worker's first task."""
    import pyarrow.parquet  # noqa: F401 - loaded once here, shared by forked workers, not on each one's first shard

    warm_up(IngestOptions(mode=options.mode, rules=options.rules))


def _records(task: Task, options: BatchOptions, result: TaskResult, signatures: list) -> Iterator[dict]:
    for source in task.sources:
        for item in read_items(source, options.fields):
            result.inputs += 1
            if isinstance(item, InputError):
                result.errors.append({"input": item.source, "reason": item.reason})
                continue
            record = record_or_reason(item, options.mode, options.rules)
            if isinstance(record, str):
                result.errors.append({"input": item.name, "reason": record})
                continue
            signatures.append((order_of(task.index, result.records), record.id, signature_of(record.text)))
            result.records += 1
            yield {**record.to_dict(), "duplicate_of": None}


def clean_task(task: Task, output: Output, options: BatchOptions) -> TaskResult:
    """Clean a task into its shard; the done marker, written last, carries its counts and failed inputs."""
    result = TaskResult(task.index, task.digest)
    signatures: list[tuple[int, str, bytes | None]] = []
    write_shard(output, shard_path(task.index, options.format), options.format,
                _records(task, options, result, signatures))
    write_signatures(output, task.index, signatures)
    output.write_json(done_path(task.index), result.as_dict())
    return result


def write_signatures(output: Output, index: int, signatures: list[tuple[int, str, bytes | None]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    orders, ids, values = zip(*signatures, strict=True) if signatures else ((), (), ())
    table = pa.table({"order": pa.array(orders, pa.int64()), "id": pa.array(ids, pa.string()),
                      "signature": pa.array(values, pa.binary())})
    with output.writing(signatures_path(index)) as handle:
        pq.write_table(table, handle)


def done_result(output: Output, task: Task, fmt: str) -> TaskResult | None:
    """The task's result if a run finished it under the same digest (its shard and signatures are whole)."""
    data = output.read_json(done_path(task.index))
    if not data or data.get("digest") != task.digest:
        return None
    if not (output.exists(shard_path(task.index, fmt)) and output.exists(signatures_path(task.index))):
        return None
    return TaskResult.from_dict(data)
