"""What the page's markup says about its parts: class and id names that mark furniture.

Names like "related", "share" or "newsletter" in a class or id are a markup convention shared by
sites in every language, so they live here and not in the lexicon. They are evidence, not verdicts:
the furniture rule weighs them with the text (a long paragraph inside a "share" box stays).
trafilatura rebuilds the body as new elements, so the evidence travels as text: every piece of
text inside a marked element, keyed without spaces and punctuation, points to the kind.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, compress
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from cleaner.measure import word_count
from cleaner.urls import site_of

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
    "cookie": "consent", "cookies": "consent", "consent": "consent", "gdpr": "consent",
    "signature": "signature",  # a forum post's signature: the poster's tag line under each of their posts
}
# read only on a product's page (see marked_boxes): there a review is a customer's, not the product's text
REVIEW_WORDS = {"review": "reviews", "reviews": "reviews"}
# kinds whose boxes are furniture whatever their text, long paragraphs of prose included: a site's
# cookie notice (and its settings dialog), a product's customer reviews
WHOLE_BOX_KINDS = frozenset({"consent", "reviews"})
# two-word names: "more-stories", "read-more", "also-read", "see-also", "most-read"
MARKUP_PAIRS = {
    ("more", "stories"): "related", ("more", "news"): "related", ("most", "read"): "related",
    ("read", "more"): "read_also", ("also", "read"): "read_also", ("see", "also"): "read_also",
    ("read", "also"): "read_also", ("sign", "up"): "ad",
}
# kinds whose box has no heading of its own: the heading before a byline is the story's headline
UNTITLED_KINDS = frozenset({"byline"})
MAX_MARKED_CHARS = 4000  # a marked element holding more text than this is a wrapper, not a box
WRAPPER_PARAGRAPH_WORDS = 60  # a paragraph this long is prose: its container is not a box
_NAME_WORDS = re.compile(r"[a-z]+|[A-Z][a-z]+|[A-Z]+(?![a-z])")
_NOT_KEY = re.compile(r"[\W_]+")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NEVER_MARKED = {"html", "body", "article", "main", "head"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# boxes are block elements: links, spans, icons and images inside them add only their names;
# headings are not boxes (their ids are slugs of their text: id="social-media-tips")
_NAMES = etree.XPath("//body//@*[name()='class' or name()='id']")  # each value knows its element (getparent)
_ALL_NAMES = etree.XPath("//@*[name()='class' or name()='id']", smart_strings=False)
_ITEMTYPES = etree.XPath("//@itemtype", smart_strings=False)  # every itemtype attribute, in page order
_NOT_BOXES = frozenset({"a", "span", "i", "img", "svg", "h1", "h2", "h3", "h4", "h5", "h6"})
SLUG_MIN_WORDS = 4  # an id of this many words is a slug of a heading or a title, not a markup convention
# a cheap first pass over all class/id values at once; markup_kind then reads each hit's words
_STEMS = sorted({w for w in MARKUP_WORDS} | {w for pair in MARKUP_PAIRS for w in pair} - {"up", "see", "more", "most"})
_REVIEW_STEMS = sorted({*_STEMS, "review"})


def markup_kind(names: str, words_kinds: dict[str, str] = MARKUP_WORDS) -> str | None:
    """The furniture kind a class/id value names, if any: 'post-tags' -> tags, 'relatedPosts' -> related."""
    words = name_words(names)
    for i, word in enumerate(words):
        pair = MARKUP_PAIRS.get((word, words[i + 1])) if i + 1 < len(words) else None
        kind = pair or words_kinds.get(word)
        if kind:
            return kind
    return None


# the ASCII characters text_key drops: all but letters and digits (\w less the underscore)
_ASCII_NOT_KEY = bytes(c for c in range(128) if not chr(c).isalnum())


def text_key(text: str) -> str:
    """Text compared without spaces, punctuation or case: markup and extraction space it differently.
    An ASCII text loses those characters by bytes.translate, about twice as fast as the regex."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NOT_KEY).decode("ascii").lower()
    return _NOT_KEY.sub("", text).casefold()


def _element_text(element: HtmlElement) -> str:
    """The element's text pieces that are not white space alone, spaced. filter calls str.strip in
    C where a generator stepped in Python for each piece (its result's truth is the same test)."""
    return " ".join(filter(str.strip, element.itertext()))


