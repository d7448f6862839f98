"""The page's content region, read whole: a second candidate beside trafilatura's extraction.

trafilatura keeps the paragraphs of an article and drops what looks like navigation: runs of
links, short lines, lists of teasers. On a listing, a shop's category page, a product page or a
company's service page that *is* the content: the items with their titles and teasers, the
specifications, the feature sections. This reader takes the page as the site laid it out instead:
everything inside the page's main region except what the markup itself marks as site chrome
(header, navigation, footer, sidebars, forms' controls, hidden elements, and elements whose class
or id names a menu, a cookie notice, a share bar..., unless it holds the page's <main>). The
region is the page's <main> element when it has one that holds most of the text; else the body,
narrowed to a child while one child holds nearly all of it.

The walk reads the tree and never changes it, so it can run on the tree trafilatura worked on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from cleaner.decode import normalize_chars
from cleaner.extract.blocks import Block
from cleaner.extract.dom import MarkedBoxes, PageNames, hidden_by_markup, name_words, text_key
from cleaner.measure import is_prose

# elements whose text is never content: code, chrome, controls
SKIPPED_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "header", "iframe", "button",
    "select", "option", "textarea", "input", "dialog", "menu", "object", "embed", "canvas", "map", "head",
})
SKIPPED_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
    "toolbar", "tablist",
})
# words of a class or id naming site chrome (markup conventions, the same in every language)
CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "megamenu", "submenu", "footer", "sidebar", "breadcrumb",
    "breadcrumbs", "cookie", "cookies", "consent", "gdpr", "modal", "popup", "overlay", "offcanvas", "skip",
    "skiplink", "share", "sharing", "social", "newsletter", "subscribe", "signup", "login", "signin", "masthead",
    "topbar", "toolbar", "utility", "advert", "advertisement", "ads", "sponsored", "promo", "outbrain", "taboola",
    "related", "recommended", "recirculation", "pagination", "pager", "visually", "sronly", "screenreader",
})
# on an article the comment thread is not content either (on a forum it is)
COMMENT_WORDS = frozenset({"comment", "comments", "respond", "disqus", "replies", "discussion"})
CHROME_PAIRS = frozenset({("sr", "only"), ("visually", "hidden"), ("screen", "reader"), ("site", "header"),
                          ("page", "header"), ("global", "header"), ("site", "footer"), ("skip", "link")})
# the tags that start a block of their own, and the tag the block gets
BLOCK_TAGS = {
    "p": "p", "h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "li": "li", "dt": "li", "dd": "p",
    "tr": "row", "pre": "code", "blockquote": "quote", "figcaption": "p", "caption": "p", "summary": "h",
}
BREAK_TAGS = frozenset({
    "div", "section", "article", "main", "ul", "ol", "dl", "table", "tbody", "thead", "tfoot", "br", "hr", "form",
    "fieldset", "details", "figure", "address", "center", "td", "th",
})


@dataclass(frozen=True)
class RegionSettings:
    main_min_share: float = 0.3  # a <main> holding less of the page's text is a part, not the region
    dominant_share: float = 0.85  # the region narrows to a child holding this share of its text


# the attributes chrome_elements reads beyond the tag; an element's names are read at once, and most
# have none of these (one look-up in C where four attribute reads were)
_ASKED = frozenset({"role", "hidden", "style", "aria-hidden"})
_CHROME_STEMS = sorted(CHROME_WORDS | {w for pair in CHROME_PAIRS for w in pair} - {"site", "page", "global", "link"})
_NEVER_CHROME = frozenset({"html", "body", "main", "article"})


# what a site calls the wrappers of its chrome, written as one word with it: 'menuwrap', 'menuitem',
# 'footerrow', 'sharebox', 'socialicons'
LAYOUT_SUFFIXES = (
    "wrap", "wrapper", "container", "inner", "outer", "sec", "section", "row", "col", "item", "items", "list",
    "links", "bar", "box", "area", "block", "holder", "panel", "icons", "buttons",
)


def chrome_words(names: str, words_of_chrome: frozenset[str] = CHROME_WORDS) -> bool:
    """A class or id value that names site chrome: 'main-nav', 'cookieBanner', 'sr-only', 'menuwrap'."""
    words = name_words(names)
    pairs = zip(words, words[1:], strict=False)
    return (
        any(w in words_of_chrome or _chrome_compound(w, words_of_chrome) for w in words)
        or any(pair in CHROME_PAIRS for pair in pairs)
    )


def _chrome_compound(word: str, words_of_chrome: frozenset[str]) -> bool:
    if not word.endswith(LAYOUT_SUFFIXES):  # one C call tells most words apart
        return False
    return any(word.endswith(suffix) and word[: -len(suffix)] in words_of_chrome for suffix in LAYOUT_SUFFIXES)


# whether an element holds a <main> or an element of role "main" (a search of its subtree in C)
_HOLDS_MAIN = etree.XPath("boolean(descendant::*[self::main or @role='main'])")


class _Chrome:
    """What the markup marks as the site's, not the page's: chrome tags and roles, hidden
    elements, and class or id names of menus, cookie notices, share bars (and comment threads,
    when `comments` are not content). Asked of each element as a walk meets it: a walk skips
    what is chrome and everything inside it, so the elements inside are never asked, where a
    walk of the whole body first gathered every chrome element (and the page's <main>s) into a
    set (the body's elements were read twice, the chrome's inside too). Each element's answer
    depends on it alone (its tag, its attributes, its ancestors, its subtree), not on what was
    asked before, so it is the same. The walk's <main>s, in page order, are `mains`: those
    inside chrome, which the whole body's walk found too, hold no block of the walk."""

    def __init__(self, names: PageNames, comments: bool = False) -> None:
        self.mains: list[etree._Element] = []
        words = CHROME_WORDS | COMMENT_WORDS if comments else CHROME_WORDS
        verdicts: dict[str, bool] = {}  # a menu's items repeat their class: each value is read once
        self.named: set[etree._Element] = set()
        for element, value in names.hits(_CHROME_STEMS + sorted(COMMENT_WORDS) if comments else _CHROME_STEMS):
            if element.tag in _NEVER_CHROME:
                continue
            named = verdicts.get(value)
            if named is None:
                named = verdicts[value] = chrome_words(value, words)
            if named:
                self.named.add(element)

    def marks(self, element: etree._Element) -> bool:
        """Whether the element is chrome. Most elements have none of the attributes that may hide
        them or give them a role (role, hidden, style, aria-hidden): only their tags can tell."""
        tag = element.tag
        if tag in SKIPPED_TAGS and (tag != "header" or not _inside_content(element)):
            return True
        keys = element.keys()
        role = None
        if keys and not _ASKED.isdisjoint(keys):
            role = element.get("role")
            if (
                hidden_by_markup(element)
                or (element.get("aria-hidden") == "true" and not _folded_prose(element))
                or (role and role.lower() in SKIPPED_ROLES)
            ):
                return True
        # an element around the page's <main> is no chrome by its name: a wrapper named for the
        # footer it keeps at the bottom ('flex-wrap-footer') or for its sidebar holds the content too
        if element in self.named and not _HOLDS_MAIN(element):
            return True
        if tag == "main" or role == "main":
            self.mains.append(element)
        return False


class _Unmarked(_Chrome):
    """No element is chrome: what element_blocks reads outside the body it reads chrome in."""

    def __init__(self) -> None:
        self.mains, self.named = [], set()

    def marks(self, element: etree._Element) -> bool:
        return False


FOLDED_PROSE_MIN_WORDS = 12  # a paragraph of running prose: a sentence of this many words


def _folded_prose(element: etree._Element) -> bool:
    """An element hidden from screen readers that holds a paragraph of running prose is content the
    page folds away (an accordion's answer, a tab, a carousel's slide), which trafilatura keeps too;
    one of links, labels and icons is a menu, a popup or a decoration."""
    return any(is_prose(" ".join(p.text_content().split()), FOLDED_PROSE_MIN_WORDS) for p in element.iter("p"))


def _inside_content(element: etree._Element) -> bool:
    """A <header> inside an article or the main region heads the content (its title), not the site."""
    return any(a.tag in ("article", "main") for a in element.iterancestors())


@dataclass
class _Walk:
    """One pass over the body: raw text pieces per block, and the span of blocks under each element.
    Blocks are made (text normalised, evidence looked up) only for the region chosen afterwards."""

    chrome: _Chrome
    raw: list[tuple[str, str, int]] = field(default_factory=list)  # (text, tag, characters inside links)
    spans: dict = field(default_factory=dict)  # element -> (first block, end block)
    parts: list[str] = field(default_factory=list)
    linked: int = 0
    tag: str = "p"
    headline: int | None = None  # the block of the first <h1> outside the chrome: the page's headline

    def close(self) -> None:
        if self.parts:
            text = "".join(self.parts)
            if not text.isspace():
                self.raw.append((text, self.tag, self.linked))
            self.parts, self.linked = [], 0

    def walk(self, element: etree._Element, in_link: bool = False) -> None:
        tag = element.tag
        block_tag = BLOCK_TAGS.get(tag)
        breaks = block_tag or tag in BREAK_TAGS
        if breaks:
            self.close()
        outer = self.tag
        if block_tag:
            self.tag = block_tag
        start = len(self.raw)
        in_link = in_link or tag == "a"
        parts = self.parts
        if tag in ("td", "th") and parts and element.getprevious() is not None:
            parts.append(" | ")
        text = element.text
        if text:
            parts.append(text)
            if in_link:
                self.linked += len(text)
        for child in element:
            if isinstance(child.tag, str) and not self.chrome.marks(child):
                self.walk(child, in_link)
                parts = self.parts
            tail = child.tail
            if tail:
                parts.append(tail)
                if in_link:
                    self.linked += len(tail)
        if breaks:
            self.close()
        self.tag = outer
        if tag == "h1" and self.headline is None and len(self.raw) > start:
            self.headline = start
        if len(element):
            self.spans[element] = (start, len(self.raw))


def region_blocks(
    tree: etree._Element, hints: MarkedBoxes | None = None, links: set[str] | None = None,
    names: PageNames | None = None, settings: RegionSettings | None = None, comments_are_chrome: bool = False,
) -> list[Block]:
    """The blocks of the page's content region, in page order."""
    settings = settings or RegionSettings()
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None:
        return []
    chrome = _Chrome(names or PageNames(tree), comments_are_chrome)
    walk = _Walk(chrome)
    walk.walk(body)
    walk.close()
    first, end = _region(body, walk, settings, chrome.mains)
    return _blocks(walk.raw[first:end], hints or MarkedBoxes(), links or set())


def _blocks(raw: list[tuple[str, str, int]], hints: MarkedBoxes, links: set[str]) -> list[Block]:
    blocks = []
    for text, tag, linked in raw:
        text = " ".join(normalize_chars(text).split())  # str.split parts where \s+ does, 4x faster
        if not text:
            continue
        key = text_key(text)
        letters = len(text) - text.count(" ")
        density = 1.0 if key in links else min(1.0, linked / letters) if letters else 0.0
        hint = hints.kind_of(key)
        blocks.append(Block(text, tag=tag, link_density=density, hints=frozenset((hint,)) if hint else frozenset()))
    return blocks


def _region(
    body: etree._Element, walk: _Walk, settings: RegionSettings, mains: list[etree._Element]
) -> tuple[int, int]:
    """The span of blocks of the <main> element, or of the element the body narrows to."""
    ends = [0]
    for text, _, _ in walk.raw:
        ends.append(ends[-1] + len(text))

    def chars(span: tuple[int, int]) -> int:
        return ends[span[1]] - ends[span[0]]

    whole = (0, len(walk.raw))
    if not ends[-1]:
        return whole
    for main in mains:
        span = walk.spans.get(main)
        if span and chars(span) >= settings.main_min_share * ends[-1]:
            return span
    element, span = body, whole
    while True:
        children = [(c, walk.spans[c]) for c in element if c in walk.spans]
        best = max(children, key=lambda item: chars(item[1]), default=None)
        if best is None or chars(best[1]) < settings.dominant_share * chars(span):
            return span
        if _holds(span, walk.headline) and walk.headline < best[1][0]:
            return walk.headline, best[1][1]  # the headline above the child heads it: the region starts there
        element, span = best


def _holds(span: tuple[int, int], block: int | None) -> bool:
    return block is not None and span[0] <= block < span[1]


def element_blocks(
    groups: list[list[etree._Element]], tree: etree._Element, hints: MarkedBoxes | None = None,
    links: set[str] | None = None, names: PageNames | None = None,
) -> list[list[Block]]:
    """The blocks of each group of elements (a post's text), read as the region is: site chrome
    inside them skipped. (Not what lies around them: a wrapper named 'withSidebar' holds the posts.)"""
    body = tree.find("body") if tree.tag == "html" else tree
    if body is None or not groups:
        return [[] for _ in groups]
    chrome, unmarked = _Chrome(names or PageNames(tree)), _Unmarked()
    found = []
    for elements in groups:
        walk = _Walk(chrome)
        for element in elements:
            if element is body:
                walk.chrome = chrome
            elif any(a is body for a in element.iterancestors()):
                if chrome.marks(element):
                    continue
                walk.chrome = chrome
            else:  # outside the body (a second body a broken head holds): chrome is the body's alone
                walk.chrome = unmarked
            walk.walk(element)
            walk.close()
        found.append(_blocks(walk.raw, hints or MarkedBoxes(), links or set()))
    return found


POST_MIN_CHARS = 80  # a post of a thread holds a sentence or more, not a menu entry
MAX_POST_GROUPS = 3
# a post holds paragraphs and cells; the page's own wrappers under <body> lay the page out
NOT_POST_TAGS = frozenset({"p", "td", "th", "tr", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6"})
_TRAILING_DIGITS = re.compile(r"\d+$")


def repeated_posts(tree: etree._Element) -> list[list[etree._Element]]:
    """Groups of sibling elements of one kind (tag, and first class name without its number: a
    thread's rows alternate 'bg1' and 'bg2') of which two or more, and half or more, hold a post's
    worth of text, those only, the groups holding most text first: where a thread's posts may be,
    when its markup declares none (a page's layout tables are siblings too, most of them short;
    paragraphs, cells and the wrappers right under <body> are never a thread's posts)."""
    body = tree.find("body") if tree.tag == "html" else tree
    found = []
    for parent in body.iter() if body is not None else ():
        if len(parent) < 2 or not isinstance(parent.tag, str) or parent.tag in SKIPPED_TAGS or parent is body:
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in SKIPPED_TAGS and child.tag not in NOT_POST_TAGS:
                names = (child.get("class") or "").split()
                groups.setdefault((child.tag, _TRAILING_DIGITS.sub("", names[0]) if names else ""), []).append(child)
        for members in (group for group in groups.values() if len(group) > 1):
            sizes = [len(" ".join(m.text_content().split())) for m in members]
            posts = [m for m, size in zip(members, sizes, strict=True) if size >= POST_MIN_CHARS]
            if len(posts) >= max(2, len(members) / 2):
                found.append((sum(sizes), posts))
    found.sort(key=lambda item: -item[0])
    return [members for _, members in found[:MAX_POST_GROUPS]]
