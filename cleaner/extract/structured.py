"""What a page's structured data (JSON-LD, microdata) says of its content that its visible text may lack.

A shop often renders a product's description with a script, or folds it into a tab the HTML
leaves empty, while the page's JSON-LD `Product` carries it whole (schema.org `description`,
which search engines read). On a product page that text is the content the reader came for.

A forum marks each post of a thread up as an item (schema.org microdata: a Comment or a
DiscussionForumPosting, its words in itemprop="text"), and trafilatura, which takes the first
element that looks like a post's body, often keeps the first post alone: the items say where the
other posts are.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable

from lxml import etree
from lxml.html import HtmlElement

from cleaner.extract.blocks import Block
from cleaner.extract.dom import PageNames, text_key
from cleaner.extract.html_meta import load_json_ld

PRODUCT_TYPES = frozenset({"product", "productgroup", "individualproduct", "productmodel"})
_TAGS = re.compile(r"<[^>]+>")
_BREAKS = re.compile(r"<\s*(?:br|/p|/li|/div|/h\d)\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORDS = re.compile(r"\w+")
KNOWN_SHARE = 0.5  # the page's text holding this share of the description's words shows it already
MAX_ITEMS = 200  # objects looked at in one script: a shop's catalogue in JSON-LD is not read whole


def _objects(data: object) -> list[dict]:
    """The JSON-LD objects of a script: one, a list of them, or a @graph."""
    found, stack = [], [data]
    while stack and len(found) < MAX_ITEMS:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            found.append(item)
            if isinstance(item.get("@graph"), list):
                stack.extend(reversed(item["@graph"]))
    return found


def _is_product(item: dict) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1].lower() in PRODUCT_TYPES for k in kinds)


def product_description(tree: HtmlElement) -> list[str]:
    """The paragraphs of the description the page's JSON-LD gives its product (the first product
    that has one), markup and entities removed; [] when it gives none."""
    for script in tree.iter("script"):
        if script.get("type") != "application/ld+json" or not script.text:
            continue
        for item in _objects(load_json_ld(script.text)):
            text = item.get("description") if _is_product(item) else None
            if isinstance(text, str) and text.strip():
                return _paragraphs(text)
    return []


def _paragraphs(text: str) -> list[str]:
    text = html.unescape(_TAGS.sub(" ", _BREAKS.sub("\n", text)))
    return [line for line in (_SPACES.sub(" ", raw).strip() for raw in text.splitlines()) if line]


def description_blocks(blocks: list[Block], paragraphs: list[str]) -> bool:
    """Put the description in the blocks, under the page's heading, when the page's text holds
    less than half of its words (a description the page shows, reworded or in part, is not
    printed twice). Says whether it did."""
    known = {w.casefold() for b in blocks for w in _WORDS.findall(b.text)}
    words = [w.casefold() for p in paragraphs for w in _WORDS.findall(p)]
    if not words or sum(w in known for w in words) >= KNOWN_SHARE * len(words):
        return False
    at = next((i + 1 for i, b in enumerate(blocks[:3]) if b.tag == "h"), 0)
    blocks[at:at] = [Block(p, tag="p") for p in paragraphs]
    return True


# schema.org types of one post of a thread, as a forum marks its posts up in microdata
POST_TYPES = frozenset({"discussionforumposting", "comment", "answer", "question", "socialmediaposting"})
QA_TYPES = frozenset({"question", "answer"})
POST_TEXT_PROPS = frozenset({"text", "articlebody"})  # the property holding a post's own words
_ITEMS = etree.XPath("//body//*[@itemtype]")


def itemtype_names(value: str) -> list[str]:
    """The schema.org type names of a microdata `itemtype` ("https://schema.org/Comment", or
    several spaced), lower-cased."""
    return [t.rstrip("/").rsplit("/", 1)[-1].lower() for t in value.split()]


def _item_types(element: etree._Element) -> set[str]:
    return set(itemtype_names(element.get("itemtype") or ""))


def microdata_posts(tree: HtmlElement, names: PageNames | None = None) -> list[list[etree._Element]]:
    """The posts a page marks up in microdata (itemtype Comment, DiscussionForumPosting, Answer...),
    in page order, each as the elements holding its own text (itemprop "text" or "articleBody",
    not those of an item nested in it); posts without such a property are left out, and so are
    the comments inside a question or an answer: on a thread the comments are its replies, on a
    Q&A page they are remarks on one answer, which the page folds away. `names`: the page's
    PageNames, whose walk noted the body's items (the XPath walked every element again)."""
    typed = names.body_items() if names is not None else None
    posts, items = [], [item for item in (_ITEMS(tree) if typed is None else typed) if _item_types(item) & POST_TYPES]
    asked = {item for item in items if _item_types(item) & QA_TYPES}
    for item in items:
        if asked and "comment" in _item_types(item) and any(a in asked for a in item.iterancestors()):
            continue
        texts = [
            e for e in item.iterdescendants()
            if isinstance(e.tag, str) and (e.get("itemprop") or "").lower() in POST_TEXT_PROPS
            and _owner(e) is item
        ]
        if texts:
            posts.append(texts)
    return posts


