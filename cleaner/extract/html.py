"""HTML to blocks: trafilatura finds the main content; we keep its structure and the page's evidence.

The page is parsed once. Its metadata and the class/id evidence are read from that tree first;
then trafilatura extracts from the same tree, changing it as it goes. Each paragraph, heading,
list item, quote, table row or line of loose text trafilatura keeps becomes one block, with the
share of its text inside links and the furniture kinds the page's markup suggests for it.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from itertools import accumulate

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from cleaner.decode import normalize_chars
from cleaner.extract.blocks import Block
from cleaner.extract.cascade import Extraction, page_options, run_cascade
from cleaner.extract.dom import (
    MarkedBoxes,
    PageNames,
    linked_texts,
    marked_boxes,
    offsite_titles,
    page_elements,
    text_key,
    unlink_own_anchors,
)
from cleaner.extract.html_meta import is_home_page, meta_tags, page_address, page_metadata
from cleaner.extract.pagetype import UNDATED_TYPES, PageType, comment_posts, page_type
from cleaner.extract.region import element_blocks, region_blocks, repeated_posts
from cleaner.extract.repair import (
    flatten_deep,
    lxml_refused,
    make_acceptable,
    may_hold_prefixed,
    tame_attributes,
    too_deep,
    unwrap_prefixed,
)
from cleaner.extract.sections import restore_headings, section_headings, unbox_prose
from cleaner.extract.spacing import space_laid_out_words
from cleaner.extract.standfirst import restore_standfirst, shown_standfirst
from cleaner.extract.structured import (
    KeptText,
    description_blocks,
    json_ld_posts,
    marked_replies,
    microdata_posts,
    missing_posts,
    posts_beside_kept,
    product_description,
)
from cleaner.furniture.lexicon import builtin_lexicon
from cleaner.measure import is_prose, word_count
from cleaner.metadata.fields import Metadata
from cleaner.metadata.language import detect_language

# trafilatura's output tags that start a block of their own, and the tag the block gets
BLOCK_TAGS = {"p": "p", "head": "h", "item": "li", "quote": "quote", "row": "row", "code": "code"}
_BREAKS = {"lb", "list", "table"}  # end the block before them; "lb" ends a line


class _BlockBuilder:
    """Collects text into the current block; a block element or a line break closes it."""

    def __init__(self, hints: MarkedBoxes, links: set[str], cited: frozenset[str] = frozenset()) -> None:
        self.blocks: list[Block] = []
        self.keys: list[str] = []  # each block's text_key, for the readers after (restore_headings)
        self.hints = hints
        self.links = links
        self.cited = cited
        self.tags = ["p"]
        self.parts: list[str] = []
        self.linked = 0

    def add(self, text: str | None, in_link: bool) -> None:
        if text:
            self.parts.append(text)
            if in_link:
                self.linked += len(text.strip())

    def close(self) -> None:
        if not self.parts:  # half the closes: a block element right after another (linked is 0 too)
            return
        text = " ".join(normalize_chars("".join(self.parts)).split())  # str.split parts where \s+ does, 4x faster
        if text:
            key = text_key(text)
            letters = len(text.replace(" ", ""))
            density = 1.0 if key in self.links else min(1.0, self.linked / letters) if letters else 0.0
            hint = self.hints.kind_of(key)
            cites = bool(self.cited) and any(map(key.__contains__, self.cited))  # title in key, in C
            self.blocks.append(
                Block(text, tag=self.tags[-1], link_density=density, hints=frozenset((hint,)) if hint else frozenset(),
                      cites=cites)
            )
            self.keys.append(key)
        self.parts, self.linked = [], 0

    def walk(self, element: etree._Element, in_link: bool = False) -> None:
        tag = element.tag
        block_tag = BLOCK_TAGS.get(tag)
        if block_tag or tag in _BREAKS:
            self.close()
        if block_tag:
            self.tags.append(block_tag)
        in_link = in_link or tag == "ref"
        if tag == "cell" and element.getprevious() is not None:
            self.parts.append(" | ")
        self.add(element.text, in_link)
        for child in element:
            if isinstance(child.tag, str):
                self.walk(child, in_link)
            self.add(child.tail, in_link)
        if block_tag:
            self.close()
            self.tags.pop()


def body_blocks(
    body: etree._Element, hints: MarkedBoxes | None = None, links: set[str] | None = None,
    cited: frozenset[str] = frozenset(),
) -> list[Block]:
    return keyed_body_blocks(body, hints, links, cited)[0]


def keyed_body_blocks(
    body: etree._Element, hints: MarkedBoxes | None = None, links: set[str] | None = None,
    cited: frozenset[str] = frozenset(),
) -> tuple[list[Block], list[str]]:
    """body_blocks, and each block's text_key, which the builder reads to look its evidence up."""
    builder = _BlockBuilder(hints or MarkedBoxes(), links or set(), cited)
    builder.walk(body)
    builder.close()
    return builder.blocks, builder.keys


