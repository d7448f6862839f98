"""Markup lxml cannot take as it is, made so it can, on the rare page that needs it.

- Nesting deeper than libxml2 keeps (256 levels): the parser drops everything below, and the page
  would seem to hold no article. The page is parsed again with the tags below a safe depth taken
  out (block tags become line breaks), so their text stays.
- A tag with thousands of attributes: libxml2 compares each attribute with every one before it,
  so a 300 KB tag holds the parser, in C where no alarm reaches, for minutes. Such a tag keeps its
  first thousand attributes. Looking for one costs next to nothing (a few str.find calls).
- Names lxml's own parser makes but its API refuses (`<b<div>` gives an element named 'b<div',
  Word's `<o:p>` one named 'o:p'): trafilatura copies elements by name and fails on them. The
  tree is parsed again with such elements renamed `span` and such attributes dropped.

The others cost nothing on other pages: each runs only after the parser or lxml said so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

from lxml import etree

SAFE_DEPTH = 180  # libxml2 keeps 256 levels; html and body and the parser's own implied elements need some
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
CLOSED_BY_SIBLING = frozenset("p li dt dd tr td th option".split())  # a second one closes the first
BLOCKS = frozenset(
    "address article aside blockquote dd details div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table td th tr ul".split()
)
_MARKUP = re.compile(r"<!--|<(/?)([A-Za-z][^\s/>]*)[^>]*?(/?)>")
_RAW_TEXT = {name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("script", "style", "textarea")}


_LIMIT_ERRORS = frozenset(getattr(etree.ErrorTypes, name, -1) for name in ("ERR_RESOURCE_LIMIT", "ERR_INTERNAL_ERROR"))


def too_deep(parser: etree.HTMLParser) -> bool:
    """Whether the last parse dropped what lay deeper than libxml2's limit ("Excessive depth")."""
    return any(entry.type in _LIMIT_ERRORS and "depth" in entry.message for entry in parser.error_log)


def flatten_deep(html: str, keep: int = SAFE_DEPTH) -> str:
    """The page with every tag opened deeper than `keep` levels taken out, its text kept: one pass,
    with a stack of open elements that closes them as browsers do (a closing tag closes the
    nearest open element of its name; a stray one is left alone)."""
    out: list[str] = []
    stack: list[str] = []
    open_at: dict[str, list[int]] = {}  # element name -> its depths on the stack, innermost last
    pos = scan = 0
    broken = False  # the last thing written was a line break for dropped block tags
    while (match := _MARKUP.search(html, scan)) is not None:
        scan = match.end()
        if match.group(0) == "<!--":
            end = html.find("-->", scan)
            scan = len(html) if end < 0 else end + 3
            continue
        closing, name, self_closed = match.group(1), match.group(2).lower(), match.group(3)
        if name in VOID or self_closed:
            continue
        if closing:
            depths = open_at.get(name)
            if not depths:
                continue
            depth = depths[-1]
            while len(stack) > depth:
                open_at[stack.pop()].pop()
        else:
            if name in CLOSED_BY_SIBLING and stack and stack[-1] == name:
                open_at[stack.pop()].pop()
            depth = len(stack)
            if name in _RAW_TEXT:  # its text is not markup: read past it whole
                end = _RAW_TEXT[name].search(html, scan)
                scan = len(html) if end is None else end.end()
                if depth >= keep:  # too deep: it goes, text and all (a script's text is no one's to read)
                    out.append(html[pos:match.start()])
                    pos = scan
                continue
            open_at.setdefault(name, []).append(depth)
            stack.append(name)
        if depth >= keep:
            between = html[pos:match.start()]
            out.append(between)
            broken = broken and not between.strip()
            if name in BLOCKS and not broken:
                out.append("<br>")  # one line break for a run of block tags: their text stays apart
                broken = True
            elif name not in BLOCKS:
                out.append(" ")
            pos = match.end()
    out.append(html[pos:])
    return "".join(out)


_REFUSED = re.compile(r"Invalid (HTML )?(tag|attribute) name|All strings must be XML compatible")
_NAME = re.compile(r"[^\W\d][\w.\-]*\Z")  # a name lxml's API takes: an XML name without a namespace prefix
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # what lxml refuses to set as text


def lxml_refused(exc: ValueError) -> bool:
    """Whether lxml refused a name, or a text, that its own parser made."""
    return bool(_REFUSED.match(str(exc)))


def make_acceptable(tree: etree._Element) -> etree._Element:
    """The tree with what lxml's API refuses made acceptable: elements with names it refuses become
    `span`, such attributes go, and control characters go from texts and from the attributes kept
    beside them (a reference such as '&#2;' puts one there)."""
    for element in tree.iter():
        if isinstance(element.tag, str) and not _NAME.match(element.tag):
            element.tag = "span"
        bad = [name for name in element.attrib if not _NAME.match(name)]
        if bad:
            # set again through the API, which refuses the control characters the parser let in
            kept = {name: _NOT_XML.sub("", value) for name, value in element.attrib.items() if name not in bad}
            element.attrib.clear()
            element.attrib.update(kept)
        for part in ("text", "tail"):
            value = getattr(element, part)
            if value and _NOT_XML.search(value):
                setattr(element, part, _NOT_XML.sub("", value))
    return tree


