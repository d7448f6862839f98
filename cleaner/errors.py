"""Errors a user can act on. Each names the input it is about; the CLI prints it as one line."""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose."""


class InputError(CleanerError):
    """An input that cannot be cleaned: empty, binary, undecodable, or holding no article."""

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source or "<input>"
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


class EmptyInput(InputError):
    pass


class BinaryInput(InputError):
    pass


class UndecodableInput(InputError):
    pass


class NoArticle(InputError):
    pass


class RulesError(CleanerError):
    """A rules file that cannot be read or has the wrong shape."""
