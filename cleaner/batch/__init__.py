"""Batch stage: a whole collection cleaned into sharded record files, on this machine or a Ray cluster.

Steps (plan, clean, dedup) are apart from the executors that place them (engines: a local process
pool, Ray), as in datatrove. Nothing here imports Ray until the ray engine runs.
"""

from cleaner.batch.plan import BatchOptions
from cleaner.batch.run import BatchCounts, BatchResult, run_batch

__all__ = ["BatchCounts", "BatchOptions", "BatchResult", "run_batch"]
