"""trafilatura's extraction cascade, its stages run by us: each stage runs where it can help.

trafilatura's own cascade (`trafilatura_sequence`) compares its main extractor's result with
readability's and jusText's on every page unless one asks for its fast mode, which also drops
other fallbacks. On the WCXB pages that comparison changed the result on 138 of 1,497 pages and
made them worse on balance: jusText replaced a page's extraction with a shorter one whenever the
extraction held a <time>, <figure> or <button> (68 pages, -8.9 points of page F1, forum threads and
listings above all); readability's longer pick helped articles as often as it hurt listings. On
news articles in 25 languages it picked the story where the main extractor kept a teaser or the
whole page, so it runs where the caller says the page is an article. So:

1. the raw tree is pruned as trafilatura does (infinite-scroll appendices; comment threads, unless
   the page's comments are its content), cleaned and converted;
2. on a forum, comments are captured apart, and a thread's posts are kept in the body;
3. the main extractor runs; in precision mode (articles) its result is checked against the default
   focus's, which wins when it adds sections between precision's blocks (precision's stricter
   tests can drop an article's lists and tables and keep the paragraphs around them); then, on
   an article, the comparison;
4. if it found next to nothing: readability's pick, where the content is one element (an article),
   else, or if readability found less, trafilatura's baseline (the page's text);
5. a short result covering little of the page is retried in recall mode and with jusText, as
   trafilatura does, where the caller has no better candidate of its own (cleaner reads the
   content region instead on listings and other pages of items).

The stages are trafilatura's internal functions. If a later trafilatura renames them, cleaning
falls back to its public `bare_extraction`.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from types import SimpleNamespace

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Extractor

from cleaner.extract.dom import text_key
from cleaner.extract.justext_paragraphs import try_justext
from cleaner.extract.regex_needles import found
from cleaner.measure import is_prose


@dataclass(frozen=True)
class CascadeSettings:
    """When the recall retry runs (trafilatura's calibration), and when its candidates win."""

    escalate_max_chars: int = 3000  # a result shorter than this...
    escalate_below_share: float = 0.2  # ... covering less than this share of the page's text
    escalate_accept_ratio: float = 1.5  # the recall retry wins when this many times longer
    justext_accept_ratio: float = 2.0  # jusText's candidate wins when this many times longer
    # precision mode's result against the default focus's on the same cleaned page: the default's
    # wins when this many times longer...
    widen_accept_ratio: float = 1.2
    widen_inside_share: float = 0.2  # ... and adds this share of precision's text between its blocks
    widen_prose_min_words: int = 12  # ... up to its last paragraph of prose, this long


@dataclass
class Extraction:
    body: etree._Element | None  # trafilatura's output tree (p, head, list, table, quote, code...)
    comments: etree._Element | None  # what it captured as comments (None when they were the posts)
    forum: bool  # the page declares a thread of forum posts (schema.org DiscussionForumPosting)
    page_chars: int  # characters of the page's text after trafilatura's cleaning (no scripts, menus...)


# where each stage lives in trafilatura
_STAGES = {
    "baseline": ("baseline", "baseline"), "html2txt": ("baseline", "html2txt"),
    "_forum_thread_page": ("core", "_forum_thread_page"),
    "justext_rescue": ("external", "justext_rescue"), "compare_extraction": ("external", "compare_extraction"),
    "try_readability": ("external", "try_readability"), "sanitize_tree": ("external", "sanitize_tree"),
    "prune_unwanted_nodes": ("htmlprocessing", "prune_unwanted_nodes"),
    "tree_cleaning": ("htmlprocessing", "tree_cleaning"), "convert_tags": ("htmlprocessing", "convert_tags"),
    "_elem_text": ("main_extractor", "_elem_text"), "extract_comments": ("main_extractor", "extract_comments"),
    "extract_content": ("main_extractor", "extract_content"),
    "basic_cleaning": ("baseline", "basic_cleaning"), "BASIC_CLEAN_XPATH": ("settings", "BASIC_CLEAN_XPATH"),
    "_spaced_text": ("baseline", "_spaced_text"), "try_justext": ("external", "try_justext"),
    "jt_stoplist_init": ("external", "jt_stoplist_init"), "JUSTEXT_LANGUAGES": ("settings", "JUSTEXT_LANGUAGES"),
    "delete_element": ("xml", "delete_element"), "trim": ("utils", "trim"),
    "RAW_TREE_PRUNE_XPATH": ("xpaths", "RAW_TREE_PRUNE_XPATH"),
    "REMOVE_COMMENTS_XPATH": ("xpaths", "REMOVE_COMMENTS_XPATH"),
    "REMOVE_COMMENTS_AND_LISTS_XPATH": ("xpaths", "REMOVE_COMMENTS_AND_LISTS_XPATH"),
    "OVERALL_DISCARD_XPATH": ("xpaths", "OVERALL_DISCARD_XPATH"),
    # the comparison's own steps (see _compare); without one of them, `compare_extraction` runs whole
    "_prefer_readability": ("external", "_prefer_readability"), "SANITIZED_XPATH": ("external", "SANITIZED_XPATH"),
    "JUSTEXT_OVERRIDE_RATIO": ("external", "JUSTEXT_OVERRIDE_RATIO"),
}
_OPTIONAL = frozenset({"_prefer_readability", "SANITIZED_XPATH", "JUSTEXT_OVERRIDE_RATIO"})


@lru_cache(maxsize=1)
def _stages() -> SimpleNamespace | None:
    """trafilatura's stage functions, or None if this trafilatura lacks one of them (an optional
    one it lacks is None)."""
    found = {}
    for name, (module, attribute) in _STAGES.items():
        try:
            found[name] = getattr(importlib.import_module(f"trafilatura.{module}"), attribute)
        except (ImportError, AttributeError):  # pragma: no cover
            if name not in _OPTIONAL:
                return None
            found[name] = None
    return SimpleNamespace(**found)


def page_options(url: str | None, *, comments: bool, precision: bool) -> Extractor:
    """trafilatura's options for one page, as cleaner calls it (no links, tables kept). Building
    them reads trafilatura's config anew (75 us a page, as much as the rest of the cascade's
    bookkeeping): each kind is built once, and a page gets a copy with its address."""
    options = copy(_kind_options(comments, precision))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor sets it
    return options


@lru_cache(maxsize=4)
def _kind_options(comments: bool, precision: bool) -> Extractor:
    return Extractor(comments=comments, precision=precision, links=False, tables=True, output_format="python")


def run_cascade(
    tree: HtmlElement, options, url: str | None, *, readability: bool = True, escalate: bool = True,
    compare: bool = False, settings: CascadeSettings | None = None, names: str | None = None,
) -> Extraction:
    """trafilatura's cascade on `tree` (pruned in place; the rest works on copies). `options` is
    trafilatura's Extractor: `comments` says whether the page's comments may be its content.
    `readability`: the content is one element, so readability's pick beats the page's dump when
    the main extractor finds next to nothing. `escalate`: run trafilatura's recall retry.
    `compare`: trafilatura's comparison with readability and jusText runs, as its default does.
    `names`: every class and id value of the page, one a line (see `_prune`)."""
    stages = _stages()
    if stages is None:  # pragma: no cover
        import trafilatura

        document = trafilatura.bare_extraction(tree, options=options)
        return Extraction(document.body if document else None, None, False, 0)
    return _run(stages, tree, options, url, (readability, escalate, compare), settings or CascadeSettings(), names)


def _cleaned(s: SimpleNamespace, tree: HtmlElement, options, url: str | None) -> HtmlElement:
    return s.convert_tags(s.tree_cleaning(copy(tree), _keeping_tails(options)), options, url)


def _keeping_tails(options):
    """The options trafilatura's cleaning runs with: in precision mode, the default focus's. The
    only thing precision changes there is that an element left empty (`<li><span></span>Fixed
    switches: ...`, a link's image wrapper whose <noscript> went) is deleted with its tail, the
    text after it: the page's own words, which trafilatura's default keeps."""
    if options.focus != "precision":
        return options
    balanced = copy(options)
    balanced.focus = "balanced"
    return balanced


# an attribute test of trafilatura's expressions: re:test(@id, 'regex'[, 'i']), contains(@class, 'text')...
_TEST = (
    r"(re:test|contains|starts-with)\(\s*@(?:id|class)(?:\s*\|\s*@(?:id|class))?"
    r"\s*,\s*'([^']*)'\s*(?:,\s*'([a-z]*)'\s*)?\)"
)
# `.//*[self::div or ...][test or test ...]...`: whatever it selects has a class or id that passes a test
_SELECTED_BY_NAME = re.compile(rf"\s*\.//\*\[[^\[\]']*\]\[\s*({_TEST}(?:\s+or\s+{_TEST})*)\s*\]")
_PLAIN_PATTERN = re.compile(r"[^.\\\n]*")  # no dot, escape or newline: a pattern that cannot match a line break


@lru_cache(maxsize=64)
def _name_patterns(expression: str) -> tuple[re.Pattern, ...] | None:
    """Regexes one of which a class or id value must match (searched line by line, one value a
    line) for the expression to select anything; None when the expression is not of that shape."""
    match = _SELECTED_BY_NAME.match(expression)
    if match is None or not _only_predicates(expression[match.end():]):
        return None
    patterns = []
    for function, text, flags in re.findall(_TEST, match.group(1)):
        if not text or "[^" in text or not _PLAIN_PATTERN.fullmatch(text):
            return None
        if function != "re:test":
            text, flags = re.escape(text), ""
        pattern = re.compile(text, re.MULTILINE | (re.IGNORECASE if "i" in flags else 0))
        if pattern.search(""):  # it would select elements without the attribute too
            return None
        patterns.append(pattern)
    return tuple(patterns)


def _only_predicates(rest: str) -> bool:
    """Whether what follows is more predicates only (they narrow the selection): no union, no step."""
    depth = 0
    for char in re.sub(r"'[^']*'", "", rest):
        depth += (char == "[") - (char == "]")
        if depth < 0 or (depth == 0 and char not in "[] \t\n"):
            return False
    return depth == 0


def _prune(s: SimpleNamespace, tree: HtmlElement, expressions: list, names: str | None) -> HtmlElement:
    """trafilatura's prune of `tree`, without the expressions that cannot select anything on this
    page (see _selectable)."""
    expressions = _selectable(expressions, names)
    return s.prune_unwanted_nodes(tree, expressions) if expressions else tree


def _selectable(expressions: list, names: str | None) -> list:
    """The expressions that may select something on this page: each is a walk of the whole tree
    calling Python's re on every class and id, and the page's class and id values, one a line,
    show at once that none passes their tests."""
    return expressions if names is None else [x for x in expressions if _may_select(x, names)]


def _prune_comments(s: SimpleNamespace, tree: HtmlElement, names: str | None) -> HtmlElement:
    """trafilatura's prune of comment threads (and their lists), sparing an element that holds the
    page's headline: a thread lies beside the story, never around it. Its names test reads a class
    that opens with 'comment', which a page wrapper named for what readers may do ('commenting-on')
    passes too, and the whole page went with it."""
    for expression in _selectable(s.REMOVE_COMMENTS_AND_LISTS_XPATH, names):
        for element in expression(tree):
            if element.find(".//h1") is None:
                s.delete_element(element)
    return tree


_EXSLT = {"re": "http://exslt.org/regular-expressions"}
_BY_NAME_ONLY = re.compile(rf"\s*\.//\*\[\s*({_TEST}(?:\s+or\s+{_TEST})*)\s*\]\s*")


def _branches(expression: str) -> list[str]:
    """The parts of an XPath union, split at the '|' outside quotes and brackets."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(expression):
        if char == "'":
            quoted = not quoted
        elif not quoted:
            depth += (char in "[(") - (char in "])")
            if char == "|" and depth == 0:
                parts.append(expression[start:i])
                start = i + 1
    return [*parts, expression[start:]]


@lru_cache(maxsize=8)
def _split_by_names(expression: str) -> tuple[etree.XPath, tuple[re.Pattern, ...]] | None:
    """An XPath union whose branches `.//*[test or test]` select only by class or id: the union of
    its other branches, and the patterns of those tests (None when it has no such branch)."""
    rest, patterns = [], []
    for branch in _branches(expression):
        # read as `.//*[self::*][tests]`, the shape _name_patterns knows
        tests = branch.strip()[len(".//*[") :] if _BY_NAME_ONLY.fullmatch(branch) else None
        found = _name_patterns(f".//*[self::*][{tests}") if tests else None
        if found is None:
            rest.append(branch)
        else:
            patterns += found
    if not patterns or not rest:
        return None
    return etree.XPath("|".join(rest), namespaces=_EXSLT), tuple(patterns)


def _basic_cleaning(s: SimpleNamespace, tree: HtmlElement, names: str | None) -> HtmlElement:
    """trafilatura's `basic_cleaning`; when no class or id on the page can pass its cookie-banner
    tests (a Python regex called on every element, nine tenths of its cost), without them: the
    other branches of its union select the same elements, in the same order."""
    split = _split_by_names(getattr(s.BASIC_CLEAN_XPATH, "path", "")) if names is not None else None
    if split is None or any(found(pattern, names) for pattern in split[1]):
        return s.basic_cleaning(tree)
    for element in split[0](tree):
        s.delete_element(element)
    return tree


def _html2txt(
    s: SimpleNamespace, tree: HtmlElement, names: str | None, long_enough: Callable[[int], bool] | None = None
) -> tuple[str | None, HtmlElement]:
    """trafilatura's `html2txt(tree)`, with _basic_cleaning; and the whole page so cleaned, which
    the recall retry's jusText reads next (html2txt cleans the body alone, and its expressions
    select the same elements in it either way, unless they select the body itself).

    `long_enough`: where the caller only asks whether the text's length passes that test (which
    any longer text passes too), None (no text) when the cleaned page's words, one space apart,
    pass it: html2txt's text is these words, split further where it spaces block elements
    apart, less characters that cannot be printed, which it may drop (a word holding one then
    counts for nothing, nor does its space). That spares copying the body and spacing its
    blocks (two thirds of the cost)."""
    cleaned = _basic_cleaning(s, copy(tree), names)
    body = cleaned.find(".//body")
    if body is None and tree.find(".//body") is not None:  # the body went: html2txt reads it cleaned alone
        body = copy(tree).find(".//body")
        return s._spaced_text(_basic_cleaning(s, body, names)), cleaned
    element = cleaned if body is None else body
    if long_enough is not None:
        words = " ".join(element.text_content().split())
        shortest = len(words)
        if not words.isprintable():  # html2txt may drop those characters: at most each such word and its space
            shortest -= sum(len(word) + 1 for word in words.split(" ") if not word.isprintable())
        if long_enough(shortest):
            return None, cleaned
    return s._spaced_text(copy(element)), cleaned


def _justext_rescue(s: SimpleNamespace, cleaned: HtmlElement, options):
    """trafilatura's `justext_rescue(tree, options)` on a tree _basic_cleaning has cleaned."""
    kept = try_justext(s, cleaned, options)
    return kept, s.trim(" ".join(kept.itertext()))