# a class naming a post by its number ('post-1428441', 'node-52'): the element is that post, and the
# taxonomy classes beside it ('tag-diamond', 'product_tag-coral') say what it is tagged with
_POST_ID = re.compile(r"(?:^|\s)(?:post|node)-\d+(?:\s|$)")


def _is_wrapper(element: HtmlElement, text: str) -> bool:
    """An element around the article or one item of the page, not a box: WordPress puts
    'tag-<slug>' on the post's own wrapper, and on each product of a shop's grid."""
    if len(text) > MAX_MARKED_CHARS or _POST_ID.search(element.get("class") or ""):
        return True
    return any(word_count(_element_text(p)) > WRAPPER_PARAGRAPH_WORDS for p in element.iter("p"))  # in any script


class _PageChars:
    """The length of the body's text as _element_text gives it, read only as far as a question
    needs: whether a box's text is more than a share of it. The pieces read so far give a length
    the whole reaches at least; most consent notices are told apart from the page in its first
    lines, where the whole body's text was joined to measure it (0.7 ms a page that has one)."""

    def __init__(self, body: HtmlElement | None) -> None:
        self._pieces = filter(str.strip, body.itertext()) if body is not None else iter(())
        self._chars = 0  # of the pieces read, spaced
        self._read = 0

    def holds_less_than(self, chars: int, share: float) -> bool:
        """Whether `chars` > share * the text's length (the pieces read so far first)."""
        while chars > share * self._chars:
            piece = next(self._pieces, None)
            if piece is None:
                return True  # the whole text read: its length
            self._chars += len(piece) + (1 if self._read else 0)
            self._read += 1
        return False


def _holds_page(element: HtmlElement, text: str, kind: str, page_chars: _PageChars) -> bool:
    """A box of a kind that holds prose (WHOLE_BOX_KINDS) is no box when it is large, or holds the
    page's heading: it wraps the page (a 'cookies-accepted' class on its container). A consent
    manager lists every purpose and vendor at length, at times longer than the page's own text: it
    wraps the page only when it holds nearly all of the page's text."""
    if next(element.iter("h1"), None) is not None:
        return True
    if kind == "consent":
        return page_chars.holds_less_than(len(text), CONSENT_PAGE_SHARE)
    return len(text) > MAX_MARKED_CHARS


CONSENT_PAGE_SHARE = 0.85  # a wrapper of the page holds nearly all of its text (as region.py narrows)