# the posts of a discussion, not a Q&A or an FAQ: an article's FAQ marks its questions and answers up
REPLY_TYPES = frozenset({"discussionforumposting", "comment", "socialmediaposting"})


def marked_replies(tree: HtmlElement, names: PageNames | None = None) -> list[list[etree._Element]]:
    """The posts microdata_posts finds that are a discussion's (Comment, DiscussionForumPosting...),
    not the questions and answers of an FAQ."""
    return [post for post in microdata_posts(tree, names) if _item_types(_owner(post[0])) & REPLY_TYPES]


def _owner(element: etree._Element) -> etree._Element | None:
    """The item a property belongs to: its nearest ancestor with itemscope (or an itemtype)."""
    return next((a for a in element.iterancestors() if a.get("itemscope") is not None or a.get("itemtype")), None)


def json_ld_posts(tree: HtmlElement) -> list[list[str]]:
    """The posts a page's JSON-LD gives its thread (a DiscussionForumPosting's own text, and its
    `comment`s' with their replies), each as its paragraphs, in the order the data gives them;
    the comments under a question or an answer are left out, as in microdata_posts."""
    posts = []
    for script in tree.iter("script"):
        if script.get("type") != "application/ld+json" or not script.text:
            continue
        stack, seen = [(load_json_ld(script.text), False)], 0
        while stack and seen < MAX_ITEMS:
            item, asked = stack.pop()
            if isinstance(item, list):
                stack.extend((x, asked) for x in reversed(item))
                continue
            if not isinstance(item, dict):
                continue
            seen += 1
            kinds = _kinds(item)
            text = item.get("text") or item.get("articleBody")
            if kinds & POST_TYPES and not (asked and "comment" in kinds) and isinstance(text, str) and text.strip():
                posts.append(_paragraphs(text))
            asked = asked or bool(kinds & QA_TYPES)
            stack.extend((v, asked) for v in reversed(list(item.values())) if isinstance(v, (list, dict)))
    return posts


def _kinds(item: dict) -> set[str]:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


LONG_POST_WORDS = 50  # a post this long is there when the kept text holds nearly all its words...
LONG_POST_KNOWN = 0.8  # ... this share of them, however extraction cut its lines
# ... and its opening, this many characters of its first line's text key: on a thread of answers to one
# question, a long answer's words are nearly all in the others (code, the question's terms)
OPENING_CHARS = 40


class KeptText:
    """The kept blocks' text and words, read once for every post asked about."""

    def __init__(self, blocks: list[Block]) -> None:
        self.text = "".join(text_key(b.text) for b in blocks)
        self.words = Counter(w.casefold() for b in blocks for w in _WORDS.findall(b.text))

    def lacks(self, post: list[Block]) -> bool:
        """A post is there when the kept text holds most of its text, its blocks compared whole (a
        short reply's words are all in the thread, its sentence is not), or, for a long post whose
        lines extraction joined or cut otherwise, nearly all of its words."""
        keys = [text_key(b.text) for b in post]
        if sum(len(key) for key in keys if key in self.text) >= KNOWN_SHARE * sum(len(key) for key in keys):
            return False
        words = Counter(w.casefold() for b in post for w in _WORDS.findall(b.text))
        total = sum(words.values())
        opening = next((key for key in keys if key), "")[:OPENING_CHARS]
        return not (
            total >= LONG_POST_WORDS and sum((words & self.words).values()) >= LONG_POST_KNOWN * total
            and opening in self.text
        )

    def missing(self, posts: list[list[Block]]) -> list[Block]:
        return [b for post in posts if self.lacks(post) for b in post]

    def first_held(self, groups: Iterable[list[list[Block]]]) -> tuple[list[list[Block]], list[Block]] | None:
        """The first group one of whose posts the kept text holds whole, and that post: the siblings
        of the post trafilatura chose (the thread it belongs to, not a sidebar's list)."""
        return next(((posts, post) for posts in groups for post in posts if post and not self.lacks(post)), None)


def missing_posts(blocks: list[Block], posts: list[list[Block]]) -> list[Block]:
    """The blocks of the posts the kept blocks lack (trafilatura kept one post of a thread, or the
    first few), in the posts' order."""
    return KeptText(blocks).missing(posts)


def posts_beside_kept(blocks: list[Block], groups: list[list[list[Block]]]) -> list[Block]:
    """The missing posts of the first group one of whose posts extraction kept whole (KeptText.first_held)."""
    kept = KeptText(blocks)
    held = kept.first_held(groups)
    return kept.missing(held[0]) if held else []
