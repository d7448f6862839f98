"""Section headings the extraction dropped from inside the text it kept.

trafilatura keeps an article's paragraphs and can drop the headings between them: its precision
focus (articles) drops every `<header>` element, where listicles and guides put each section's
heading ('3. Navee GT3', 'Best under $700'), and its link-density tests drop a heading that is
all link. The page itself says such a heading heads kept text: the paragraph right under it is
in the extraction. It goes back above that paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement

from cleaner.decode import normalize_chars
from cleaner.extract.blocks import Block
from cleaner.extract.dom import MarkedBoxes, PageNames, hidden_by_markup, text_key
from cleaner.measure import is_prose, word_count
from cleaner.urls import site_of

SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")  # an <h1> is the page's headline: the title's
# what holds a section's first text: a paragraph, an item, a quote...
TEXT_TAGS = ("p", "li", "blockquote", "pre", "dd", "dt", "td", "figcaption")
# a heading inside these is the site's, not the text's
_ELSEWHERE = frozenset({"nav", "aside", "footer", "form", "button", "a", "template", "noscript"})
HEADING_MAX_WORDS = 20  # a longer "heading" is a paragraph set large
LABEL_ENDS = (":", "：")  # a "heading" ending so is a label ('Original title:') or a form's prompt
# (and one that shows a web address is a source's credit line)
FOLLOW_MIN_CHARS = 20  # the text under the heading: a line, not a label, and not mostly links
LINKED_MAX_SHARE = 0.5  # a heading this much inside links points to another page
FOLLOW_DEPTH = 3  # how far up the heading's ancestors the text under it is looked for
FOLLOW_MAX_ELEMENTS = 60  # ... among this many elements after it: a page of headings is read in bounded time


class Heading(NamedTuple):
    text: str
    follows: str  # text_key of the first text under it
    linked: float  # share of its text inside links
    cites: bool  # it is a link to another site: the work or product its section is about


def section_headings(tree: HtmlElement, url: str | None = None) -> list[Heading]:
    """The page's section headings, each with the first text under it. Read before trafilatura
    changes the tree. A heading that is a link is left out (a card's headline, pointing to another
    of the site's pages, over a teaser that may be kept) unless it leads to another site: the work,
    place or product a listicle's section is about."""
    own = site_of(url)
    body = tree.find("body")
    found: list[Heading] = []
    if body is None:
        return found
    above: dict[HtmlElement, bool] = {}  # the headings' ancestors: each elsewhere or under one that is
    for heading in body.iter(*SECTION_HEADINGS):
        # where it stands first (a few look-ups, kept for the next headings), then its text: a menu's
        # or a footer's headings are not read
        if _elsewhere(heading) or _elsewhere_above(heading, above) or _under_headline(heading):
            continue
        text = " ".join(normalize_chars(heading.text_content()).split())
        if not text or word_count(text) > HEADING_MAX_WORDS or text.endswith(LABEL_ENDS) or "://" in text:
            continue
        anchors = list(heading.iter("a"))
        linked = min(1.0, sum(len(a.text_content().strip()) for a in anchors) / len(text))
        cites = linked >= LINKED_MAX_SHARE and _offsite(anchors, own)
        if linked >= LINKED_MAX_SHARE and not cites:
            continue
        follows = _text_under(heading)
        if follows:
            found.append(Heading(text, follows, linked, cites))
    return found


def _elsewhere(element: HtmlElement) -> bool:
    """The site's part of the page (a menu, a form, a link), or one it hides (a share pulldown)."""
    return element.tag in _ELSEWHERE or hidden_by_markup(element)


def _elsewhere_above(element: HtmlElement, above: dict[HtmlElement, bool]) -> bool:
    """Whether an ancestor of the element is _elsewhere. `above` keeps each ancestor's answer (it, or
    one above it): a page's headings share most of theirs, which each heading asked again."""
    chain = []
    parent = element.getparent()
    while parent is not None and parent not in above:
        chain.append(parent)
        parent = parent.getparent()
    answer = above[parent] if parent is not None else False
    for ancestor in reversed(chain):  # from the top down: under an element elsewhere, all are
        answer = answer or _elsewhere(ancestor)
        above[ancestor] = answer
    return answer


def _under_headline(heading: HtmlElement) -> bool:
    """Right under the page's <h1>: the headline's dek (a summary set as a subtitle), not a section's."""
    before = heading.getprevious()
    return before is not None and before.tag == "h1"


def _offsite(anchors: list[HtmlElement], own: str | None) -> bool:
    """Every link leads to another site than the page's."""
    sites = [site_of(a.get("href")) if (a.get("href") or "").startswith("http") else own for a in anchors]
    return own is not None and all(site not in (None, own) for site in sites)


def _after(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element` in page order, outside it: its following siblings and theirs,
    then those of its parent, a few levels up, and no more than a bounded number of them."""
    seen = 0
    for _ in range(FOLLOW_DEPTH):
        for sibling in element.itersiblings():
            for found in sibling.iter():
                seen += 1
                if seen > FOLLOW_MAX_ELEMENTS:
                    return
                yield found
        element = element.getparent()
        if element is None or element.tag == "body":
            return


def _text_under(heading: HtmlElement) -> str | None:
    """The key of the first paragraph (item, quote...) after the heading, in its following siblings
    or those of its parent (a heading wrapped in a <header> or a title box), a few levels up, when
    it is a line of text, not a label, and not mostly links: a heading over a list of links (the
    most read, the most commented) heads furniture."""
    for candidate in _after(heading):
        if candidate.tag in SECTION_HEADINGS or candidate.tag == "h1":
            return None  # another heading comes first: this one heads no text
        if candidate.tag not in TEXT_TAGS:
            continue
        text = " ".join(candidate.text_content().split())
        if not text:
            continue
        key = text_key(text)
        if _linked_chars(candidate) <= LINKED_MAX_SHARE * len(text) and len(key) >= FOLLOW_MIN_CHARS:
            return key
        return None
    return None


def restore_headings(
    blocks: list[Block], headings: list[Heading], hints: MarkedBoxes, links: set[str],
    keys: list[str] | None = None,
) -> int:
    """Each heading the blocks lack whose following text they keep goes back above it, once, with
    the evidence an extracted heading has (its links, the furniture its markup suggests).
    Says how many went back. `keys`: the blocks' text_keys, when their builder read them (the
    blocks' keys were read a second time here, 0.2 ms a page)."""
    if not headings or not blocks:
        return 0
    if keys is None:
        keys = [text_key(b.text) for b in blocks]
    at = {}
    for i, key in enumerate(keys):
        at.setdefault(key, i)
    have = set(keys)
    inserts: list[tuple[int, Block]] = []
    placed = set()
    for heading in headings:
        key = text_key(heading.text)
        if not key or key in have or key in placed:
            continue
        index = at.get(heading.follows)
        if index is None or index in {i for i, _ in inserts}:
            continue
        if index > 0 and blocks[index - 1].tag == "h":
            continue  # a heading of its own stands there
        hint = hints.kind_of(key)
        density = 1.0 if key in links else heading.linked
        inserts.append((index, Block(heading.text, tag="h", link_density=density,
                                     hints=frozenset((hint,)) if hint else frozenset(), cites=heading.cites)))
        placed.add(key)
    for index, block in sorted(inserts, key=lambda item: -item[0]):
        blocks.insert(index, block)
    return len(inserts)


_BORDERED = etree.XPath(".//*[contains(@style, 'border')]")
BOXED_PROSE_WORDS = 12  # a paragraph of running prose: a sentence this long
BOXED_MAX_LINKED = 0.5  # ... in a box whose text is mostly not links


def unbox_prose(tree: HtmlElement, names: PageNames | None = None) -> int:
    """A box the page draws with a border (an inline `style` naming one) that holds paragraphs of
    running prose, most of its text outside links, is part of the text: a callout's key answer,
    an accordion's FAQ. trafilatura's precision focus drops every element so styled, as it does
    the bordered boxes of ads and related links (lists of links, no prose). The border goes from
    the style of those that hold prose with more of the story's prose after them (readers' notes
    boxed under a story are no part of it). Says how many. `names`: the page's PageNames, whose
    walk noted the bordered elements (the XPath walked every element again, 0.6 ms a page)."""
    body = tree.find("body")
    if body is None:
        return 0
    changed = 0
    boxes = names.bordered if names is not None and names.bordered is not None else _BORDERED(body)
    for box in boxes:
        text = " ".join(box.text_content().split())
        if not text:
            continue
        if _linked_chars(box) > BOXED_MAX_LINKED * len(text):
            continue
        if _holds_prose(box.iter("p", "li")) and _holds_prose(e for e in _after(box) if e.tag == "p"):
            box.set("style", box.get("style").replace("border", "edge"))
            changed += 1
    return changed


def _linked_chars(element: HtmlElement) -> int:
    """The characters of the element's text inside links, each link's words spaced once."""
    return sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))


def _holds_prose(paragraphs: Iterable[HtmlElement]) -> bool:
    return any(is_prose(" ".join(p.text_content().split()), BOXED_PROSE_WORDS) for p in paragraphs)
