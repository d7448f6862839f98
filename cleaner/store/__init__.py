"""Store stage: the embedded archive (one SQLite file) and the runs that fill it."""

from cleaner.store.archive import Archive, ArchiveError
from cleaner.store.ingest import Counts, IngestOptions, archive_sources

__all__ = ["Archive", "ArchiveError", "Counts", "IngestOptions", "archive_sources"]