def _parser() -> lxml.html.HTMLParser:
    """trafilatura's parser settings, with every element an HtmlElement chosen in C: lxml.html's own
    class lookup calls Python for each element touched, a tenth of the whole cleaning time."""
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
    )
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=HtmlElement))
    return parser


_LOCAL = threading.local()  # an lxml parser must not be shared between threads
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# the ASCII ones as bytes: deleting them from the page's UTF-8 (one pass in C) tells whether it holds any
_NOT_XML_BYTES = bytes((*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))


def _utf8(html: str) -> bytes | None:
    """The page's UTF-8, None when it holds a lone surrogate (lxml then reads the str itself)."""
    try:
        return html.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _holds_not_xml(html: str, data: bytes | None) -> bool:
    """Whether the page holds a character XML refuses. Its UTF-8 bytes are scanned once in C (the
    31 `in` tests of the str cost twice as much, the regex five times); U+FFFE and U+FFFF only
    where the page is not ASCII."""
    if data is None:
        return _NOT_XML_CHARS.search(html) is not None
    if len(data.translate(None, _NOT_XML_BYTES)) != len(data):
        return True
    return not data.isascii() and ("\ufffe" in html or "\uffff" in html)


def parse_page(html: str, utf8: bytes | None = None) -> HtmlElement | None:
    """The page's tree. A fragment (the inner HTML of an article element) gets a page around it.
    The text is already decoded, so an XML declaration naming its old encoding goes. libxml2
    reads the page as UTF-8 bytes: lxml hands it a str in the str's own width (Latin-1, UCS-2 or
    UCS-4), which it converts first; the encoding and the parse cost less (same tree). `utf8`: the
    page's UTF-8 when the caller holds it (the bytes decoding read), not encoded again."""
    html, declarations = _XML_DECLARATION.subn("", html, count=1)
    data = utf8 if utf8 is not None and not declarations else _utf8(html)
    if _holds_not_xml(html, data):
        html = _NOT_XML_CHARS.sub("", html)
        data = _utf8(html)
    if not html or html.isspace():  # strip() copied the whole page to tell
        return None
    try:
        if not hasattr(_LOCAL, "parser"):
            _LOCAL.parser = _parser()
        tamed = tame_attributes(html)
        if tamed is not html:
            html, data = tamed, _utf8(tamed)
        tree = lxml.html.document_fromstring(html if data is None else data, parser=_LOCAL.parser)
        if too_deep(_LOCAL.parser):  # libxml2 dropped what lay deeper than it keeps
            tree = lxml.html.document_fromstring(flatten_deep(html), parser=_LOCAL.parser)
        if may_hold_prefixed(html):
            unwrap_prefixed(tree)
        return tree
    except (etree.ParserError, ValueError):
        return None


PROSE_MIN_WORDS = 25
LINK_PAGE_SHARE = 0.5  # share of the text inside links above which a page without prose is a listing


def _is_link_page(blocks: list[Block], links: set[str]) -> bool:
    """trafilatura found no article and fell back to the page's own text (a home page, a tag
    listing): no paragraph of prose, and most of the text is the text of links."""
    if any(is_prose(b.text, PROSE_MIN_WORDS) for b in blocks):
        return False
    keys = [text_key(b.text) for b in blocks]
    total = sum(len(key) for key in keys)
    linked = sum(min(len(key), sum(len(link) for link in links if link in key)) for key in keys)
    return total > 0 and linked >= LINK_PAGE_SHARE * total


