"""jusText's paragraphs of a page, cut in one walk of its tree, for trafilatura's jusText rescue.

trafilatura's `try_justext` hands the page to jusText, which replays the tree as SAX events to
cut it into paragraphs (each also writing out its XPath, which nothing reads) and then rebuilds
and re-normalizes each paragraph's text some seven times while classifying. Cleaner's recall
retry calls it on one page in seven, at ~56 ms a call. Here the same paragraphs are cut in one
walk and each text is made once; jusText's own classification and revision then decide, with
trafilatura's parameters, so the kept paragraphs are jusText's (a test compares both calls on
every fixture page). Anything this module does not foresee runs trafilatura's own call.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from types import SimpleNamespace

from lxml import etree
from lxml.html import HtmlElement


def try_justext(s: SimpleNamespace, tree: HtmlElement, options) -> etree._Element:
    """trafilatura's `try_justext(tree, options.url, options.lang)` (`s`: the cascade's stages of
    trafilatura), a third of its cost. With a language trafilatura knows a stoplist for, a tree
    that is not a document's lone root, or anything unforeseen, trafilatura's call runs instead."""
    justext = _justext()
    if justext is None or options.lang in s.JUSTEXT_LANGUAGES or not _lone_root(tree):
        return s.try_justext(tree, options.url, options.lang)
    try:
        paragraphs = _paragraphs(tree, justext)
        justext.classify_paragraphs(paragraphs, _all_stopwords(s, justext), 50, 150, 0.1, 0.2, 0.25, True)
        justext.revise_paragraph_classification(paragraphs, 150)
        found = etree.Element("body")
        for paragraph in paragraphs:
            if not paragraph.is_boilerplate:
                etree.SubElement(found, "p").text = paragraph.text
    except Exception:  # pragma: no cover - trafilatura's call fails, or not, its own way
        return s.try_justext(tree, options.url, options.lang)
    return found


def _lone_root(tree: HtmlElement) -> bool:
    return tree.getparent() is None and tree.getprevious() is None and tree.getnext() is None


@lru_cache(maxsize=1)
def _justext() -> SimpleNamespace | None:
    """jusText's paragraph, tags, whitespace rule and classification, or None if it moved them."""
    try:
        from justext.core import PARAGRAPH_TAGS, classify_paragraphs, define_stoplist, revise_paragraph_classification
        from justext.paragraph import Paragraph
    except ImportError:  # pragma: no cover
        return None

    class Cut(Paragraph):
        """jusText's paragraph, its text made once, when the paragraph closes (nothing reads it
        before): an attribute of the class shadows the base class's property, which joined and
        normalized the pieces anew on each of the seven or so reads."""

        text = ""

        def __init__(self, dom_path: str) -> None:
            self.dom_path = dom_path
            self.xpath = ""  # nothing reads it
            self.text_nodes = []
            self.chars_count_in_links = 0
            self.tags_count = 0
            self.class_type = ""

        def stopwords_density(self, stopwords) -> float:
            """jusText's: the share of the words whose lower case is a stopword (it splits the
            text thrice, and makes a Python step of each word's test)."""
            words = self.text.split()
            return sum(map(stopwords.__contains__, map(str.lower, words))) / len(words) if words else 0

    return SimpleNamespace(
        tags=PARAGRAPH_TAGS, normalize=_normalize_whitespace, Paragraph=Cut, define_stoplist=define_stoplist,
        classify_paragraphs=classify_paragraphs, revise_paragraph_classification=revise_paragraph_classification,
    )


_NEWLINE_RUN = re.compile(r"\s*[\n\r]\s*")
_SPACE_RUN = re.compile(r"[^\S\n\r]+")


def _normalize_whitespace(text: str) -> str:
    """jusText's `normalize_whitespace` (each run of whitespace becomes a line break if it holds
    one, else a space) without a Python call per run: the runs that hold a break go first, whole
    (the match starts where the run does and takes all of it), then the others, which are the
    whitespace left."""
    if "\n" in text or "\r" in text:
        text = _NEWLINE_RUN.sub("\n", text)
    return _SPACE_RUN.sub(" ", text)


