"""The page's metadata from its markup, through trafilatura's cheap readers only.

trafilatura's full `extract_metadata` also searches the whole page for an author and for
category/tag links, which costs more than extracting the body; the furniture pass finds bylines
and tag lines in the text anyway. So we read the meta tags, JSON-LD, <title>, the canonical URL and
the publication date (htmldate without its extensive search).
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from cleaner.decode import normalize_chars
from cleaner.metadata.dates import normalize_iso
from cleaner.metadata.fields import Metadata

_LANG_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_LIST_SPLIT = re.compile(r"\s*[;,،]\s*")


def _clean(value: str | None) -> str | None:
    return " ".join(normalize_chars(value).split()) or None if value else None


def _split_list(value: str | list | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    parts = [_clean(part) for item in items if item for part in _LIST_SPLIT.split(item)]
    return [part for part in parts if part]


def declared_language(tree: HtmlElement) -> str | None:
    """ISO 639 code from <html lang>, or a content-language / og:locale meta tag."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    for meta in tree.iterfind(".//head/meta[@content]"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        match = _LANG_CODE.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


def page_metadata(tree: HtmlElement, url: str | None) -> Metadata:
    from htmldate import find_date
    from trafilatura import metadata as markup

    document = markup.examine_meta(tree)
    try:
        document = markup.extract_meta_json(tree, document)
    except (AttributeError, TypeError, KeyError, ValueError):  # JSON-LD of a shape its reader does not expect
        pass
    title = document.title or markup.extract_title(tree)
    page_url = document.url or markup.extract_url(tree, url)
    site = document.sitename or markup.extract_sitename(tree)
    date = find_date(tree, url=page_url, original_date=True, extensive_search=False)
    authors = _split_list(document.author) if document.author and " " in document.author else []
    keywords = _split_list(document.tags) + _split_list(document.categories)
    return Metadata(
        title=_clean(title),
        authors=authors,
        published=normalize_iso(date),
        site_name=_clean(site.lstrip("@")) if site else None,
        keywords=list(dict.fromkeys(keywords)),
        url=page_url or url,
        language=declared_language(tree),
    )