def _may_select(expression, names: str) -> bool:
    patterns = _name_patterns(getattr(expression, "path", ""))
    return patterns is None or any(found(pattern, names) for pattern in patterns)


def _run(s: SimpleNamespace, tree, options, url, stages: tuple[bool, bool, bool], settings, names) -> Extraction:
    readability, escalate, compare = stages
    forum = s._forum_thread_page(tree)
    tree = _prune(s, tree, s.RAW_TREE_PRUNE_XPATH, names)
    if not options.comments and not forum:
        tree = _prune_comments(s, tree, names)
    cleaned = _cleaned(s, tree, options, url)
    # the text of the page as _cleaned cleans it: the widening's test reads it again (a copy, or the same cleaning)
    page_text = cleaned.text_content()
    page_chars = len(page_text)
    comments, comment_text, posts = None, "", None
    if options.comments:
        comments, comment_text, cleaned = s.extract_comments(cleaned, options)
        if comment_text and forum:  # the "comments" are the thread's posts: they go in the body
            posts, comments, comment_text = comments, None, ""
            cleaned = _cleaned(s, tree, options, url)
    backup = pristine = None
    if compare:  # `cleaned` before the extractor changes it, unless capturing comments changed it already
        backup = copy(cleaned) if not options.comments else _cleaned(s, tree, options, url)
    elif escalate and not options.comments:  # what the recall retry would clean again (see _recall_input)
        pristine = copy(cleaned)
    body, text = s.extract_content(cleaned, options)
    if options.focus == "precision" and text:
        again = backup if backup is not None else _cleaned(s, tree, options, url)
        if _widen_can_win(again, body, text, settings, page_text):
            # the comparison's backup is taken, not copied: its jusText check, which alone reads it
            # (one compare in sixteen), cleans the page again (a copy of each page widened cost more)
            body, text = _widen(s, again, options, (body, text), settings)
            if again is backup:
                backup = None
    if compare:
        body, text = _compare(s, tree, backup, (body, text), options, names, url)
    elif readability and len(text) < options.min_extracted_size:
        body, text = _readability(s, tree, options, body, text)
    if len(text) < options.min_extracted_size:
        rescued, rescued_text, rescued_chars = s.baseline(tree)
        if rescued_chars > len(text):
            body, text, posts = rescued, rescued_text, None
    if (
        escalate
        and 0 < len(text) < settings.escalate_max_chars
        and len(text) < settings.escalate_below_share * _page_text_bound(tree)
    ):
        def covers_little(page_chars: int) -> bool:
            return len(text) < settings.escalate_below_share * page_chars

        page_text, cleaned_page = _html2txt(s, tree, names, covers_little)
        if page_text is None or covers_little(len(page_text)):
            body, text, posts = _escalate(
                s, tree, options, url, (body, text, posts), forum, bool(comment_text), settings,
                (names, cleaned_page, pristine),
            )
    if posts is not None:
        _salvage_posts(s, body, posts)
    return Extraction(body if text.strip() else None, comments, forum, page_chars)


