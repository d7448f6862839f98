"""What kind of page this is, from what the page shows: article, forum, product, collection,
listing, documentation, service, or other.

Every piece of evidence is something a reader of the page's source can check: the types its
structured data declares (JSON-LD `@type`, `og:type`), the markup conventions of its class and id
names (a forum's `username` and `reactions`, a shop's `add-to-cart` and `qty`, documentation's
`headerlink` and `admonition`), its structure (code blocks, repeated cards of a link and a teaser,
prices, forms), and the words of its URL's path (`/threads/`, `/docs/`, `/products/`). Each type
collects points from its evidence; the type with the most wins if it has enough, else the page is
an article when anything says so, and "other" when nothing does (it is cleaned as an article).
The points and word lists are data (`PageTypeSettings`, the vocabularies below); the evidence that
decided is kept in the record.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from cleaner.extract.dom import (
    CROWDED_CHILDREN,
    PageNames,
    Tagged,
    name_words,
    page_bodies,
    page_elements,
    page_itemtypes,
    text_key,
)
from cleaner.extract.structured import itemtype_names
from cleaner.measure import holds_sentence, is_prose

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service", "other")
# a product's page publishes nothing: the dates it prints are its reviews', answers' and offers', so
# only a date its markup declares is the page's (a shop's grid may be a blog's category page: dated)
UNDATED_TYPES = frozenset({"product"})

# schema.org types a page declares about itself -> the page type they say
SCHEMA_TYPES = {
    "article": "article", "newsarticle": "article", "blogposting": "article", "reportagenewsarticle": "article",
    "analysisnewsarticle": "article", "opinionnewsarticle": "article", "reviewnewsarticle": "article",
    "backgroundnewsarticle": "article", "scholarlyarticle": "article", "liveblogposting": "article",
    "report": "article", "socialmediaposting": "article", "medicalwebpage": "article",
    "discussionforumposting": "forum", "qapage": "forum",
    "product": "product", "productgroup": "product", "individualproduct": "product", "productmodel": "product",
    "collectionpage": "collection", "searchresultspage": "listing",
    "techarticle": "documentation", "apireference": "documentation", "softwaresourcecode": "documentation",
    "service": "service", "professionalservice": "service", "financialservice": "service",
    "softwareapplication": "service", "webapplication": "service", "aboutpage": "service", "contactpage": "service",
}
# types that also describe a list inside an article ("the 10 best...") or a service's offers: weaker
WEAK_SCHEMA_TYPES = {"itemlist": "collection", "offercatalog": "collection"}
OG_TYPES = {"article": "article", "blog": "article", "product": "product", "product.group": "collection",
            "product.item": "product", "books.book": "product"}

# words of class and id names that are conventions of one page type, in any language
MARKUP_VOCABULARY = {
    "forum": (
        "forum", "forums", "thread", "threads", "username", "usertitle", "userinfo", "postbit", "postbody",
        "postprofile", "postdetails", "signature", "reactions", "reaction", "replies", "reply", "joined",
        "smilie", "smilies", "bbcode", "bbcodes", "discourse", "topic", "topics", "upvote", "upvotes",
        "votecell", "answer", "answers", "poster", "posts", "messages", "message", "avatar", "memberlist",
        "quote", "xenforo", "phpbb", "vbulletin",
    ),
    "product": (
        "pdp", "sku", "cart", "addtocart", "basket", "qty", "quantity", "stock", "instock", "availability",
        "shipping", "swatch", "swatches", "variant", "variants", "variation", "wishlist", "specs",
        "specifications", "buy", "purchase", "warranty", "zoom", "thumbnails", "price", "rating",
    ),
    "collection": (
        "plp", "sort", "sorting", "sortby", "filters", "filter", "facet", "facets", "catalog", "category",
        "collection", "products", "productgrid", "productlist", "tile", "tiles", "refinement", "refinements",
    ),
    "listing": (
        "teaser", "teasers", "excerpt", "excerpts", "archive", "listing", "feed", "results", "entries",
        "pagination", "pager", "cards",
    ),
    "documentation": (
        "doc", "docs", "documentation", "literal", "admonition", "headerlink", "xref", "docutils", "toctree",
        "sphinxsidebar", "notranslate", "highlight", "hljs", "prism", "codeblock", "versionadded",
        "deprecated", "api", "reference", "docsearch", "markdown", "toc",
    ),
    "service": (
        "hero", "testimonial", "testimonials", "pricing", "plans", "cta", "features", "benefits", "solutions",
        "services", "customers", "partners", "clients", "logos", "demo", "accordion", "faq", "eyebrow",
    ),
    "article": (
        "hentry", "entry", "byline", "author", "published", "postid", "singular", "single", "blog",
        "article", "story", "headline", "dateline",
    ),
}
# words of a URL's path that name a page type, and the last segment: a long slug is a headline
URL_WORDS = {
    "forum": ("forum", "forums", "thread", "threads", "topic", "topics", "t", "questions", "community",
              "discussion", "discussions", "viewtopic", "showthread"),
    "product": ("product", "products", "p", "dp", "item", "shop", "store"),
    "collection": ("collections", "collection", "category", "categories", "c", "shop", "catalog"),
    "listing": ("news", "blog", "articles", "posts", "events", "tag", "tags", "archive", "search", "page"),
    "documentation": ("docs", "doc", "documentation", "api", "reference", "manual", "guide", "library", "sdk"),
    "service": ("services", "service", "solutions", "pricing", "features", "platform", "about", "contact",
                "enterprise", "business"),
    "article": ("blog", "article", "articles", "news", "post", "posts", "story", "stories"),
}


@dataclass(frozen=True)
class PageTypeSettings:
    """Points each kind of evidence gives, and what counts as a pattern."""

    schema_points: float = 6.0  # the page's structured data declares the type
    weak_schema_points: float = 2.0  # it declares a list (ItemList, OfferCatalog)
    og_points: float = 3.0  # its og:type does
    markup_points: float = 1.0  # per distinct vocabulary word in class and id names...
    markup_max_points: float = 5.0  # ... up to this many
    url_points: float = 1.5  # a word of the URL's path names the type
    slug_points: float = 3.0  # a slug of this many words or more reads as a headline: article or thread
    slug_min_words: int = 5
    code_points: float = 3.0  # documentation: code blocks
    code_min_blocks: int = 2
    card_points: float = 3.0  # listing or collection: sibling elements repeating one pattern of a link and text
    card_min_repeats: int = 6
    price_points: float = 2.0  # product or collection: prices on the page
    price_min: int = 1
    collection_min_prices: int = 6  # this many prices are a shop's grid, not one product
    prose_points: float = 3.0  # article: paragraphs of running prose
    prose_min_paragraphs: int = 5
    some_prose_points: float = 1.0  # fewer of them
    prose_min_words: int = 25
    min_points: float = 3.0  # a type needs this many points (and more than an article has) to be decided


@dataclass
class PageType:
    name: str
    evidence: list[str] = field(default_factory=list)
    points: dict[str, float] = field(default_factory=dict)
    all_evidence: dict[str, list[str]] = field(default_factory=dict)
    teasers: frozenset[str] = frozenset()  # the prose paragraphs of the page's cards: items, not a story
    declared: str | None = None  # the page type its structured data declares, if any
    # the type it won is the one its structured data or og:type names (a story its publisher declares)
    self_declared: bool = False


_LD_TYPE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]+)"')
_SIGNS_BEFORE = "$€£¥₹₽"  # $12, € 9: a digit follows, perhaps after one space
# 12,99 €, 49 zł, 5 kr: a digit must stand just before; each with a character of its own, searched for
# first (one memchr-like scan): "zł" is told by "ł", "руб" by "р"; "kr" must end a word
_SIGNS_AFTER = (("€", "€"), ("ł", "zł"), ("₽", "₽"), ("р", "руб"), ("č", "Kč"))
_PATH_WORDS = re.compile(r"[a-z]+")
_CHROME = frozenset({"nav", "footer", "aside", "header", "select", "svg", "head"})  # cards are not counted there


def _declarations(
    tree: HtmlElement, elements: Tagged | None = None, names: PageNames | None = None
) -> tuple[list[str], str, int]:
    """The page's JSON-LD @type values (lower-cased, in order: read by pattern, so that a script
    with a syntax error still says what it is), then its microdata's `itemtype`s (a forum that
    marks each post up as a DiscussionForumPosting in its HTML), its og:type, and its code blocks.
    `elements`: the page's dom.page_elements, and `names` its PageNames (whose walk noted the
    itemtypes), when the caller has them."""
    elements = elements if elements is not None else page_elements(tree)
    types: list[str] = []
    og_type = next((og for meta in elements["meta"] if meta.get("property") == "og:type"
                    if (og := (meta.get("content") or "").strip().lower())), "")
    for script in elements["script"]:
        if script.get("type") == "application/ld+json":
            for match in _LD_TYPE.finditer(script.text or ""):
                types += [t.rsplit("/", 1)[-1].lower() for t in _QUOTED.findall(match.group(1))]
    code = len(elements["pre"])
    itemtypes = names.itemtypes() if names is not None else page_itemtypes(tree)
    for value in itemtypes:  # "https://schema.org/Comment", or several types spaced
        types += itemtype_names(value)
    return types, og_type, code


def _schema_main_type(types: list[str]) -> tuple[str, list[str]] | None:
    """The page's own type among its declared ones, and the declared types that say it: a Product
    offered, not the products of a grid (more than a few Products are a collection's items, unless
    one ProductGroup holds them: schema.org's group of one product's variants, or an Article
    declares them: the products a review of "the best ..." compares, its list's items)."""
    kinds = [(SCHEMA_TYPES[t], t) for t in types if t in SCHEMA_TYPES]
    if not kinds:
        return None
    counts = Counter(kind for kind, _ in kinds)
    if "forum" in counts:
        kind = "forum"
    elif types.count("productgroup") == 1:  # one product and its variants (sizes, colours) as Products
        kind = "product"
    elif counts.get("product", 0) > 3 and "article" in counts:
        said = sorted({t for k, t in kinds if k == "article"})
        return "article", [*said, f"{counts['product']} × product reviewed"]
    elif counts.get("product", 0) > 3:
        kind = "collection"
    else:
        kind = kinds[0][0]
    source = "product" if kind == "collection" and not counts.get("collection") else kind
    said = sorted({t for k, t in kinds if k == source})
    if source != kind:
        said = [f"{counts['product']} × {', '.join(said)}"]
    return kind, said


# every byte but a-z as a space: the words [a-z]+ finds are then the bytes' split
_NOT_LETTER_BYTES = bytes(c if 0x61 <= c <= 0x7A else 0x20 for c in range(256))
_VOCABULARY = frozenset(word for words in MARKUP_VOCABULARY.values() for word in words)


def _markup_words(names: PageNames) -> dict[str, set[str]]:
    """The vocabulary words the page's class and id names use, per page type (one pass over all
    names at once: "user-name" holds "user" and "name"; a camelCase name, lower-cased, reads as one
    word: "postBody" is "postbody"). Each distinct value is read once: a grid's cards repeat theirs.
    The lower-cased names' UTF-8 with all but a-z made spaces, split: the runs of a-z that the regex
    [a-z]+ found (a byte of another letter is no a-z), at half its cost."""
    lowered = "\n".join(names.distinct).lower().encode("utf-8", "surrogatepass")
    used = _VOCABULARY.intersection(lowered.translate(_NOT_LETTER_BYTES).decode("ascii").split())
    return {kind: used.intersection(words) for kind, words in MARKUP_VOCABULARY.items()}


def _url_words(url: str | None) -> tuple[set[str], int]:
    try:
        path = urlsplit(url).path.lower() if url else ""
    except ValueError:  # a malformed address ("http://[x/story") names no path: the page is still cleaned
        return set(), 0
    segments = [s for s in path.split("/") if s]
    slug = segments[-1] if segments else ""
    slug = slug.rsplit(".", 1)[0] if "." in slug else slug
    return set(_PATH_WORDS.findall(path)), len(_PATH_WORDS.findall(slug))


CARD_MIN_CHARS = 25  # a card holds a headline or a name with a price, not one menu word


def repeated_cards(tree: HtmlElement, min_repeats: int) -> list[HtmlElement]:
    """The most sibling elements sharing one tag and class, each holding a link and a line of
    text: the items of a listing or a shop's grid (a menu's or a tag cloud's entries are one or
    two words; navigation, headers, footers and sidebars are not looked at)."""
    return card_group(tree, min_repeats)[1]


def card_group(
    tree: HtmlElement, min_repeats: int, names: PageNames | None = None
) -> tuple[HtmlElement | None, list[HtmlElement]]:
    """The parent of the repeated cards `repeated_cards` finds, and those siblings. `names`: the
    page's, whose walk noted the elements with children enough (a walk of the body less)."""
    best, group = 0, (None, [])
    body = tree.find("body")
    if names is not None and names.crowded is not None and min_repeats >= CROWDED_CHILDREN:
        parents = names.crowded
    else:
        parents = body.iter() if body is not None else ()
    for parent in parents:
        size = len(parent)
        if size < min_repeats or size <= best or parent.tag in ("tr", "svg", "select"):
            continue
        # the chrome around the parent is told first, a few steps up, before its children's patterns
        # are counted and _mostly_linked reads every card's text: a menu's items are many. Each test
        # only skips the parent, so the order changes no answer
        if any(a.tag in _CHROME for a in parent.iterancestors()):
            continue
        # the element children (no comment or instruction), each one's pattern read once
        children = list(parent.iterchildren(etree.Element))
        keys = [(child.tag, child.get("class")) for child in children]
        pattern, n = Counter(keys).most_common(1)[0] if keys else (None, 0)
        if n <= best:
            continue
        cards = [child for child, key in zip(children, keys, strict=True) if key == pattern]
        if _mostly_linked(cards, 0.8 * n):
            best, group = n, (parent, cards)
    return group


def _mostly_linked(cards: list[HtmlElement], needed: float) -> bool:
    """At least `needed` of the cards hold a link and a line of text. The count stops where the
    cards left cannot reach it: a menu's or a grid of icons' text is read no further."""
    misses = 0
    for card in cards:
        if next(card.iter("a"), None) is None or len(card.text_content().strip()) < CARD_MIN_CHARS:
            misses += 1
            if len(cards) - misses < needed:
                return False
    return len(cards) - misses >= needed


HEADLINE_LINKED_SHARE = 0.8  # of a card's letters inside its link: a headline, perhaps with its time


# every ASCII byte that is no letter (str.isalpha is true of A-Z and a-z alone among them)
_ASCII_NOT_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _letters(text: str) -> int:
    """The text's letters. An ASCII text's are counted by deleting its other bytes, in C; another's
    by str.isalpha a character (a C call each, not a generator's step)."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NOT_LETTERS))
    return sum(map(str.isalpha, text))


_NO_PROSE = frozenset({"script", "style", "noscript", "template", "head", "title"})


def _prose_run(root: HtmlElement, skip: HtmlElement, min_words: int) -> int:
    """Characters of the longest run of prose outside `skip` that one element holds: its paragraphs
    (<p>) and its runs of text between line breaks (old pages and Chinese ones lay their articles
    out with <br>), each long enough in words of any script and closed by a stop. An article's
    paragraphs stand side by side; a listing's teasers each sit in their own item."""

    def prose(text: str) -> int:
        text = " ".join(text.split())
        return len(text) if len(text) >= min_words and is_prose(text, min_words) else 0

    # a text shorter than min_words characters is none (most are the spaces between tags: joined, no
    # longer), told in the loop without a call: the walk meets every element of the page
    best, stack = 0, [root]
    pop, push = stack.pop, stack.append
    while stack:
        element = pop()
        tag = element.tag
        if element is skip or not isinstance(tag, str) or tag in _NO_PROSE:
            continue
        text = element.text
        run = prose(text) if text and len(text) >= min_words else 0
        for child in element:
            if (tail := child.tail) and len(tail) >= min_words:
                run += prose(tail)
            if child.tag == "p" and child.find("br") is None:  # else its lines are its own run
                if len(text := child.text_content()) >= min_words:
                    run += prose(text)
            else:
                push(child)
        if run > best:
            best = run
    return best


def headlines_beside_prose(parent: HtmlElement | None, cards: list[HtmlElement], min_words: int) -> int:
    """Characters of the longest run of prose outside the cards' group, when the cards are linked
    headlines alone (a time or a date beside them, no price) and that run is longer than they are:
    the list of other stories an old news page prints beside its article. A listing's cards carry
    their teasers outside their links, or the teasers sit among them or each in its own item; a
    shop's carry prices; 0 otherwise."""
    if parent is None:
        return 0
    texts = [card.text_content() for card in cards]  # each card's text read once, for its three uses
    letters = sum(map(_letters, texts))
    linked = sum(_letters(a.text_content()) for card in cards for a in card.iter("a"))
    if not letters or linked < HEADLINE_LINKED_SHARE * letters or any(map(count_prices, texts)):
        return 0
    prose = _prose_run(parent.getroottree().getroot(), parent, min_words)
    cards_chars = sum(len(" ".join(text.split())) for text in texts)
    return prose if prose > cards_chars else 0


def count_prices(text: str) -> int:
    """Amounts of money in the text: a currency sign before a number or after one. str.find of each
    sign, in C, then a look at its neighbours: a regex over the whole text (a body's text holds its
    scripts) stopped at every 'k' and 'z' and cost four times as much. Counts as the regexes
    `[$€£¥₹₽]\\s?\\d` and `€|zł|₽|руб|Kč|kr\\b` (with a digit just before) did: no match can overlap
    another of its regex, and \\d, \\s and \\w are str.isdecimal, isspace and isalnum (or '_')."""
    found = 0
    for sign in _SIGNS_BEFORE:
        at = text.find(sign)
        while at >= 0:
            after = text[at + 1 : at + 2]
            found += after.isdecimal() or (after.isspace() and text[at + 2 : at + 3].isdecimal())
            at = text.find(sign, at + 1)
    for gate, sign in _SIGNS_AFTER:
        at = text.find(sign) if gate in text else -1
        while at >= 0:
            found += _digit_before(text, at)
            at = text.find(sign, at + len(sign))
    at = text.find("kr")
    while at >= 0:
        after = text[at + 2 : at + 3]
        if not (after.isalnum() or after == "_"):
            found += _digit_before(text, at)
        at = text.find("kr", at + 2)
    return found


def _digit_before(text: str, at: int) -> bool:
    """A digit stands just before `at`, perhaps after a space."""
    return text[max(0, at - 2) : at].strip()[-1:].isdigit()


@dataclass
class PageFacts:
    """What the page shows, before any weighing."""

    schema: tuple[str, list[str]] | None  # the type its structured data declares, and the @types saying it
    weak_schema: list[str]  # list types it declares (ItemList...)
    og_type: str
    markup: dict[str, set[str]]  # page type -> vocabulary words its class and id names use
    url_words: set[str]
    slug_words: int
    code_blocks: int
    cards: int  # the most sibling elements repeating one pattern with a link
    prices: int
    prose: int  # paragraphs of running prose
    headlines_beside: int = 0  # characters of prose outside the cards, when those are headlines alone
    teasers: frozenset[str] = frozenset()  # the text keys of the prose paragraphs inside the cards

CARD_MIN_SIBLINGS = 4  # fewer siblings are not looked at as cards


def prose_paragraphs(
    tree: HtmlElement, min_words: int, cards: frozenset[HtmlElement] = frozenset()
) -> tuple[int, frozenset[str]]:
    """Paragraphs of running prose: long enough (in words of any script) and closed by a stop. When
    most of the page's repeated cards hold one such paragraph each, those are the items' teasers,
    not an article's prose: the count leaves them out, and their texts (text keys) come second.
    (Cards holding the prose unevenly are the page's columns, or its comments, around an article.)"""
    count, in_cards = 0, {}
    # fewer characters than words: too short in any script (word_count counts no word of no character).
    # Each paragraph's text read once: an XPath filter on its normalized length, then its text, cost more
    for paragraph in (p for body in page_bodies(tree) for p in body.iter("p")):
        text = paragraph.text_content()
        if len(text) >= min_words and is_prose(text, min_words):
            card = next((a for a in paragraph.iterancestors() if a in cards), None) if cards else None
            if card is None:
                count += 1
            else:
                in_cards.setdefault(card, []).append(text)
    if sum(len(texts) == 1 for texts in in_cards.values()) * 2 <= len(cards):
        return count + sum(len(texts) for texts in in_cards.values()), frozenset()
    count += sum(len(texts) for texts in in_cards.values() if len(texts) > 1)
    return count, frozenset(text_key(texts[0]) for texts in in_cards.values() if len(texts) == 1)


def page_facts(
    tree: HtmlElement, names: PageNames, url: str | None, prose_min_words: int = 25, elements: Tagged | None = None
) -> PageFacts:
    """The page's evidence (read before any extraction changes the tree). `elements`: the page's
    dom.page_elements, when the caller has gathered them."""
    types, og_type, code = _declarations(tree, elements, names)
    path_words, slug_words = _url_words(url)
    body = tree.find("body")
    parent, cards = card_group(tree, CARD_MIN_SIBLINGS, names)
    prose, teasers = prose_paragraphs(tree, prose_min_words, frozenset(cards))
    return PageFacts(
        schema=_schema_main_type(types),
        weak_schema=sorted({t for t in types if t in WEAK_SCHEMA_TYPES}),
        og_type=og_type,
        markup=_markup_words(names),
        url_words=path_words,
        slug_words=slug_words,
        code_blocks=code,
        cards=len(cards),
        prices=count_prices(body.text_content()) if body is not None else 0,
        prose=prose,
        teasers=teasers,
        headlines_beside=headlines_beside_prose(parent, cards, prose_min_words) if len(cards) >= 6 else 0,
    )


def decide_page_type(facts: PageFacts, settings: PageTypeSettings | None = None) -> PageType:
    """Each type collects the points of its evidence; the best one, if it has enough."""
    s = settings or PageTypeSettings()
    points: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {kind: [] for kind in PAGE_TYPES}

    def give(kind: str, amount: float, why: str) -> None:
        points[kind] += amount
        evidence[kind].append(why)

    if facts.schema:
        give(facts.schema[0], s.schema_points, "structured data: " + ", ".join(facts.schema[1]))
    for weak in facts.weak_schema:
        give(WEAK_SCHEMA_TYPES[weak], s.weak_schema_points, f"structured data: {weak}")
    if facts.og_type in OG_TYPES:
        give(OG_TYPES[facts.og_type], s.og_points, f"og:type {facts.og_type}")
    named = {kind for kind in PAGE_TYPES if evidence[kind]}  # the types the page's declarations name
    for kind, words in facts.markup.items():
        if words:
            give(kind, min(s.markup_max_points, s.markup_points * len(words)),
                 "class names: " + ", ".join(sorted(words)))
    for kind, words in URL_WORDS.items():
        hit = sorted(facts.url_words & set(words))
        if hit:
            give(kind, s.url_points, "URL: /" + "/".join(hit))
    if facts.slug_words >= s.slug_min_words:
        give("article", s.slug_points, f"URL slug of {facts.slug_words} words")
        give("forum", s.slug_points / 2, f"URL slug of {facts.slug_words} words")
    if facts.code_blocks >= s.code_min_blocks:
        give("documentation", s.code_points, f"{facts.code_blocks} code blocks")
    if facts.cards >= s.card_min_repeats and facts.headlines_beside:
        evidence["article"].append(
            f"{facts.cards} repeated cards, linked headlines alone, beside {facts.headlines_beside} characters"
            " of prose: other stories beside an article"
        )
    elif facts.cards >= s.card_min_repeats:
        give("listing", s.card_points, f"{facts.cards} repeated cards")
        give("collection", s.card_points, f"{facts.cards} repeated cards")
    if facts.prices >= s.price_min:
        kind = "collection" if facts.prices >= s.collection_min_prices else "product"
        give(kind, s.price_points, f"{facts.prices} prices")
    if facts.prose:
        amount = s.prose_points if facts.prose >= s.prose_min_paragraphs else s.some_prose_points
        give("article", amount, f"{facts.prose} paragraph{'s' if facts.prose > 1 else ''} of prose")
    best = max(PAGE_TYPES, key=lambda kind: (points[kind], kind == "article"))
    if best != "article" and (points[best] < s.min_points or points[best] <= points["article"]):
        best = "article"
    if not points[best]:
        best = "other"
    declared = facts.schema[0] if facts.schema else None
    return PageType(best, evidence[best], dict(points), evidence, facts.teasers, declared, best in named)


def page_type(
    tree: HtmlElement, names: PageNames, url: str | None, settings: PageTypeSettings | None = None,
    elements: Tagged | None = None,
) -> PageType:
    """The page's type and the evidence for it (before any extraction changed the tree)."""
    settings = settings or PageTypeSettings()
    return decide_page_type(page_facts(tree, names, url, settings.prose_min_words, elements), settings)


COMMENT_CLASS_WORDS = frozenset({"comment", "comments"})  # the class of one comment, or of a subtree of them
COMMENT_TAGS = ("div", "li", "article", "section")
COMMENT_MIN_CHARS = 80  # a comment of prose: a sentence or more, not a "12 comments" link


def comment_posts(tree: HtmlElement) -> int:
    """The comments of prose in the page's comment thread: elements whose class names a comment
    ("comment", or the "comments" of a subtree of replies), the outermost of each name, as replies
    nest inside the comment they answer; each must hold a sentence."""
    body = tree.find("body")
    found: dict[str, list] = {word: [] for word in COMMENT_CLASS_WORDS}
    for element in body.iter(*COMMENT_TAGS) if body is not None else ():
        for word in COMMENT_CLASS_WORDS.intersection(name_words(element.get("class") or "")):
            found[word].append(element)
    return max(_prose_outermost(elements) for elements in found.values())


def _prose_outermost(elements: list) -> int:
    members = set(elements)
    outermost = (e for e in elements if not any(a in members for a in e.iterancestors()))
    return sum(
        1 for e in outermost
        if len(text := " ".join(e.text_content().split())) >= COMMENT_MIN_CHARS and holds_sentence(text)
    )
