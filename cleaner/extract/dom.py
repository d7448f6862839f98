"""What the page's markup says about its parts: class and id names that mark furniture.

Names like "related", "share" or "newsletter" in a class or id are a markup convention shared by
sites in every language, so they live here and not in the lexicon. They are evidence, not verdicts:
the furniture rule weighs them with the text (a long paragraph inside a "share" box stays).
trafilatura rebuilds the body as new elements, so the evidence travels as text: every piece of
text inside a marked element, keyed without spaces and punctuation, points to the kind.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

# words of a class or id -> the furniture kind they mark
MARKUP_WORDS = {
    "related": "related", "recommended": "related", "recommendations": "related", "recirculation": "related",
    "outbrain": "related", "taboola": "related", "trending": "related", "popular": "related",
    "mostread": "related", "readmore": "read_also", "alsoread": "read_also", "seealso": "read_also",
    "share": "share", "sharing": "share", "social": "share", "sharebar": "share", "addthis": "share",
    "sharethis": "share", "socials": "share", "shares": "share",
    "tags": "tags", "tag": "tags", "taglist": "tags", "keywords": "tags", "topics": "tags",
    "newsletter": "ad", "subscribe": "ad", "subscription": "ad", "signup": "ad", "promo": "ad",
    "promotion": "ad", "advert": "ad", "advertisement": "ad", "ads": "ad", "sponsored": "ad",
    "byline": "byline", "breadcrumb": "nav", "breadcrumbs": "nav", "pagination": "nav",
    "comments": "other", "comment": "other",
}
# two-word names: "more-stories", "read-more", "also-read", "see-also", "most-read"
MARKUP_PAIRS = {
    ("more", "stories"): "related", ("more", "news"): "related", ("most", "read"): "related",
    ("read", "more"): "read_also", ("also", "read"): "read_also", ("see", "also"): "read_also",
    ("read", "also"): "read_also", ("sign", "up"): "ad",
}
MAX_MARKED_CHARS = 4000  # a marked element holding more text than this is a wrapper, not a box
WRAPPER_PARAGRAPH_WORDS = 60  # a paragraph this long is prose: its container is not a box
MAX_KEYS_PER_ELEMENT = 400
_NAME_WORDS = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
_NOT_KEY = re.compile(r"[\W_]+")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NEVER_MARKED = {"html", "body", "article", "main", "head"}


def _candidates_xpath() -> etree.XPath:
    stems = sorted({w for w in MARKUP_WORDS} | {a for a, _ in MARKUP_PAIRS} - {"more", "most", "see", "sign"})
    lower = "translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    tests = " or ".join(f"contains({lower}, '{s}')" for s in stems if len(s) >= 3 and not any(
        t != s and t in s for t in stems if len(t) >= 3))
    return etree.XPath(f"//body//*[(@class or @id) and ({tests})]")


_CANDIDATES = _candidates_xpath()


def markup_kind(names: str) -> str | None:
    """The furniture kind a class/id value names, if any: 'post-tags' -> tags, 'relatedPosts' -> related."""
    words = [w.lower() for w in _NAME_WORDS.findall(names)]
    kind = None
    for i, word in enumerate(words):
        pair = MARKUP_PAIRS.get((word, words[i + 1])) if i + 1 < len(words) else None
        kind = pair or MARKUP_WORDS.get(word) or kind
        if kind:
            return kind
    return None


def text_key(text: str) -> str:
    """Text compared without spaces, punctuation or case: markup and extraction space it differently."""
    return _NOT_KEY.sub("", text).casefold()


def _element_text(element: HtmlElement) -> str:
    return " ".join(t for t in element.itertext() if t.strip())


def _is_wrapper(element: HtmlElement) -> bool:
    """An element around the article (WordPress puts 'tag-<slug>' on the post's own wrapper)."""
    if len(_element_text(element)) > MAX_MARKED_CHARS:
        return True
    return any(len(_element_text(p).split()) > WRAPPER_PARAGRAPH_WORDS for p in element.iter("p"))


def _mark(element: HtmlElement, kind: str, keys: dict[str, str]) -> None:
    for count, inner in enumerate(element.iter()):
        if count >= MAX_KEYS_PER_ELEMENT:
            break
        if not isinstance(inner.tag, str):
            continue
        key = text_key(_element_text(inner))
        if len(key) >= 2:
            keys[key] = kind


def marked_texts(tree: HtmlElement) -> dict[str, str]:
    """Text key -> furniture kind, for the text inside elements whose class or id names furniture,
    and for the heading just before such an element (the section's title)."""
    keys: dict[str, str] = {}
    for element in _CANDIDATES(tree):
        if element.tag in _NEVER_MARKED:
            continue
        kind = markup_kind(f"{element.get('class', '')} {element.get('id', '')}")
        if kind is None:
            continue
        if _is_wrapper(element):
            continue
        _mark(element, kind, keys)
        before = element.getprevious()
        if before is not None and before.tag in _HEADINGS:
            _mark(before, kind, keys)
    return keys


_ANCHOR_TEXTS = etree.XPath("//body//a")


def linked_texts(tree: HtmlElement) -> set[str]:
    """Keys of every link's text: a block that is exactly one link is a pointer elsewhere.
    (Asking trafilatura to keep links costs time and makes it split paragraphs at them.)"""
    return {key for key in (text_key(a.text_content()) for a in _ANCHOR_TEXTS(tree)) if len(key) >= 2}