# elements html2txt always deletes (`basic_cleaning`), with their text; their tails stay
_ALWAYS_DELETED = ("script", "style", "svg", "template", "aside", "footer", "fencedframe")
_TEXTS = etree.XPath(".//text()", smart_strings=False)  # an element's text pieces, as itertext gives them


def _page_text_bound(tree: HtmlElement) -> int:
    """At least as long as trafilatura's `html2txt(tree)`, for a fifth of its cost: the same
    body's text, without what html2txt always deletes, with a space between every two pieces.
    html2txt deletes more elements (their text goes, their tails stay) and puts spaces around
    block elements, which stand between pieces too: each space it adds splits at most one word
    where this one does the same.

    The body is not copied and stripped (the copy cost two thirds of the time): its words, each
    with a space, less those of each outermost element html2txt deletes, whose text read run
    together has no more words than its pieces."""
    body = tree.find(".//body")
    body = tree if body is None else body
    found = list(body.iter(etree.Entity, *_ALWAYS_DELETED))
    deleted = [element for element in found if element.tag is not etree.Entity]
    if len(deleted) < len(found):  # itertext gives an entity as written, the XPath nothing
        words = _spaced_length(" ".join(body.itertext()))
    else:  # the same pieces, listed by libxml2 (itertext makes a Python step of each)
        words = _spaced_length(" ".join(_TEXTS(body)))
    outermost = None
    for element in deleted:
        if element is body or (outermost is not None and _within(element, outermost, body)):
            continue
        outermost = element
        words -= _spaced_length(element.text_content())
    return max(words - 1, 0)