@dataclass(frozen=True)
class HtmlSettings:
    """Where the page's content region replaces trafilatura's extraction: when trafilatura kept less
    than this share of the region's text. Items and sections are the content of a listing, a shop's
    category or a service page, and trafilatura drops many of them as navigation; an article or a
    thread is running prose, and the region wins only when trafilatura found next to nothing (on
    an article: under 20%, and what it kept is no running prose, see prose_types). At 30% the region
    gained listings and threads that the page type called articles on WCXB, but took a Greek and a
    Japanese news story's sidebars (multilingual set: el 0.900 -> 0.880). A product's region is
    mostly other products."""

    region_below_share: dict[str, float] = field(default_factory=lambda: {
        "listing": 0.8, "collection": 0.8, "service": 0.8, "other": 0.8, "documentation": 0.7, "forum": 0.3,
        "article": 0.2,
    })
    link_page_types: frozenset[str] = frozenset({"article", "other"})  # where a page of links holds no article
    # ... unless its links and headlines hold this many words: a listing's items (a home page's
    # handful of headlines, a menu, or the shell of a page its scripts fill hold fewer)
    listing_min_words: int = 80
    comment_types: frozenset[str] = frozenset({"forum"})  # where what looks like comments is the content
    # where the content is one element (an article, a service's sections), so that when trafilatura
    # finds next to nothing, readability's pick is better than the whole page
    readability_types: frozenset[str] = frozenset({"article", "other", "service", "product", "collection"})
    # the region's text is at most about this share of trafilatura's cleaned page text (98% of WCXB pages)
    region_page_bound: float = 1.1
    # trafilatura's extraction is an article's running prose (paragraphs of whole sentences) at least
    # this long and this share of it: the region around it is the page's other stories, not its items
    # where trafilatura's comparison with readability and jusText runs: on news articles it picks the
    # story where the main extractor kept a teaser or took the page (a forum's or a listing's items
    # are many elements, and jusText's shorter pick loses them); on documentation it keeps what the
    # page folds into tabs (a quickstart's code in each language), as trafilatura's own default does
    compare_types: frozenset[str] = frozenset({"article", "documentation"})
    # where trafilatura's precision focus runs: it drops the comment threads and related lists around a
    # news story, and with them a landing page's <header>s and linked cards, which are its sections
    precision_types: frozenset[str] = frozenset({"article"})
    # a page that shows this many points of a service page's evidence (hero, features, pricing,
    # testimonial, cta classes; /services/, /pricing/ paths; Service schema), at most this many fewer
    # than the type that won, is a company's landing page: neither the precision focus nor the
    # running-prose test below applies to it (a shop's grid, typed by its schema and prices, stays far ahead)
    landing_service_points: float = 2.0
    landing_max_gap: float = 3.0
    landing_region_types: frozenset[str] = frozenset({"article", "other", "collection"})
    # a page typed an article whose markup declares no publication date and no article schema shows
    # nothing of a story (a company's page of sections, a tool's page): its content region is read as
    # a landing page's, and the running-prose test does not keep trafilatura's part of it, unless what
    # the region adds is mostly links (an index of other pages). On WCXB dev it changed 18 pages of
    # 1,497, 16 for the better (two articles took in a sidebar or a menu the region reader did not
    # know); taking the region whatever it adds cost documentation indexes.
    undated_reads_region: bool = True
    # so is a page typed an article at the root of its site: a home page, whatever date its CMS gives it
    home_reads_region: bool = True
    prose_min_chars: int = 300
    prose_min_share: float = 0.6
    prose_min_words: int = 12
    # ... in this many paragraphs: a story runs on, a category's or a listing's intro is one paragraph
    prose_min_paragraphs: int = 2
    # (on WCXB a listing's or a service page's extraction is often its intro's prose, its items dropped)
    prose_types: frozenset[str] = frozenset({"article", "collection"})
    # where the structured data's description is the content when the page's text lacks it
    described_types: frozenset[str] = frozenset({"product"})
    # a page with no article whose comment thread has this many comments of prose is that discussion
    discussion_min_posts: int = 3
    # a page typed an article (its schema says Article, its first post is prose) that shows this many
    # points of a thread's evidence (class names of posts and posters, a thread's URL) is read for its
    # posts too: when the element trafilatura kept is one of a group of siblings of its kind, those
    # siblings are the thread's replies, and the "article" was its first post (a story's comment
    # thread is no sibling of the story; posts its markup declares are left to the forum's reading)
    thread_types: frozenset[str] = frozenset({"article"})
    thread_min_points: float = 3.0


