"""trafilatura's extraction cascade, its stages run by us so that each stage's cost is paid only
where it can change the result.

trafilatura's own cascade (`trafilatura_sequence`) always runs its second stage, a comparison with
readability and jusText, unless one asks for its fast mode, which skips it on every page. On the
WCXB pages that comparison changed the extraction on one page in eleven, and on all but a few of
those the main extractor had kept less than a tenth of the page's text; elsewhere it cost a third
of the whole cleaning time and changed nothing. So we run it where the main extractor kept little
of the page, and keep every other stage as trafilatura runs it: the raw-tree prune, comment
capture (a thread forum's posts are its content), the baseline rescue of short results and the
recall escalation.

The stages are trafilatura's internal functions. If a later trafilatura renames them, cleaning
falls back to its public `bare_extraction`.
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace

from lxml import etree
from lxml.html import HtmlElement


@dataclass(frozen=True)
class CascadeSettings:
    """When the costly stages run, as shares of the page's own text (after trafilatura's cleaning)."""

    compare_below_share: float = 0.0  # readability/jusText comparison: the main extractor kept less
    escalate_max_chars: int = 3000  # recall retry: a result shorter than this...
    escalate_below_share: float = 0.2  # ... covering less than this share of the page
    escalate_accept_ratio: float = 1.5  # the retry wins when this many times longer
    justext_accept_ratio: float = 2.0  # jusText's candidate wins when this many times longer


@dataclass
class Extraction:
    body: etree._Element | None  # trafilatura's output tree (p, head, list, table, quote, code...)
    comments: etree._Element | None  # what it captured as comments (None when they were the posts)
    forum: bool  # the page declares a thread of forum posts (schema.org DiscussionForumPosting)
    compared: bool  # the readability/jusText comparison ran


# where each stage lives in trafilatura
_STAGES = {
    "baseline": ("baseline", "baseline"), "html2txt": ("baseline", "html2txt"),
    "_forum_thread_page": ("core", "_forum_thread_page"), "_prepare_tree": ("core", "_prepare_tree"),
    "compare_extraction": ("external", "compare_extraction"), "justext_rescue": ("external", "justext_rescue"),
    "try_readability": ("external", "try_readability"), "sanitize_tree": ("external", "sanitize_tree"),
    "prune_unwanted_nodes": ("htmlprocessing", "prune_unwanted_nodes"),
    "convert_tags": ("htmlprocessing", "convert_tags"), "_elem_text": ("main_extractor", "_elem_text"),
    "extract_comments": ("main_extractor", "extract_comments"),
    "extract_content": ("main_extractor", "extract_content"),
    "RAW_TREE_PRUNE_XPATH": ("xpaths", "RAW_TREE_PRUNE_XPATH"),
    "REMOVE_COMMENTS_XPATH": ("xpaths", "REMOVE_COMMENTS_XPATH"),
    "REMOVE_COMMENTS_AND_LISTS_XPATH": ("xpaths", "REMOVE_COMMENTS_AND_LISTS_XPATH"),
}


@lru_cache(maxsize=1)
def _stages() -> SimpleNamespace | None:
    """trafilatura's stage functions, or None if this trafilatura lacks one of them."""
    import importlib

    found = {}
    for name, (module, attribute) in _STAGES.items():
        try:
            found[name] = getattr(importlib.import_module(f"trafilatura.{module}"), attribute)
        except (ImportError, AttributeError):  # pragma: no cover
            return None
    return SimpleNamespace(**found)


def run_cascade(
    tree: HtmlElement, options, url: str | None, settings: CascadeSettings | None = None, readability: bool = True
) -> Extraction:
    """trafilatura's cascade on `tree` (changed in place), comments captured apart. `readability`:
    when the main extractor finds next to nothing, readability's pick (an article's element) is
    preferred over the baseline's dump of the page (a forum's posts or a listing's items are not
    one element, and the dump keeps more of them)."""
    stages = _stages()
    if stages is None:  # pragma: no cover
        import trafilatura

        document = trafilatura.bare_extraction(tree, options=options)
        return Extraction(document.body if document else None, None, False, True)
    return _run(stages, tree, options, url, settings or CascadeSettings(), readability)