def _spaced_length(text: str) -> int:
    """Length of the text's words, each followed by one space."""
    words = text.split()
    return sum(map(len, words)) + len(words)


def _within(element: HtmlElement, ancestor: HtmlElement, top: HtmlElement) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not top:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


VIDEO_MARK_CHARS = 5  # readability writes "VIDEO" into each video iframe it keeps


def _readability_can_win(tree: HtmlElement, body, text: str, options, s: SimpleNamespace | None = None) -> bool:
    """Whether trafilatura's comparison could take readability's pick, before readability runs.

    Outside recall mode, `compare_extraction` prefers readability's pick to the main extractor's
    only when that is empty, has no paragraph text or more tables than paragraphs, or is less than
    half as long as the pick. The pick is made of the page's own text (scripts and styles dropped)
    and a mark per video. On an article where the main extractor kept more than half of that, the
    comparison cannot choose readability, so readability need not read the page, nor the precision
    focus prune the whole raw tree first (together a fifth of an article's cleaning): it gets a
    blank page, and the comparison's jusText check runs as before. The page's whole text decides
    first: where even that is not twice the extraction (three in five of WCXB's articles), the
    elements the prune surely deletes need not be looked for."""
    if options.focus == "recall" or not text or not body.xpath(".//p//text()"):
        return True
    if len(body.findall(".//table")) > len(body.findall(".//p")):
        return True
    videos = VIDEO_MARK_CHARS * sum(1 for _ in tree.iter("iframe"))
    page = len(tree.text_content())
    if _text_without(tree, set(), page) + videos <= 2 * len(text):  # nor can it once the prune drops more
        return False
    if options.focus != "precision" or s is None:
        return True
    return _text_without(tree, _surely_discarded(tree, s.OVERALL_DISCARD_XPATH), page) + videos > 2 * len(text)