def main_content(
    tree: HtmlElement, url: str | None, kind: PageType, settings: HtmlSettings, names: PageNames | None = None
) -> Extraction:
    """trafilatura's cascade on our own tree (see cascade.py), as the page's type asks: a forum's
    comments may be its posts; an article is one element that readability can pick when
    trafilatura finds next to nothing.

    `bare_extraction` would first copy the tree, which costs as much as parsing it; we have read
    what we need from it, so trafilatura may change it in place.
    """
    options = page_options(url, comments=kind.name in settings.comment_types, precision=_precise(kind, settings))
    return run_cascade(
        tree, options, url, readability=kind.name in settings.readability_types,
        compare=kind.name in settings.compare_types,
        names=names.page_lines(tree) if names is not None else None,
    )


def _listing_or_nothing(kind: PageType, decided: int, blocks: list[Block], settings: HtmlSettings) -> None:
    """A page of links and headlines: a listing when they hold enough words (its evidence is then
    the listing's, and what extraction found), else no article."""
    words = sum(word_count(b.text) for b in blocks)
    if words < settings.listing_min_words:
        for block in blocks:
            block.remove("other", "the page's links and headlines: no article on it")
        return
    found = kind.evidence[decided:]
    kind.name = "listing"
    kind.evidence = [*kind.all_evidence.get("listing", []), *found,
                     f"{words} words, most in links and none in prose: a listing's items"]


def _precise(kind: PageType, settings: HtmlSettings) -> bool:
    """trafilatura's precision focus runs on the page: an article, unless it is a landing page."""
    return kind.name in settings.precision_types and not _is_landing(kind, settings)


def _is_landing(kind: PageType, settings: HtmlSettings) -> bool:
    service = kind.points.get("service", 0.0)
    lead = kind.points.get(kind.name, 0.0) - service
    return service >= settings.landing_service_points and lead <= settings.landing_max_gap


def _landing_article(kind: PageType, page: Metadata, url: str | None, settings: HtmlSettings) -> str | None:
    """Why a page typed an article shows nothing of a story, if it does not: it declares no date
    of publication and no article schema (typed by its class names and prose alone), or it is the
    site's home page (a story has an address of its own; a home page's date is its CMS's)."""
    if kind.name != "article":
        return None
    if settings.undated_reads_region and not page.published and kind.declared != "article":
        return "no publication date and no article schema"
    if settings.home_reads_region and is_home_page(url or page.url):
        return "the site's home page"
    return None


def _shows_thread(kind: PageType, settings: HtmlSettings) -> bool:
    """A page typed otherwise that shows enough of a thread's evidence to look for its posts, and
    does not declare itself an article (structured data, og:type): a story that its publisher
    declares is one, whose page builder lays it out in sections side by side with its other boxes."""
    return (
        kind.name in settings.thread_types and kind.points.get("forum", 0.0) >= settings.thread_min_points
        and not kind.self_declared
    )


def _adds_links(kept: list[Block], region: list[Block]) -> bool:
    """What the region adds to trafilatura's blocks is mostly the text of links: an index of other
    pages (their linked titles above their summaries), not the sections of this one."""
    have = {text_key(b.text) for b in kept}
    return _mostly_links([b for b in region if text_key(b.text) not in have])


def _mostly_links(blocks: list[Block]) -> bool:
    """The blocks have text, and most of it is the text of links."""
    chars = sum(len(b.text) for b in blocks)
    return chars > 0 and sum(len(b.text) * b.link_density for b in blocks) >= LINK_PAGE_SHARE * chars


def _is_prose(blocks: list[Block], kept: int, settings: HtmlSettings, teasers: frozenset[str]) -> bool:
    """trafilatura kept an article's text: paragraphs of whole sentences make up most of it (the
    teasers of the page's cards are items, not a story)."""
    paragraphs = [
        len(b.text) for b in blocks
        if b.tag == "p" and is_prose(b.text, settings.prose_min_words)
        and not (teasers and text_key(b.text) in teasers)
    ]
    prose = sum(paragraphs)
    return (
        len(paragraphs) >= settings.prose_min_paragraphs
        and prose >= settings.prose_min_chars and prose >= settings.prose_min_share * kept
    )


