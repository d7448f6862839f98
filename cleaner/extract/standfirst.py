"""An article's standfirst: the lead paragraph under the headline that the page also gives as its
description.

News pages print a summary between the headline and the body (the standfirst, or dek) and put the
same text in their `description` / `og:description` meta tags. Sites often place it inside the
article's `<header>`, with the headline, or mark it `excerpt`, `subtitle`, `teaser`; trafilatura's
precision mode, which cleaner uses on articles, drops `<header>` elements and teaser boxes, and the
lead goes with them. The page itself says the printed paragraph is the article's summary when its
text is the description: such a paragraph goes back above the body. A description the page cut
short with a mark of omission ("…", "(...)") names the paragraph it opens however long that
paragraph runs on: sites cut their meta descriptions to a search engine's length, not the lead's.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from cleaner.decode import normalize_chars
from cleaner.extract.blocks import Block
from cleaner.extract.dom import text_key
from cleaner.extract.html_meta import head_metas
from cleaner.measure import content_units, word_count

DESCRIPTION_TAGS = ("description", "og:description", "twitter:description")
MIN_WORDS = 12  # a shorter description is a tagline, not a paragraph of the story
# where a paragraph printed on the page is another thing than the article's lead
_ELSEWHERE = frozenset({"a", "nav", "aside", "footer", "form", "button", "select", "noscript", "template"})
START_CHARS = 24  # the description's first letters (text_key) that an element's own text must open with
_ELLIPSIS = re.compile(r"\s*(?:\.{3}|…|[\[(](?:…|\.\.\.)[\])])\s*$")
RESTATED_SHARE = 0.7  # the body's opening holding this share of the standfirst's words restates it
RESTATED_SPAN = 2  # the opening compared: this many times the standfirst's length
PREFIX_SHARE = 0.8  # a description that happens to be shorter names the paragraph when it holds this much of it


_NOT_WORD = re.compile(r"[^\w\s]+")


def _fold(text: str) -> str:
    return _NOT_WORD.sub(" ", text.casefold())


def descriptions(tree: HtmlElement) -> list[str]:
    """The page's descriptions of itself (meta tags), long enough to be a paragraph."""
    found = []
    for meta in head_metas(tree):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        text = " ".join(normalize_chars(meta.get("content", "")).split())
        if name in DESCRIPTION_TAGS and word_count(text) >= MIN_WORDS and text not in found:
            found.append(text)
    return found


class _Described(NamedTuple):
    key: str  # text_key of the description
    cut: bool  # it ends in a mark of omission: the page cut it short


def _described(description: str) -> _Described:
    stem = _ELLIPSIS.sub("", description)
    return _Described(text_key(stem), stem != description)


def _matches(shown: str, described: _Described) -> bool:
    if shown == described.key:
        return True
    if len(described.key) >= len(shown) or not shown.startswith(described.key):
        return False
    return described.cut or len(described.key) >= PREFIX_SHARE * len(shown)


def shown_standfirst(tree: HtmlElement) -> str | None:
    """The text of the body's element that prints the page's description, if one does: the
    smallest element, outside links, menus, asides and footers, that starts where the
    description starts and holds it. Read before trafilatura changes the tree."""
    wanted = [_described(d) for d in descriptions(tree)]
    body = tree.find("body")
    if not wanted or body is None:
        return None
    starts = {w.key[:START_CHARS] for w in wanted}
    # every start's openings: a shorter head must be one of them, told by one look-up where a
    # generator asked each start (most elements' own text is a short label or a link's)
    opens = {start[:end] for start in starts for end in range(1, len(start) + 1)}
    for element in body.iter(etree.Element):
        own = element.text
        if not own or own.isspace():  # most elements: the description would open in a child's text
            continue
        head = text_key(own[: 4 * START_CHARS])[:START_CHARS]
        if head not in opens or (len(head) == START_CHARS and head not in starts):
            continue
        found = _holder(element, wanted)
        if found is not None:
            return found
    return None


def _holder(element: HtmlElement, wanted: list[_Described]) -> str | None:
    """The text of `element` or of the nearest ancestor whose text is a description."""
    for candidate in (element, *element.iterancestors()):
        if candidate.tag in _ELSEWHERE or candidate.tag == "body":
            return None
        text = " ".join(normalize_chars(candidate.text_content()).split())
        key = text_key(text)
        if any(_matches(key, w) for w in wanted):
            return text if not any(e.tag in _ELSEWHERE for e in candidate.iterancestors()) else None
        if len(key) > max(len(w.key) for w in wanted):
            return None
    return None


def restore_standfirst(blocks: list[Block], standfirst: str) -> bool:
    """Put the standfirst above the body, under the headline if the blocks start with it, when the
    extraction lost it. Says whether it did."""
    key = text_key(standfirst)
    if any(key in text_key(b.text) or (len(b.text) > 40 and text_key(b.text) in key) for b in blocks):
        return False
    opening = " ".join(b.text for b in blocks if b.tag == "p")[: RESTATED_SPAN * len(standfirst)]
    units = content_units(_fold(standfirst))
    if units and len(units & content_units(_fold(opening))) >= RESTATED_SHARE * len(units):
        return False  # the body's first paragraph says it again, in its own words: a summary of it
    at = 1 if blocks and blocks[0].tag == "h" else 0
    blocks.insert(at, Block(standfirst, tag="p"))
    return True
