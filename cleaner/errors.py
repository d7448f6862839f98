"""Errors a user can act on. Each names the input it is about; the CLI prints it as one line.

Every error about one input is an InputError: a batch catches that one class, records the input
as failed and goes on. The subclasses say why, for callers that want to tell the cases apart.
"""

from __future__ import annotations

import re

# what would break the one line a message is, or act on a terminal: control characters (ESC among
# them), line and paragraph separators, lone surrogates. A WARC's URL or a library's message about a
# damaged file can carry any of them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(text: str) -> str:
    """The text with its unprintable characters escaped (\\x1b, \\n), so it prints as one line."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: m.group(0).encode("unicode_escape", "backslashreplace").decode("ascii"), text)


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose. `exit_status` is what the CLI exits with."""

    exit_status = 2  # a usage error: bad option, bad rules or job file, not an archive


class InputError(CleanerError):
    """An input that cannot be cleaned: empty, binary, undecodable, too large, too slow, or one
    whose cleaning failed."""

    exit_status = 1

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = one_line(source or "<input>")
        self.reason = one_line(reason)
        super().__init__(f"{self.source}: {self.reason}")

    def __reduce__(self):
        # errors cross from worker processes to the one that reports them
        return (type(self), (self.source, self.reason))


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class NoArticle(InputError):
    pass


class NotContent(InputError, TypeError):
    """What was given to clean is not a page: None, a number, a list... (it is also a TypeError)."""


class InputTooLarge(InputError):
    """More bytes than the limit per input (counted after decompression); reading stopped there."""


class InputTimeout(InputError):
    """Cleaning took longer than the limit per input."""


class CleaningError(InputError):
    """Cleaning failed inside cleaner or a library it uses (a fault, not the input's): the
    original exception is chained as `__cause__` where it was raised, and named in the message."""


class RulesError(CleanerError):
    """A rules file that cannot be read or has the wrong shape."""


def describe_exception(exc: BaseException) -> str:
    """One line naming an unexpected exception: what a person reporting the fault needs first."""
    if isinstance(exc, MemoryError):
        return "MemoryError: out of memory"
    message = " ".join(str(exc).split())
    message = message if len(message) <= 200 else message[:199] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