def _text_without(tree: HtmlElement, dropped: set, page: int) -> int:
    """Characters of the page's text (`page` of them, read once for both calls) once the elements
    `dropped` (their tails stay), scripts and styles are gone."""
    for element in dropped:
        if not _inside(element, dropped):
            page -= len(element.text_content())
    for element in tree.iter("script", "style"):
        if not dropped or (element not in dropped and not _inside(element, dropped)):
            page -= len(element.text or "")
    return page


def _inside(element: HtmlElement, dropped: set) -> bool:
    return any(a in dropped for a in element.iterancestors())


# `.//*[self::div or ...][term or term ...]`: the tags it may select, and its terms
_TAGGED_TERMS = re.compile(r"\s*\.//\*(?:\[\s*(self::\w+(?:\s+or\s+self::\w+)*)\s*\])?\[(.*)\]\s*", re.DOTALL)
_NAME_TEST = re.compile(r"re:test\(\s*@(id|class)\s*,\s*'([^'\\]*)'\s*\)")


@lru_cache(maxsize=8)
def _name_tests(expression: str) -> tuple[frozenset[str] | None, tuple[tuple[str, re.Pattern], ...]]:
    """The tags an expression of that shape may select (None: any), and those of its terms that test
    one class or id value by a regex alone: an element of those tags that passes one is selected,
    whatever the other terms say (the terms are joined by 'or' only)."""
    match = _TAGGED_TERMS.fullmatch(expression)
    if match is None:
        return None, ()
    terms = _or_terms(match.group(2))
    if terms is None:
        return None, ()
    tags = frozenset(re.findall(r"self::(\w+)", match.group(1))) if match.group(1) else None
    tests = []
    for term in terms:
        found = _NAME_TEST.fullmatch(term.strip())
        if found is not None:
            pattern = re.compile(found.group(2))
            if not pattern.search(""):  # else it would pass elements without the attribute too
                tests.append((found.group(1), pattern))
    return tags, tuple(tests)


