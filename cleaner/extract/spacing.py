"""Words the page separates by layout alone, spaced in the tree before any reader takes its text.

A site's markup often sets two pieces of text side by side with nothing between them and lets its
style sheet put them on separate lines: `<span>1</span><span>Book a free survey</span>`, a
reviewer's `<span>Simon Birch</span><span>Head of Customer Experience</span>`, a row of
`<a>Audit Logs</a><a>Resource Groups</a>`. A browser shows two words; the text of the tree glues
them into one ("1Book", "BirchHead"), in trafilatura's extraction and in the content region alike.
A word the markup splits is different: its pieces are an element and the text around it
(`<b>W</b>ord`, a drop cap), single letters each in its own element (a heading animated letter by
letter), or runs of a paragraph an editor cut anywhere (`<p><span>includin</span><span>g CRM</span>`),
and those stay joined. So a space goes after an inline element only where it is followed by another,
with no text at all between them, inside a box of the layout (a div, a section; not a paragraph, a
heading, a list item, a cell or another inline element, where text flows on), they meet on a letter
or a digit and neither leans on the other (a bracket, a quote, a stop, a currency sign), neither is
a single letter, and neither is a superscript or subscript (`mc<sup>2</sup>`, a
footnote's number). Block elements need nothing: every reader ends a line there. Unspaced scripts
(Chinese, Japanese, Thai...) get no space between two of their letters.
"""

from __future__ import annotations

import unicodedata

from lxml import etree

from cleaner.extract.repair import BLOCKS
from cleaner.measure import has_unspaced

# elements whose text no reader shows, and the ones that sit on their neighbour's line
_UNSHOWN = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "link"})
_ATTACHED = frozenset({"sup", "sub", "wbr", "br"})
# where text flows on: a paragraph, a heading, a list item or a cell, an inline element (a span of spans)
_FLOWING = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data",
    "del", "dfn", "em", "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "time", "tt", "u", "var", "blockquote", "figcaption", "caption", "summary", "dt", "dd", "li", "td", "th",
})
_NOT_SPACED = _UNSHOWN | _ATTACHED | BLOCKS


def space_laid_out_words(root: etree._Element) -> int:
    """Give a space of tail to each element its next sibling element touches word to word (see the
    module's docstring); the number of spaces given."""
    spaced = 0
    for element in root.iter():
        if element.tail or not isinstance(element.tag, str) or element.tag in _NOT_SPACED:
            continue
        following = element.getnext()
        if following is None or not isinstance(following.tag, str) or following.tag in _NOT_SPACED:
            continue
        parent = element.getparent()
        if parent is None or parent.tag in _FLOWING:
            continue
        if not _meet_apart(_last_char(element), _first_char(following)):
            continue
        if _one_letter(element) or _one_letter(following):
            continue
        element.tail = " "
        spaced += 1
    return spaced


# what a space never follows (an opening bracket or quote, a currency sign, a dash) or precedes
# (a closing bracket or quote, a stop, a comma, a per cent sign)
_OPENING = frozenset({"Ps", "Pi", "Sc", "Pd"})
_CLOSING = frozenset({"Pe", "Pf", "Po", "Pd"})


def _meet_apart(last: str, first: str) -> bool:
    """Whether a reader sees a gap between two texts that meet here: one is a letter or a digit and
    neither leans on the other ('68%' then 'Questions' does not lean; '(' then 'see' does)."""
    if not last or not first or last.isspace() or first.isspace() or not (last.isalnum() or first.isalnum()):
        return False
    if unicodedata.category(last) in _OPENING or unicodedata.category(first) in _CLOSING:
        return False
    return not (has_unspaced(last) and has_unspaced(first))


def _first_char(element: etree._Element) -> str:
    """The first character of the element's text ('' when it has none, or it starts with a space)."""
    for text in element.itertext():
        if text:
            return text[0]
    return ""


def _last_char(element: etree._Element) -> str:
    """The last character of the element's own text (not its tail), found from its last child down."""
    while True:
        children = [c for c in element if isinstance(c.tag, str)]
        if not children:
            return (element.text or "")[-1:]
        last = children[-1]
        if last.tail:
            return last.tail[-1]
        if last.tag in _UNSHOWN:
            return ""
        element = last


def _one_letter(element: etree._Element) -> bool:
    """The element's text is one letter: a drop cap, or one of a word's letters set one by one."""
    seen = ""
    for text in element.itertext():
        seen += text.strip()
        if len(seen) > 1:
            return False
    return len(seen) == 1 and seen.isalpha()