ITEM_TAGS = frozenset({"article", "li"})


def _names_an_item(element: HtmlElement) -> bool:
    """An element that says it is an item: an <article> or a list item, or one with a class name (a
    page's unnamed <div>s side by side are its layout: columns, boxes, the story beside its lists)."""
    return element.tag in ITEM_TAGS or bool((element.get("class") or "").strip())


def _regrouped(read: list[list[Block]], groups: list[list[HtmlElement]]) -> list[list[list[Block]]]:
    """The blocks read of every group's members, one after another, back in their groups."""
    ends = accumulate(len(group) for group in groups)
    return [read[end - len(group) : end] for group, end in zip(groups, ends, strict=True)]


MARKED_MIN_POSTS = 2  # a thread whose HTML marks this many posts says where they are: its region is not read
UNDECLARED_MIN_POSTS = 3  # a thread the page does not declare shows a first post and two replies
FIRST_POST_SHARE = 0.5  # ... and the post trafilatura kept is at least this share of what it kept


@dataclass
class _ThreadPosts:
    """A thread's posts, read before trafilatura changes the tree: as its structured data marks
    them, and the groups of sibling elements that may be them when it marks none, or only the
    first (a page that marks its answers says where its posts are: the rest is remarks and cards)."""

    marked: list[list[Block]]
    groups: list[list[list[Block]]]
    named: list[bool]  # per group: its members say they are items (see _names_an_item)
    shown: int = 0  # the marked posts its HTML shows (microdata items; the rest its JSON-LD carries)

    @classmethod
    def read(cls, tree: HtmlElement, hints: MarkedBoxes, links: set[str], names: PageNames) -> _ThreadPosts:
        items, groups = microdata_posts(tree, names), repeated_posts(tree)
        read = element_blocks([*items, *([member] for group in groups for member in group)], tree, hints, links, names)
        marked, read = read[: len(items)], read[len(items) :]
        shown = [b for post in marked for b in post]
        carried = [[Block(p) for p in post] for post in json_ld_posts(tree)]  # those the elements do not show
        have = KeptText(shown)
        marked += [post for post in carried if not shown or have.lacks(post)]
        return cls(marked, _regrouped(read, groups), [_names_an_item(group[0]) for group in groups], len(items))

    @classmethod
    def read_marked(
        cls, tree: HtmlElement, hints: MarkedBoxes, links: set[str], names: PageNames
    ) -> _ThreadPosts | None:
        """What restore_undeclared reads on a page typed otherwise whose microdata marks a first
        post and two replies or more (Comment, DiscussionForumPosting...): those posts alone (an
        article's FAQ, marked as Questions and Answers, is no discussion)."""
        items = marked_replies(tree, names)
        if len(items) < UNDECLARED_MIN_POSTS:
            return None
        return cls(element_blocks(items, tree, hints, links, names), [], [])

    @classmethod
    def read_undeclared(
        cls, tree: HtmlElement, hints: MarkedBoxes, links: set[str], names: PageNames
    ) -> _ThreadPosts | None:
        """What restore_undeclared reads, on a page typed otherwise: nothing when its markup or its
        JSON-LD declares posts, else the groups of siblings that say they are items (a fraction of
        what `read` reads: most pages that show some of a thread's evidence are articles)."""
        if microdata_posts(tree, names) or json_ld_posts(tree):
            return None
        groups = [group for group in repeated_posts(tree) if _names_an_item(group[0])]
        if not groups:
            return None
        read = element_blocks([[member] for group in groups for member in group], tree, hints, links, names)
        return cls([], _regrouped(read, groups), [True] * len(groups))

    def restore(self, blocks: list[Block], evidence: list[str]) -> None:
        """The posts extraction lost go back after what it kept."""
        if self.marked and (missing := missing_posts(blocks, self.marked)):
            blocks += missing
            evidence.append(
                f"{len(missing)} blocks of the thread's posts its structured data marks, lost in extracting"
            )
        elif len(self.marked) <= 1 and self.groups and (missing := posts_beside_kept(blocks, self.groups)):
            blocks += missing
            evidence.append(f"{len(missing)} blocks of the posts beside the one trafilatura kept, of its kind")

    def restore_undeclared(self, blocks: list[Block], evidence: list[str]) -> bool:
        """On a page typed otherwise, the posts beside the one trafilatura kept: those its microdata
        marks (a thread whose page declares an Article, whose first post and replies are Comments),
        or, when its markup declares no post, its sibling elements that say they are items. The kept
        post is most of what trafilatura kept (the "article" was that post, not a story one of whose captions or
        teasers repeats a sibling's text), it has two siblings or more of its kind, and what they
        add is not mostly links (a list of linked headlines is no thread). Says whether it found
        them: the page is then a thread."""
        kept, kept_chars = KeptText(blocks), sum(len(b.text) for b in blocks)
        if self.marked:  # the page's markup says what its posts are: is the "article" one of them?
            held = kept.first_held([self.marked])
            why = "the posts its markup declares, one of which is what trafilatura kept"
        else:
            held = kept.first_held(g for g, is_named in zip(self.groups, self.named, strict=True) if is_named)
            why = "the posts beside the one trafilatura kept"
        if held is None or len(held[0]) < UNDECLARED_MIN_POSTS:
            return False
        group, first = held
        if sum(len(b.text) for b in first) < FIRST_POST_SHARE * kept_chars:
            return False
        missing = kept.missing(group)
        if not sum(len(b.text) for b in missing) or _mostly_links(missing):
            return False
        blocks += missing
        evidence.append(f"{len(missing)} blocks of {why}: a thread, its first post read as an article")
        return True