def _or_terms(predicate: str) -> list[str] | None:
    """The terms of a predicate joined by 'or' at its top level; None if anything else joins them."""
    masked = re.sub(r"'[^']*'", lambda quoted: "'" + "x" * (len(quoted.group()) - 2) + "'", predicate)
    depths = list(accumulate((char in "[(") - (char in "])") for char in masked))
    if masked.count("'") % 2 or (depths and depths[-1]):
        return None
    terms, start = [], 0
    for joint in re.finditer(r"\s(or|and)\s", masked):
        if depths[joint.start()] == 0:
            if joint.group(1) == "and":
                return None
            terms.append(predicate[start : joint.start()])
            start = joint.end()
    return [*terms, predicate[start:]]


_NAMED = etree.XPath(".//*[@class or @id]")


def _surely_discarded(tree: HtmlElement, expressions: list) -> set:
    """Elements trafilatura's prune by `expressions` surely deletes: those whose own class or id
    passes one of the expressions' regex tests (a subset of what it deletes, found without the
    whole-tree walk that calls Python's re on every element)."""
    shapes = [_name_tests(getattr(x, "path", "")) for x in expressions]
    shapes = [(tags, tests) for tags, tests in shapes if tests]
    dropped = set()
    if not shapes:
        return dropped
    verdicts: dict[tuple, bool] = {}  # a page repeats its tags and names: each is tested once
    for element in _NAMED(tree):
        key = (element.tag, element.get("class"), element.get("id"))
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = _passes(element, shapes)
        if verdict:
            dropped.add(element)
    return dropped


def _passes(element: HtmlElement, shapes: list) -> bool:
    tag = element.tag
    return any(
        (tags is None or tag in tags)
        and any((value := element.get(attribute)) is not None and pattern.search(value) for attribute, pattern in tests)
        for tags, tests in shapes
    )


def _blank_page() -> HtmlElement:
    return lxml.html.document_fromstring("<html><body></body></html>")


