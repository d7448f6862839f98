"""HTML to blocks. (HTML mode comes with its own issue; until then it says so.)"""

from __future__ import annotations

from cleaner.errors import CleanerError


def html_to_blocks(html: str, *, url: str | None = None, source: str | None = None):
    raise CleanerError("HTML mode is not available yet in this version; use --mode text")
