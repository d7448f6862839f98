"""One writer per archive: an advisory lock on a file next to the database.

flock is released by the kernel when its process dies, so a run killed with SIGKILL never leaves a
stale lock behind. A second run waits a bounded time for it, then gives up with a clear message.
"""

from __future__ import annotations

import fcntl
import os
import time

from cleaner.errors import CleanerError


class Busy(CleanerError):
    """Another process holds the lock."""


class FileLock:
    def __init__(self, path: str, what: str, busy: str = "is in use by another run") -> None:
        self.path = path
        self.what = what
        self.busy = busy
        self._handle = None

    def acquire(self, wait_seconds: float = 0.0) -> FileLock:
        handle = open(self.path, "a+")  # noqa: SIM115 - held for the lock's lifetime
        deadline = time.monotonic() + max(0.0, wait_seconds)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip()
                    handle.close()
                    waited = f" (waited {wait_seconds:g} s)" if wait_seconds else ""
                    holder = f" ({holder})" if holder else ""
                    raise Busy(f"{self.what} {self.busy}{holder}{waited}") from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