def _compare(
    s: SimpleNamespace, tree: HtmlElement, cleaned: HtmlElement | None, result, options, names: str | None,
    url: str | None,
):
    """trafilatura's `compare_extraction(cleaned, raw, body, text, options)`, its steps run by us as
    the rest of the cascade runs trafilatura's: readability where its pick could win
    (_readability_can_win), trafilatura's own decision whether it does, and its jusText check of an
    unclean or short result with trafilatura's rule, the jusText run as the recall retry runs it
    (_basic_cleaning, try_justext: a quarter of the cost of trafilatura's call, which took 14 ms on
    one article in twelve of WCXB's). Without one of these steps, trafilatura's call runs.
    `cleaned`: the page as _cleaned cleans it, or None when the widening took it (cleaned again here
    where it is read: the same tree, `tree` being unchanged since)."""
    body, text = result
    if s._prefer_readability is None or s.SANITIZED_XPATH is None or s.JUSTEXT_OVERRIDE_RATIO is None:
        raw = copy(tree) if _readability_can_win(tree, body, text, options, s) else _blank_page()
        cleaned = _cleaned(s, tree, options, url) if cleaned is None else cleaned
        return s.compare_extraction(cleaned, raw, body, text, options)
    if options.focus == "recall" and len(text) > options.min_extracted_size * 10:
        return body, text
    use_readability = False
    if _readability_can_win(tree, body, text, options, s):  # else its pick holds no text, never taken
        raw = copy(tree)
        if options.focus == "precision":
            raw = s.prune_unwanted_nodes(raw, s.OVERALL_DISCARD_XPATH)
        picked = s.try_readability(raw)
        picked_text = s.trim(etree.tostring(picked, method="text", encoding="utf-8").decode("utf-8"))
        use_readability = s._prefer_readability(body, picked, picked_text, len(text), len(picked_text), options)
        if use_readability:
            body, text = picked, picked_text
    unclean = bool(body.xpath(s.SANITIZED_XPATH))
    if unclean or len(text) < options.min_extracted_size:
        cleaned = _cleaned(s, tree, options, url) if cleaned is None else cleaned
        rescued, rescued_text = _justext_rescue(s, _basic_cleaning(s, cleaned, names), options)
        if unclean:
            accept = len(text) <= s.JUSTEXT_OVERRIDE_RATIO * len(rescued_text) and (
                len(rescued_text) > len(text) or not options.images or body.find(".//graphic") is None
            )
        else:
            accept = len(text) < len(rescued_text)
        if rescued_text and accept:
            return rescued, rescued_text
    return s.sanitize_tree(body, options) if use_readability else (body, text)


def _readability(s: SimpleNamespace, tree: HtmlElement, options, body, text: str):
    """readability's pick, if it found more than the main extractor."""
    found = s.try_readability(copy(tree))
    if len(" ".join(" ".join(found.itertext()).split())) <= len(text):
        return body, text
    return s.sanitize_tree(found, options)


def _escalate(s, tree, options, url, result, forum, had_comments, settings, page):
    """A short result covering little of the page: retry in recall mode, and with jusText.
    `page`: the page's class and id names, `tree` as _basic_cleaning cleans it (a copy), and as
    the main extraction's cleaning left it (a copy, or None)."""
    body, text, posts = result
    names, cleaned, pristine = page
    recall = copy(options)
    recall.focus = "recall"
    if forum or not options.comments:
        source = tree
    else:
        source = s.prune_unwanted_nodes(
            copy(tree), s.REMOVE_COMMENTS_AND_LISTS_XPATH if had_comments else s.REMOVE_COMMENTS_XPATH
        )
        cleaned = None
    retried, retried_text = body, ""
    try:
        retried, retried_text = s.extract_content(_recall_input(s, source, recall, url, pristine), recall)
    except Exception:  # pragma: no cover - trafilatura's own retry gives up the same way
        retried_text = ""
    justext_body, justext_text = body, ""
    try:
        if cleaned is None:
            cleaned = _basic_cleaning(s, copy(source), names)
        justext_body, justext_text = _justext_rescue(s, cleaned, options)
    except Exception:  # pragma: no cover
        justext_text = ""
    if len(justext_text) > len(retried_text) and len(justext_text) > settings.justext_accept_ratio * len(text):
        return justext_body, justext_text, None
    accept = settings.escalate_accept_ratio * len(text)
    if len(retried_text) >= options.min_extracted_size and len(retried_text) > accept:
        return retried, retried_text, None
    return body, text, posts


