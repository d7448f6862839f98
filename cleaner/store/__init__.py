"""Store stage: the embedded archive (one SQLite file) and the runs that fill it."""

from cleaner.store.archive import Archive, ArchiveError
from cleaner.store.ingest import Counts, IngestOptions, RunResult, archive_sources, ingest_run

__all__ = ["Archive", "ArchiveError", "Counts", "IngestOptions", "RunResult", "archive_sources", "ingest_run"]