class PageNames:
    """The class and id values of a page's block elements, read once, searched by every reader of
    markup conventions (furniture boxes, site chrome, page-type evidence).

    One search per word over all values at once: str.find runs in C; a regex alternation of the
    words, or an XPath contains() per word, is many times slower.

    The walk also notes the body's elements with children enough to hold a listing's cards
    (`crowded`, None when the page has no single body where lxml puts it): the page type's search
    for cards walked the body again for them. So are the elements under the body whose inline
    style names a border (`bordered`, None likewise), for sections.unbox_prose, and those with an
    itemtype, for structured.microdata_posts (see body_items): the XPaths each of those ran walked
    every element of the page again (0.6 and 0.5 ms a page)."""

    def __init__(self, tree: HtmlElement) -> None:
        walked = _names(tree)
        self.values, self.owners, self.ids, self.crowded = walked.values, walked.owners, walked.ids, walked.crowded
        self._itemtypes, self._items, self.bordered = walked.itemtypes, walked.items, walked.bordered
        self._tree = tree
        # each distinct value once, lower-cased: a menu's or a grid's items repeat theirs, and a
        # search of the repeats found the same stem a hundred times a page
        self.distinct = list(dict.fromkeys(self.values))
        lowered = [value.lower() for value in self.distinct]
        self.joined = "\n".join(lowered)
        self.ends = list(accumulate(len(value) + 1 for value in lowered))

    def page_lines(self, tree: HtmlElement) -> str:
        """Every class and id value of the page, the body's and the others', each once, one a line."""
        bodies = tree.findall("body")
        if len(bodies) != 1:
            values = set(_ALL_NAMES(tree))
        else:
            values = set(self.values)
            outside = [tree, *(e for child in tree if child is not bodies[0] for e in child.iter(etree.Element))]
            values.update(v for e in outside for v in (e.get("class"), e.get("id")) if v is not None)
        return "\n".join(values)

    def itemtypes(self) -> list[str]:
        """Every itemtype value of the page, in page order (as the XPath '//@itemtype' gives them):
        the body's, noted by the walk, and those of the elements around it (<html> itself often
        declares one). The XPath walked every element of the page again, 0.3 ms a page."""
        tree = self._tree
        if self._itemtypes is None:
            return page_itemtypes(tree)
        found = [value] if (value := tree.get("itemtype")) is not None else []
        for child in tree:
            if child.tag == "body":  # the one body (the walk found one)
                found += self._itemtypes
            else:
                found += [v for e in child.iter(etree.Element) if (v := e.get("itemtype")) is not None]
        return found

    def body_items(self) -> list[HtmlElement] | None:
        """The elements under the page's bodies with an itemtype, in page order, as the XPath
        '//body//*[@itemtype]' finds them; None when the walk did not read the page's one body
        (no single body under <html>, or another one elsewhere: a broken head's <noscript>)."""
        if self._items is None:
            return None
        bodies = list(page_bodies(self._tree))
        if len(bodies) != 1:
            return None
        return [item for item in self._items if item is not bodies[0]]

    def hits(self, stems: list[str]) -> list[tuple[HtmlElement, str]]:
        """Block elements whose class or id holds one of the stems, in page order, with that value.
        Links, spans, icons and images are not boxes, nor are headings; an id that is a slug
        ("what-is-social-media-marketing") names no convention."""
        named: set[int] = set()
        joined, ends = self.joined, self.ends
        for stem in stems:
            at = joined.find(stem)
            while at != -1:
                value = bisect_right(ends, at)
                named.add(value)
                at = joined.find(stem, ends[value])  # the value's other hits add nothing
        found = {self.distinct[value] for value in named}
        hits = []
        for i in compress(range(len(self.values)), map(found.__contains__, self.values)):
            value, element = self.values[i], self.owners[i]
            if element.tag in _NOT_BOXES or (i in self.ids and _is_slug(value)):
                continue
            hits.append((element, value))
        return hits


def page_itemtypes(tree: HtmlElement) -> list[str]:
    """Every itemtype value of the page, in page order, by a search of the whole tree."""
    return _ITEMTYPES(tree)


CROWDED_CHILDREN = 4  # fewer children hold no listing's cards (pagetype.CARD_MIN_SIBLINGS)


class _Walked(NamedTuple):
    values: list[str]
    owners: list[HtmlElement]
    ids: set[int]
    crowded: list[HtmlElement] | None
    itemtypes: list[str] | None
    items: list[HtmlElement] | None
    bordered: list[HtmlElement] | None


def _names(tree: HtmlElement) -> _Walked:
    """The class and id values in the body, in page order (an element's in its attributes' order),
    each one's element, and which values are ids; the body's elements of CROWDED_CHILDREN
    children or more, in page order; the body's itemtype values and their elements, in page
    order; and the elements under the body whose style names a border. A walk of the body: the
    XPath's results, strings that each know their element, cost twice as much to make."""
    bodies = tree.findall("body")
    if len(bodies) != 1:  # no body where lxml puts it: the XPath finds what there is
        found = _NAMES(tree)
        return _Walked([str(v) for v in found], [v.getparent() for v in found], {
            i for i, v in enumerate(found) if v.attrname == "id"
        }, None, None, None, None)
    values: list[str] = []
    owners: list[HtmlElement] = []
    ids: set[int] = set()
    crowded: list[HtmlElement] = []
    itemtypes: list[str] = []
    items: list[HtmlElement] = []
    bordered: list[HtmlElement] = []
    for element in bodies[0].iter(etree.Element):
        if len(element) >= CROWDED_CHILDREN:
            crowded.append(element)
        # one call for the element's attributes (none on most), in the order the page wrote them,
        # where a get for each name read cost more
        for name, value in element.items():
            if name == "class":
                values.append(value)
                owners.append(element)
            elif name == "id":
                ids.add(len(values))
                values.append(value)
                owners.append(element)
            elif name == "style":
                if "border" in value:
                    bordered.append(element)
            elif name == "itemtype":
                itemtypes.append(value)
                items.append(element)
    if bordered and bordered[0] is bodies[0]:
        del bordered[0]  # under the body: not the body itself
    return _Walked(values, owners, ids, crowded, itemtypes, items, bordered)