def html_to_blocks(
    html: str, *, url: str | None = None, source: str | None = None, settings: HtmlSettings | None = None,
    utf8: bytes | None = None,
) -> tuple[list[Block], Metadata, PageType | None]:
    """The page's blocks, metadata and type. `utf8`: the page's own UTF-8, when the caller holds it."""
    settings = settings or HtmlSettings()
    tree = parse_page(html, utf8)
    if tree is None:
        return [], Metadata(url=url), None
    blocks, page, kind, links_only = _page_blocks(html, tree, url, settings)
    if links_only:
        # no article, only links: a link aggregator's or a board's story page, whose story is a link
        # and whose discussion is the page, is read again as a forum (the first pass pruned its comments)
        tree = parse_page(html, utf8)
        posts = comment_posts(tree) if tree is not None else 0
        if posts >= settings.discussion_min_posts:
            why = f"no article, and a thread of {posts} comments of prose: the discussion is the page"
            discussion = PageType("forum", [*kind.all_evidence.get("article", []), why], kind.points, kind.all_evidence)
            blocks, page, kind, _ = _page_blocks(html, tree, url, settings, discussion)
    return blocks, page, kind


def _page_blocks(
    html: str, tree: HtmlElement, url: str | None, settings: HtmlSettings, kind: PageType | None = None
) -> tuple[list[Block], Metadata, PageType, bool]:
    try:
        return _tree_to_blocks(tree, url, settings, kind)
    except ValueError as exc:  # lxml refused a name or text its own parser made (`<b<div>`, '&#2;'): redo
        if not lxml_refused(exc):
            raise
        return _tree_to_blocks(make_acceptable(parse_page(html)), url, settings, kind)