def _run(
    s: SimpleNamespace, tree: HtmlElement, options, url: str | None, settings: CascadeSettings, readability: bool
) -> Extraction:
    forum = s._forum_thread_page(tree)
    tree = s.prune_unwanted_nodes(tree, s.RAW_TREE_PRUNE_XPATH)
    if not options.comments and not forum:
        tree = s.prune_unwanted_nodes(tree, s.REMOVE_COMMENTS_AND_LISTS_XPATH)
    cleaned, backup = s._prepare_tree(tree, options, url)
    page_chars = len(cleaned.text_content())
    comments, comment_text, posts = None, "", None
    if options.comments:
        comments, comment_text, cleaned = s.extract_comments(cleaned, options)
        if comment_text and forum:  # the "comments" are the thread's posts: they go in the body
            posts, comments, comment_text = comments, None, ""
            cleaned = s.convert_tags(copy(backup), options, url)
    body, text = s.extract_content(cleaned, options)
    compared = len(text) < settings.compare_below_share * page_chars
    if compared:
        body, text = s.compare_extraction(backup, copy(tree), body, text, options)
    elif readability and len(text) < options.min_extracted_size:
        body, text = _readability(s, tree, options, body, text)
    if len(text) < options.min_extracted_size:
        rescued, rescued_text, rescued_chars = s.baseline(tree)
        if rescued_chars > len(text):
            body, text, posts = rescued, rescued_text, None
    if 0 < len(text) < settings.escalate_max_chars and len(text) < settings.escalate_below_share * len(
        s.html2txt(tree)
    ):
        body, text, posts = _escalate(s, tree, options, url, body, text, posts, forum, bool(comment_text), settings)
    if posts is not None:
        _salvage_posts(s, body, posts)
    return Extraction(body if text.strip() else None, comments, forum, compared)


def _readability(s: SimpleNamespace, tree: HtmlElement, options, body, text: str):
    """The main extractor found next to nothing: readability's choice, if it found more, rather
    than the baseline's dump of the whole page."""
    found = s.try_readability(copy(tree))
    found_text = " ".join(" ".join(found.itertext()).split())
    if len(found_text) <= len(text):
        return body, text
    return s.sanitize_tree(found, options)


def _escalate(s, tree, options, url, body, text, posts, forum, had_comments, settings):
    """A short result covering little of the page: retry in recall mode, and with jusText."""
    recall = copy(options)
    recall.focus = "recall"
    if forum or not options.comments:
        source = tree
    else:
        source = s.prune_unwanted_nodes(
            copy(tree), s.REMOVE_COMMENTS_AND_LISTS_XPATH if had_comments else s.REMOVE_COMMENTS_XPATH
        )
    retried, retried_text = body, ""
    try:
        cleaned, backup = s._prepare_tree(source, recall, url)
        retried, retried_text = s.extract_content(cleaned, recall)
        retried, retried_text = s.compare_extraction(backup, copy(source), retried, retried_text, recall)
    except Exception:  # pragma: no cover - trafilatura's own retry gives up the same way
        retried_text = ""
    justext_body, justext_text = body, ""
    try:
        justext_body, justext_text = s.justext_rescue(copy(source), options)
    except Exception:  # pragma: no cover
        justext_text = ""
    if len(justext_text) > len(retried_text) and len(justext_text) > settings.justext_accept_ratio * len(text):
        return justext_body, justext_text, None
    if len(retried_text) >= options.min_extracted_size and len(retried_text) > settings.escalate_accept_ratio * len(
        text
    ):
        return retried, retried_text, None
    return body, text, posts


def _salvage_posts(s: SimpleNamespace, body: etree._Element, posts: etree._Element) -> None:
    """Forum posts the cascade dropped go back at the end of the body."""
    existing = "\n".join(filter(None, (s._elem_text(el) for el in body)))
    body.extend([el for el in posts if (t := s._elem_text(el)) and t not in existing])