Tagged = dict[str, list[HtmlElement]]  # "meta", "script", "pre", "heading" -> the page's, in page order
_BUCKETS = {"meta": "meta", "script": "script", "pre": "pre", **{f"h{level}": "heading" for level in range(1, 7)}}


def page_elements(tree: HtmlElement) -> Tagged:
    """The page's <meta>, <script> and <pre> elements and its headings (h1 to h6 together), each
    kind in page order, from one walk in C: the readers of the meta tags, of the JSON-LD, of the
    page type's declarations, of the headline and of the headings' own links each walked every
    element of the page for theirs (0.2 ms a walk). Unlinking the headings' anchors leaves them."""
    found: Tagged = {bucket: [] for bucket in dict.fromkeys(_BUCKETS.values())}
    for element in tree.iter(*_BUCKETS):
        found[_BUCKETS[element.tag]].append(element)
    return found


def _is_slug(value: str) -> bool:
    return value.count("-") + value.count("_") >= SLUG_MIN_WORDS - 1 and len(name_words(value)) >= SLUG_MIN_WORDS


def name_words(names: str) -> list[str]:
    """The words of a class or id value: 'post-tags relatedPosts' -> post, tags, related, posts."""
    return [w.lower() for w in _NAME_WORDS.findall(names)]


@dataclass
class MarkedBoxes:
    """The text of every element whose class or id names furniture, to look blocks up in."""

    boxes: list[tuple[str, str]] = field(default_factory=list)  # (text key, kind), smallest box first
    # every box's key, apart: a key in no box (most of a page's blocks) is told by one search in C
    joined: str = field(init=False, repr=False, compare=False)
    # the kind of the first box of each key: a short key must be a whole box, found by one look-up
    # (a thread's or a forum's boxes joined run long, and a search of them cost more than the block)
    whole: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.joined = "\0".join(box for box, _ in self.boxes)  # no key holds a NUL: text_key drops it
        self.whole = {}
        for box, kind in self.boxes:
            self.whole.setdefault(box, kind)

    def kind_of(self, key: str) -> str | None:
        if len(key) < MIN_CONTAINED_KEY:
            return self.whole.get(key) if len(key) >= 2 else None
        if key not in self.joined:
            return None
        for box, kind in self.boxes:
            if key in box:  # a long key may be part of a box
                return kind
        return None


MIN_CONTAINED_KEY = 12  # shorter texts must match a whole box: "yes" is inside "yesterday"
_UNREAD = object()  # marked_boxes: a class or id value not read yet


def marked_boxes(tree: HtmlElement, names: PageNames | None = None, *, reviews: bool = False) -> MarkedBoxes:
    """Elements whose class or id names furniture, with the heading just before one (its title).
    `reviews`: a product's page, whose elements marked 'review' hold its customers' reviews. A
    cookie notice or a review is prose: a long paragraph does not make its box a wrapper."""
    boxes = []
    words_kinds = {**MARKUP_WORDS, **REVIEW_WORDS} if reviews else MARKUP_WORDS
    body = tree.find("body")
    page_chars = _PageChars(body)
    kinds: dict[str, str | None] = {}  # a menu's or a grid's items repeat their class: each value is read once
    for element, names_of in (names or PageNames(tree)).hits(_REVIEW_STEMS if reviews else _STEMS):
        if element.tag in _NEVER_MARKED:
            continue
        kind = kinds.get(names_of, _UNREAD)
        if kind is _UNREAD:
            kind = kinds[names_of] = markup_kind(names_of, words_kinds)
        if kind is None:
            continue
        text = _element_text(element)
        if not text or (
            _holds_page(element, text, kind, page_chars) if kind in WHOLE_BOX_KINDS else _is_wrapper(element, text)
        ):
            continue
        before = element.getprevious()
        if before is not None and before.tag in _HEADINGS and kind not in UNTITLED_KINDS:
            boxes.append((text_key(_element_text(before)), kind))
        boxes.append((text_key(text), kind))
    boxes.sort(key=lambda box: len(box[0]))
    return MarkedBoxes([box for box in boxes if box[0]])


CITED_TITLE_MIN_CHARS = 12  # a link text long enough to be a work's title, not "Facebook" or "PDF"