LONG_TAG = 20_000  # characters: a tag this long may hold enough attributes to matter
MAX_ATTRIBUTES = 1000  # a real element has a few dozen at most
_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{LONG_TAG}}}")
# a start tag: its name (up to a space, '/' or '>'), then the rest up to its end. Each part is
# taken whole (a lookahead's match, read back): a name free to give characters back to the rest
# made a long name followed by more markup cost a step a character, each reading on to the next
# '<' (seconds on a made-up tag of 60,000 characters without a space)
_START_TAG = re.compile(r"<(?=([A-Za-z][^\s<>/]*))\1(?=([^<>]*))\2>?")
_ATTRIBUTE = re.compile(r"""[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def _run_starts(html: str, start: int) -> Iterator[int]:
    """Where each run of aligned blocks of LONG_TAG // 2 characters holding neither '<' nor '>'
    begins, from the block at `start` (a multiple of that size) on: the first block of each run.
    A tag of LONG_TAG characters or more holds such a block, and opens at the last '<' before its
    run; a block right after another such block has the same '<' before it, so it is not given
    (over a run of megabytes, each block looked back to the run's start). A few str.find calls a
    block, each stopping at the page's next tag, instead of a regex over every character."""
    block = LONG_TAG // 2
    free = False  # the block before held neither '<' nor '>'
    for at in range(start, len(html) - block + 1, block):
        free_before = free
        free = html.find(">", at, at + block) < 0 and html.find("<", at, at + block) < 0
        if free and not free_before:
            yield at


def _long_run(html: str) -> int:
    """Where the first tag that may run over LONG_TAG characters opens (-1: none): a '<' that opens
    a tag no '>' has closed before a run of _run_starts. No longer tag opens before it: its run
    would begin earlier."""
    for start in _run_starts(html, 0):
        opening = html.rfind("<", 0, start)
        if opening >= 0 and html[opening + 1 : opening + 2].isalpha() and html.find(">", opening, start) < 0:
            return opening
    return -1


def _long_tags(html: str, first: int) -> Iterator[re.Match]:
    """The start tags of more than LONG_TAG characters from `first` on, found where they may be:
    at the last '<' before each run of _run_starts alone, not at every '<' of the page's rest
    (10-30 ms on a page of a few MB with one long data: address). A run that begins inside a tag
    found is no other tag's."""
    after = first  # where the next match may open
    for start in _run_starts(html, first - first % (LONG_TAG // 2)):
        if start < after:
            continue
        opening = html.rfind("<", after, start)
        if opening < 0 or html.find(">", opening, start) >= 0:
            continue
        match = _START_TAG.match(html, opening)
        if match is not None and match.end(2) - match.start(1) > LONG_TAG:
            yield match
            after = match.end()


def tame_attributes(html: str) -> str:
    """The page with each tag of more than MAX_ATTRIBUTES attributes cut to its first ones. (A
    page with a long data: address in a tag is read from that tag on, not from its start.)"""
    first = _long_run(html)
    if first < 0 or _LONG_TAG.search(html, first) is None:
        return html
    out: list[str] = []
    pos = 0
    for tag in _long_tags(html, first):
        found = list(islice(_ATTRIBUTE.finditer(tag.group(2)), MAX_ATTRIBUTES + 1))
        if len(found) > MAX_ATTRIBUTES:
            out += [html[pos:tag.start()], f"<{tag.group(1)}{tag.group(2)[:found[MAX_ATTRIBUTES - 1].end()]}>"]
            pos = tag.end()
    out.append(html[pos:])
    return "".join(out)


_PREFIXED = etree.XPath('//*[contains(name(), ":")]')
# where a start tag's name may hold a colon: after '<', before any space, '/' or '>', which end a name
_PREFIXED_TAG = re.compile(r"<[^ \t\n\r\f/>]*:")


def may_hold_prefixed(html: str) -> bool:
    """Whether the page's markup may give the parser an element named with a prefix: a regex over
    the text costs a third of the XPath over the tree, and three pages in four have none."""
    return _PREFIXED_TAG.search(html) is not None


def unwrap_prefixed(tree: etree._Element) -> None:
    """Word's `<o:p>`, smart tags' `<st1:place>`, `<fb:like>`: unknown to every extractor, and
    trafilatura's precision mode drops the text after such an element with it. Their own text and
    what follows them stay; only the tags go."""
    names = {element.tag for element in _PREFIXED(tree) if isinstance(element.tag, str)}
    if names:
        etree.strip_tags(tree, *names)