def _recall_input(s: SimpleNamespace, source: HtmlElement, recall, url: str | None, cleaned: HtmlElement | None):
    """`source` cleaned for the recall retry. Where the main extraction's cleaning of the same
    tree is at hand (`cleaned`, taken before the extractor changed it), it is that: trafilatura's
    cleaning differs in recall mode only where its deletions leave no paragraph (it then undoes
    them), and they left one. A copy costs a fifth of cleaning the page again (0.5 against 3 ms)."""
    if cleaned is not None and cleaned.find(".//p") is not None:
        return cleaned
    return _cleaned(s, source, recall, url)


def _widen_can_win(
    cleaned: HtmlElement, body: etree._Element, text: str, settings: CascadeSettings, page_text: str | None = None
) -> bool:
    """Whether the default focus's result could win, before it runs (on WCXB it cannot on more
    than half the articles, and each run costs as much as precision's).

    It takes the page's text in page order, each piece at most once, and builds a block the two
    focuses both keep from the same elements. What it adds between the first and the last of
    precision's blocks therefore lies, on the page, between the first place any of precision's
    blocks is written and the last: when precision's blocks, found there in their order, leave
    less than `widen_inside_share` of their own length in that stretch, it cannot add that much.
    Nor can it be `widen_accept_ratio` times longer when precision kept nearly all of the page
    (its text and two characters a node: trafilatura joins pieces with a space and may put one
    before an item's text). Where a block has no text or is not found in that order (trafilatura
    moved or merged text), the run goes ahead. `page_text`: `cleaned`'s text, when the caller read
    it already (0.3 ms a page read again)."""
    page_text = cleaned.text_content() if page_text is None else page_text
    if len(page_text) + 2 * int(cleaned.xpath("count(.//text())")) <= settings.widen_accept_ratio * len(text):
        return False
    keys = [_element_key(element) for element in body]
    page, end = text_key(page_text), 0
    for key in keys:
        at = page.find(key, end) if key else -1
        if at < 0:
            return True
        end = at + len(key)
    if not keys:
        return True
    stretch = max(page.rfind(key) + len(key) for key in keys) - min(page.find(key) for key in keys)
    total = sum(len(key) for key in keys)
    return stretch - total >= settings.widen_inside_share * total


def _widen(s: SimpleNamespace, cleaned: HtmlElement, options, result, settings: CascadeSettings):
    """Precision mode's result against the default focus's. Precision's stricter link-density and
    layout tests can drop whole sections of a long article (its lists, its tables) while keeping
    the paragraphs around them; the default focus's result wins when what it adds lies between
    precision's first block and its last paragraph of prose, not only before or after them
    (comments, related lists and other stories surround an article; they do not interrupt it, even
    where precision kept a list or a heading of them after the article's last paragraph)."""
    body, text = result
    balanced = copy(options)
    balanced.focus = "balanced"
    wide_body, wide_text = s.extract_content(cleaned, balanced)
    if len(wide_text) <= settings.widen_accept_ratio * len(text):
        return body, text
    keys = [_element_key(el) for el in body]
    kept = set(keys)
    wide = [_element_key(el) for el in wide_body]
    found = [i for i, key in enumerate(wide) if key in kept]
    if not found:
        return body, text
    prose = [i for i in found if _is_prose(wide_body[i], settings)]
    last = prose[-1] if prose else found[-1]  # what precision kept after its last paragraph is no bound
    inside = sum(len(key) for key in wide[found[0] : last + 1] if key not in kept)
    if inside >= settings.widen_inside_share * sum(len(key) for key in keys):
        return wide_body, wide_text
    return body, text


def _is_prose(element: etree._Element, settings: CascadeSettings) -> bool:
    """A paragraph of the article's running prose: whole sentences, long enough in any script."""
    text = " ".join("".join(element.itertext()).split())
    return is_prose(text, settings.widen_prose_min_words)


def _element_key(element: etree._Element) -> str:
    return text_key("".join(element.itertext()))


def _salvage_posts(s: SimpleNamespace, body: etree._Element, posts: etree._Element) -> None:
    """Forum posts the cascade dropped go back at the end of the body."""
    existing = "\n".join(filter(None, (s._elem_text(el) for el in body)))
    body.extend([el for el in posts if (t := s._elem_text(el)) and t not in existing])