def _tree_to_blocks(
    tree: HtmlElement, url: str | None, settings: HtmlSettings, kind: PageType | None = None
) -> tuple[list[Block], Metadata, PageType, bool]:
    """The page's blocks, metadata and type, and whether trafilatura found only links on a page
    typed an article or other (no prose: a listing's items, or no article)."""
    # Every element's Python proxy, held until the page is read. lxml makes a proxy for each element
    # a walk touches and frees it when the walk lets go, unless one is alive already: the dozens of
    # walks of the page (ours, and trafilatura's in the cascade) each made and freed one for every
    # element, 1 ms a page of 50. What the cascade removes from the tree stays allocated, unreachable
    # from it, until then; the page's tree is freed with it at the end, as before.
    held = list(tree.iter())
    space_laid_out_words(tree)  # before any reader takes the page's text: '1Book' is two words
    elements = page_elements(tree)
    unlink_own_anchors(tree, elements)  # before the links are read: a heading's own anchor points nowhere else
    names = PageNames(tree)
    tags = meta_tags(tree, elements)
    address = page_address(tree, tags, url)
    kind = kind or page_type(tree, names, address or url, elements=elements)
    page = page_metadata(
        tree, url, read_dates=kind.name not in UNDATED_TYPES, tags=tags, address=address, elements=elements
    )
    hints, links = marked_boxes(tree, names, reviews=kind.name == "product"), linked_texts(tree)
    decided = len(kind.evidence)  # what typed the page; what follows is what extraction found
    described = product_description(tree) if kind.name in settings.described_types else []
    if kind.name == "forum":
        posts = _ThreadPosts.read(tree, hints, links, names)
    else:
        posts = _ThreadPosts.read_marked(tree, hints, links, names) if kind.name in settings.thread_types else None
        if posts is None and _shows_thread(kind, settings):
            posts = _ThreadPosts.read_undeclared(tree, hints, links, names)
    standfirst = shown_standfirst(tree) if _precise(kind, settings) else None  # what precision mode may drop
    headings = section_headings(tree, page.url or url)
    if _precise(kind, settings) and (unboxed := unbox_prose(tree, names)):
        kind.evidence.append(f"{unboxed} bordered boxes of prose read as text (precision mode drops bordered boxes)")
    extraction = main_content(tree, page.url or url, kind, settings, names)
    cited = offsite_titles(tree, page.url or url)
    blocks, keys = keyed_body_blocks(extraction.body, hints, links, cited) if extraction.body is not None else ([], [])
    landing, as_landing = _is_landing(kind, settings), None
    if landing:
        service, won = kind.points.get("service", 0.0), kind.points.get(kind.name, 0.0)
        kind.evidence.append(f"a landing page: {service:g} points of a service page's evidence beside {won:g}")
    elif as_landing := _landing_article(kind, page, url, settings):
        landing = True
    # a landing page typed an article or a collection is read as a service page: its items and sections
    # are the content, and trafilatura drops many of them
    read_as = "service" if landing and kind.name in settings.landing_region_types else kind.name
    below = settings.region_below_share.get(read_as)
    found = [b for b in blocks if "consent" not in b.hints]  # a cookie notice trafilatura kept is no content
    kept = sum(len(b.text) for b in found)
    story = kind.name in settings.prose_types and not landing and _is_prose(found, kept, settings, kind.teasers)
    # a thread whose markup marks its posts says where they are: the region around them is the page's
    # other parts (the remarks under each answer, the posters' badges), and the posts come back below
    story = story or (kind.name == "forum" and posts is not None and posts.shown >= MARKED_MIN_POSTS)
    if below is not None and kept < below * settings.region_page_bound * extraction.page_chars and not story:
        comments = kind.name in settings.comment_types
        region = region_blocks(tree, hints, links, names, comments_are_chrome=not comments)
        whole = sum(len(b.text) for b in region)
        if whole and kept < below * whole and not (as_landing and _adds_links(blocks, region)):
            blocks, keys = region, None
            if as_landing:
                kind.evidence.append(f"{as_landing}: read as a landing page")
            kind.evidence.append(f"trafilatura kept {kept / whole:.0%} of the content region: the region is read")
            headings = []
    if (restored := restore_headings(blocks, headings, hints, links, keys)):
        kind.evidence.append(f"{restored} section headings over kept text, dropped in extracting")
    if standfirst and blocks and restore_standfirst(blocks, standfirst):
        kind.evidence.append("the standfirst the page prints as its description: precision mode had dropped it")
    if described and description_blocks(blocks, described):
        kind.evidence.append("the product's description from its structured data: the page's text lacked it")
    if posts is not None and kind.name == "forum":
        posts.restore(blocks, kind.evidence)
    elif posts is not None and posts.restore_undeclared(blocks, kind.evidence):
        kind.name = "forum"
    links_only = kind.name in settings.link_page_types and _is_link_page(blocks, links)
    if links_only:
        _listing_or_nothing(kind, decided, blocks, settings)
    page.language = detect_language(" ".join(b.text for b in blocks), builtin_lexicon(), page.language)
    del held
    return blocks, page, kind, links_only
