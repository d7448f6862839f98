"""Deduplication across the whole output: the same answers `cleaner archive` gives, as a distributed stage.

The archive takes records in input order: a text it holds already is an exact duplicate; a new
text is a near-duplicate of the earliest earlier original (not itself a near-duplicate) that shares
a MinHash band with it and is estimated at least THRESHOLD alike (cleaner.store.neardup). Here:

1. keys (a map over shards): each record's id, and each band of its signature, as keys; a key
   goes to partition crc32(key) % PARTITIONS.
2. groups (a map over partitions, after the shuffle): records with the same id are exact
   duplicates of the first; a band shared by two or more distinct texts is a bucket of candidates.
3. signatures (a map over shards): the signatures of the records in some bucket.
4. resolve (the driver): the archive's rule, record by record in input order, over the buckets.
   Only records that share a band with another pass through here (their signatures, 512 bytes each).
5. marks (a map over shards): each record's `duplicate_of` written into its shard.

An exact copy's `duplicate_of` is its own id (the record with that id earlier in the output is the
one kept); a near-duplicate's is the id of its original.
"""

from __future__ import annotations

import zlib
from collections import defaultdict

from cleaner.batch.clean import task_of
from cleaner.batch.output import Output, read_duplicate_marks, rewrite_duplicate_marks, shard_path, signatures_path
from cleaner.store.neardup import THRESHOLD, band_keys, similarity

PARTITIONS = 8
EXACT, BAND = 0, 1


def _read_signatures(output: Output, index: int, columns: list[str]):
    import pyarrow.parquet as pq

    with output.open_input(signatures_path(index)) as handle:
        return pq.read_table(handle, columns=columns)


def keys_of_shard(output: Output, index: int, partitions: int = PARTITIONS) -> list[list[tuple]]:
    """Step 1: (kind, key, order, id) rows of one shard, split by partition."""
    table = _read_signatures(output, index, ["order", "id", "signature"])
    out: list[list[tuple]] = [[] for _ in range(partitions)]
    for order, rid, signature in zip(*(table.column(c).to_pylist() for c in ("order", "id", "signature")),
                                     strict=True):
        key = rid.encode()
        out[zlib.crc32(key) % partitions].append((EXACT, key, order, rid))
        for band, value in band_keys(signature) if signature else ():
            key = bytes([band]) + value
            out[zlib.crc32(key) % partitions].append((BAND, key, order, rid))
    return out


def groups_of_partition(*shares: list[tuple]) -> tuple[dict[int, str], list[list[int]]]:
    """Step 2: exact duplicates (order -> the id it repeats) and buckets (orders of distinct texts, sorted)."""
    exact: dict[bytes, list[tuple[int, str]]] = defaultdict(list)
    bands: dict[bytes, dict[str, int]] = defaultdict(dict)
    for share in shares:
        for kind, key, order, rid in share:
            if kind == EXACT:
                exact[key].append((order, rid))
            else:
                first = bands[key].get(rid)
                bands[key][rid] = order if first is None else min(first, order)
    copies = {}
    for members in exact.values():
        members.sort()
        copies.update((order, rid) for order, rid in members[1:])
    buckets = [sorted(firsts.values()) for firsts in bands.values() if len(firsts) > 1]
    return copies, buckets


def signatures_of_shard(output: Output, index: int, orders: set[int]) -> dict[int, tuple[str, bytes]]:
    """Step 3: (id, signature) of the records of one shard that are in some bucket."""
    table = _read_signatures(output, index, ["order", "id", "signature"])
    return {order: (rid, signature) for order, rid, signature in zip(
        *(table.column(c).to_pylist() for c in ("order", "id", "signature")), strict=True) if order in orders}


def resolve(buckets: list[list[int]], signatures: dict[int, tuple[str, bytes]]) -> dict[int, str]:
    """Step 4: near-duplicates (order -> the original's id), taking records in input order as the archive does."""
    buckets_of: dict[int, list[int]] = defaultdict(list)
    for number, bucket in enumerate(buckets):
        for order in bucket:
            buckets_of[order].append(number)
    near: dict[int, str] = {}
    for order in sorted(buckets_of):
        earlier = sorted({c for b in buckets_of[order] for c in buckets[b] if c < order and c not in near})
        mine = signatures[order][1]
        for candidate in earlier:
            if similarity(mine, signatures[candidate][1]) >= THRESHOLD:
                near[order] = signatures[candidate][0]
                break
    return near


def mark_shard(output: Output, index: int, fmt: str, records: int, marks: dict[int, str]) -> int:
    """Step 5: set the shard's `duplicate_of` column (rows numbered from 0); rewrites it only if it changed.
    Returns how many rows are marked."""
    wanted = [marks.get(row) for row in range(records)]
    relative = shard_path(index, fmt)
    if read_duplicate_marks(output, relative, fmt) != wanted:
        rewrite_duplicate_marks(output, relative, fmt, wanted)
    return sum(mark is not None for mark in wanted)


def marks_by_shard(copies: dict[int, str], near: dict[int, str]) -> dict[int, dict[int, str]]:
    """Every duplicate's mark, by shard then row."""
    out: dict[int, dict[int, str]] = defaultdict(dict)
    for order, rid in (*copies.items(), *near.items()):
        out[task_of(order)][order & 0xFFFFFFFF] = rid
    return out
