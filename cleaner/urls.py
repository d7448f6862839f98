"""A page's address as the extractors and the archive read it."""

from __future__ import annotations

from urllib.parse import urlsplit


def site_of(url: str | None) -> str | None:
    """The host an address names, without 'www.'; None when it names none or is malformed
    ('http://[x/story', which urlsplit refuses): a bad address in a feed is no address, not a fault."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return None
    return host.removeprefix("www.") or None