def _body_anchors(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The links inside the page's body (each body's, where a broken page has several: its readers
    collect sets). An iteration in C: the XPath '//body//a' gathers and sorts every node first, and
    cost twice as much."""
    for body in page_bodies(tree):
        yield from body.iter("a")


def hidden_by_markup(element: HtmlElement) -> bool:
    """The page hides the element itself: the `hidden` attribute, or an inline style of no display
    or no visibility."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDDEN_STYLE.search(style) is not None


def page_bodies(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The page's bodies, in page order: a body under <html>, and any a broken head holds
    (`<head><noscript><body>`). libxml2 opens no body inside an open one (and what one held would
    be the outer one's). Searching the whole tree for bodies cost a walk of every element, 0.2 ms a page."""
    if tree.tag == "body":
        yield tree
        return
    for child in tree.iterchildren():
        if child.tag == "body":
            yield child
        else:
            yield from child.iter("body")


_HEADING_TAGS = tuple(sorted(_HEADINGS))


def unlink_own_anchors(tree: HtmlElement, elements: Tagged | None = None) -> None:
    """A heading's link to a place on its own page ('#usage', a permalink, an FAQ's toggle) goes, its
    text stays: the heading is its section's, not a pointer elsewhere. trafilatura's link-density
    test reads a heading that is all link as navigation, and its precision focus drops it; our
    rules would read it as a linked headline. So does the one link of a section's heading that names
    what the section is about (a listicle's "3. Reclaimed Wood Arrows" linking to the project), see
    _heads_section. `elements`: the page's page_elements, when the caller has gathered them."""
    for heading in elements["heading"] if elements is not None else tree.iter(*_HEADING_TAGS):
        anchors = list(heading.iter("a"))
        own = [a for a in anchors if (a.get("href") or "").lstrip().startswith("#")]
        if not own and len(anchors) == 1 and heading.tag != "h1" and _heads_section(heading, anchors[0]):
            own = anchors
        for anchor in own:
            anchor.drop_tag()


SECTION_MIN_CHILDREN = 4  # a heading among this many elements, paragraphs of prose among them, is in a story
SECTION_PROSE_WORDS = 12  # a paragraph of prose: this many words, not mostly links


def _heads_section(heading: HtmlElement, anchor: HtmlElement) -> bool:
    """The heading is all one link, and it stands among a story's paragraphs with one of them right
    under it: it heads a section of the story. A card's linked headline over its teaser stands in
    the card's own few elements."""
    if " ".join(anchor.text_content().split()) != " ".join(heading.text_content().split()):
        return False
    parent, after = heading.getparent(), heading.getnext()
    if parent is None or after is None or after.tag != "p" or not _is_prose_paragraph(after):
        return False
    children = [child for child in parent if isinstance(child.tag, str)]
    paragraphs = sum(1 for child in children if child.tag == "p" and _is_prose_paragraph(child))
    return len(children) >= SECTION_MIN_CHILDREN and paragraphs >= 2


def _is_prose_paragraph(paragraph: HtmlElement) -> bool:
    text = paragraph.text_content()
    linked = sum(len(a.text_content()) for a in paragraph.iter("a"))
    return word_count(text) >= SECTION_PROSE_WORDS and linked <= 0.5 * len(text)


def linked_texts(tree: HtmlElement) -> set[str]:
    """Keys of every link's text: a block that is exactly one link is a pointer elsewhere.
    (Asking trafilatura to keep links costs time and makes it split paragraphs at them.)"""
    texts = {a.text or "" if len(a) == 0 else a.text_content() for a in _body_anchors(tree)}  # most links: one text
    return {key for key in map(text_key, texts) if len(key) >= 2}


def offsite_titles(tree: HtmlElement, url: str | None) -> frozenset[str]:
    """Keys of the texts of links to another site long enough to be titles: the works a page cites.
    A site's own "read also" points to its own pages."""
    own = site_of(url)
    if not own:
        return frozenset()
    keys = set()
    for anchor in _body_anchors(tree):
        href = anchor.get("href")
        if not href or not href.startswith("http") or own in href:
            continue
        # the key's length before the address's site: most links out are icons and short names
        key = text_key(anchor.text_content())
        if len(key) >= CITED_TITLE_MIN_CHARS and site_of(href) not in (None, own):
            keys.add(key)
    return frozenset(keys)