def _all_stopwords(s: SimpleNamespace, justext: SimpleNamespace) -> frozenset:
    """The stoplist trafilatura hands jusText for a page of no known language (every language's
    words, 154,000 of them), as the set jusText makes of it. jusText caches that set by the tuple,
    which it hashes anew on every call (a millisecond); a set keeps its hash."""
    words = importlib.import_module(s.jt_stoplist_init.__module__).JT_STOPLIST or s.jt_stoplist_init()
    if _STOPWORDS.get("words") is not words:
        _STOPWORDS.update(words=words, set=justext.define_stoplist(words))
    return _STOPWORDS["set"]


_STOPWORDS: dict = {}


def _paragraphs(tree: HtmlElement, justext: SimpleNamespace) -> list:
    """jusText's paragraphs of `tree`, as its ParagraphMaker cuts them from the tree's SAX events:
    a paragraph tag (or a second <br> in a row) opens a new paragraph and its end closes it, text
    in a link counts as linked, whitespace-only text is skipped, and a paragraph is kept when its
    text is not blank (jusText's paragraph is false when its length is 0). Its path is the tag
    names from the root, as the paragraph opens.

    jusText normalizes each piece's whitespace as it comes, and the paragraph's text again once
    joined; a run of whitespace becomes a line break if any of it holds one, so normalizing the
    joined pieces alone gives the same text. Only a linked piece is normalized first, to count
    its characters. A paragraph that closes with nothing in it (most do: each paragraph tag opens
    one and its end another) is kept open on the new path, not replaced by a fresh one."""
    tags, normalize, cut = justext.tags, justext.normalize, justext.Paragraph
    paragraphs, names, paths = [], [], [""]  # the open elements' names, and the path to each, joined
    paragraph = cut("")
    link = br = False
    for event, element in etree.iterwalk(tree, events=("start", "end", "comment", "pi")):
        if event == "start":
            tag = element.tag
            if not isinstance(tag, str):  # an entity: jusText fails on it
                raise TypeError(tag)
            name = tag.split("}", 1)[1] if tag[0] == "{" and "}" in tag else tag
            path = f"{paths[-1]}.{name}" if names else name
            names.append(name)
            paths.append(path)
            if name in tags or (name == "br" and br):
                paragraph = _turn(paragraph, path, paragraphs, normalize, cut)
            else:
                br = name == "br"
                if br:
                    paragraph.text_nodes.append(" ")
                elif name == "a":
                    link = True
            content = element.text
        elif event == "end":
            paths.pop()
            name = names.pop()
            if name in tags:
                paragraph = _turn(paragraph, paths[-1], paragraphs, normalize, cut)
            elif name == "a":
                link = False
            content = element.tail
        else:  # a comment or processing instruction: its tail only
            content = element.tail
        if content and not content.isspace():
            if link:
                content = normalize(content)
                paragraph.chars_count_in_links += len(content)
            paragraph.text_nodes.append(content)
            br = False
    if paragraph.text_nodes:
        _close(paragraph, paragraphs, normalize)
    return paragraphs


def _turn(paragraph, path: str, paragraphs: list, normalize, cut):
    """The paragraph open after a boundary on `path`: the open one closes and a new one opens, or,
    with nothing in it yet, it stays open on the new path (a new one, as jusText makes, would
    differ from it in its path alone)."""
    if not paragraph.text_nodes:
        paragraph.dom_path = path
        return paragraph
    _close(paragraph, paragraphs, normalize)
    return cut(path)


def _close(paragraph, paragraphs: list, normalize) -> None:
    """The paragraph's text, made once; it is kept when not blank (jusText's paragraph is false
    when its text's length is 0)."""
    text = normalize("".join(paragraph.text_nodes).strip())
    if text:
        paragraph.text = text
        paragraphs.append(paragraph)
