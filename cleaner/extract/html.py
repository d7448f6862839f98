"""HTML to blocks: trafilatura finds the main content and the page's metadata; we keep its structure.

Each paragraph, heading, list item, quote or table row trafilatura keeps becomes one block, with the
share of its text inside links, so the furniture pass can weigh link lists.
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree

from cleaner.extract.blocks import Block
from cleaner.metadata.dates import normalize_iso
from cleaner.metadata.fields import PageMetadata

_SPACES = re.compile(r"\s+")
_BLOCK_TAGS = {"p": "p", "head": "h", "item": "li", "quote": "quote", "row": "row", "code": "code"}


def _text_of(element: etree._Element) -> str:
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _link_density(element: etree._Element, text: str) -> float:
    if not text:
        return 0.0
    linked = sum(len(_text_of(ref)) for ref in element.iter("ref"))
    return min(1.0, linked / len(text))


def body_blocks(body: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for element in body.iter():
        tag = _BLOCK_TAGS.get(element.tag)
        if tag is None:
            continue
        if tag != "li" and element.getparent() is not None and element.getparent().tag in ("item", "row"):
            continue  # a paragraph inside a list item or table row belongs to that block
        if tag == "p" and any(a.tag in ("item", "quote", "row") for a in element.iterancestors()):
            continue
        text = _text_of(element)
        if text:
            blocks.append(Block(text, tag=tag, link_density=_link_density(element, text)))
    return blocks


def _split_list(value: str | list | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else re.split(r"\s*[;,]\s*", value)
    return [i.strip() for i in items if i and i.strip()]


def html_to_blocks(html: str, *, url: str | None = None, source: str | None = None) -> tuple[list[Block], PageMetadata]:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_links=True, include_tables=True
    )
    if document is None:
        return [], PageMetadata(url=url)
    page = PageMetadata(
        title=document.title or None,
        authors=_split_list(document.author),
        published=normalize_iso(document.date),
        site_name=document.sitename or None,
        keywords=list(dict.fromkeys(_split_list(document.tags) + _split_list(document.categories))),
        url=document.url or url,
        language=None,
    )
    return body_blocks(document.body), page
