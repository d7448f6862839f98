"""An HTML input as the explain view shows it: inert, offline, with each removed block marked where it stands.

The page is shown in a sandboxed frame (no scripts, forms, popups or navigation) under a policy that
lets it fetch nothing; on top of that, what could act or reach the network is taken out here, with
lxml_html_clean (scripts, <link>, <meta>, <base>, frames, embeds) and one pass of our own over the
attributes (event handlers, and every one that loads or leads elsewhere, javascript: links
included) and the styles (url(), @import). What is left is markup, text and inline styles.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree
from lxml_html_clean import Cleaner

from cleaner.decode import decode_html, normalize_chars
from cleaner.errors import InputError
from cleaner.extract.html import parse_page
from cleaner.views.explain import ShownBlock, palette_css

# its `javascript` pass rewrites every link and style of the page (0.3 s on a 600 kB page): the pass
# below drops event handlers and every attribute that links anywhere, javascript: included, at once
_INERT = Cleaner(
    scripts=True, javascript=False, comments=True, style=False, inline_style=False, links=True, meta=True,
    page_structure=False, processing_instructions=True, embedded=True, frames=True, forms=False,
    annoying_tags=True, remove_unknown_tags=False, safe_attrs_only=False, kill_tags=["base", "noscript"],
)
# attributes that fetch something or lead somewhere; a data: image stays
_LOADING = ("src", "srcset", "href", "poster", "background", "action", "formaction", "ping", "data", "cite",
            "longdesc", "usemap", "xlink:href", "{http://www.w3.org/1999/xlink}href")
# what in a style fetches, and the character that ends it: url(...) and image-set(...) to their first
# ")" (what a nested one leaves is a broken declaration, which fetches nothing either), @import to ";"
_CSS_FETCHES = {b"url(": b")", b"image-set(": b")", b"@import": b";"}
_SPACES = re.compile(r"\s+")
_SKIP = {"html", "head", "body", "title", "style"}
WHITESPACE_ALLOWANCE = 200  # indentation an element's text may hold beyond four times a removed block's
MARK_STYLE = """
[data-cleaner-kind] { outline: 3px solid var(--mark) !important; outline-offset: 1px;
  background: color-mix(in srgb, var(--mark) 18%, transparent) !important; }
[data-cleaner-kind]::before { content: "removed: " attr(data-cleaner-kind); display: block; direction: ltr;
  font: bold 12px/1.5 sans-serif; color: #fff; background: var(--mark); padding: 0 4px; text-align: left; }
"""


def shown_page(original: bytes, blocks: list[ShownBlock]) -> tuple[str, int]:
    """The page to show in the frame, and how many of the removed blocks it marks."""
    tree = parse_page(decode_html(original))
    if tree is None:
        raise InputError(None, "it holds no markup that parses")
    _INERT(tree)
    for element in tree.iter():
        if isinstance(element.tag, str):
            for name in _LOADING:
                value = element.get(name)
                if value is not None and not (name == "src" and value.strip().lower().startswith("data:image/")):
                    del element.attrib[name]
            for name in [n for n in element.attrib if n.lower().startswith("on")]:
                del element.attrib[name]
            if element.get("style"):
                element.set("style", inert_css(element.get("style")))
            if element.tag == "style" and element.text:
                element.text = inert_css(element.text)
    marked = _mark_removed(tree, [b for b in blocks if b.role == "removed"])
    _add_style(tree)
    return lxml.html.tostring(tree, encoding="unicode", method="html", doctype="<!DOCTYPE html>"), marked


def inert_css(css: str) -> str:
    """A style without what would fetch something: each such part becomes "none". str.find, not a
    regular expression: a page's stylesheet may be half a megabyte, with hundreds of url()s."""
    low = css.encode("ascii", "replace").lower()  # one byte per character: the same indices as css
    next_at = {start: low.find(start) for start in _CSS_FETCHES}
    parts, at = [], 0
    while found := [(i, start) for start, i in next_at.items() if i >= 0]:
        i, start = min(found)
        end = low.find(_CSS_FETCHES[start], i)
        parts += [css[at:i], "none"]
        at = len(css) if end < 0 else end + 1
        for other, j in next_at.items():
            if 0 <= j < at:
                next_at[other] = low.find(other, at)
    return "".join(parts) + css[at:] if parts else css


def _key(text: str) -> str:
    return _SPACES.sub(" ", normalize_chars(text)).strip()


def _mark_removed(tree: etree._Element, removed: list[ShownBlock]) -> int:
    """Mark the innermost elements whose text is a removed block's text; returns how many blocks were found."""
    wanted: dict[str, ShownBlock] = {}
    for block in removed:
        wanted.setdefault(_key(block.text), block)
    if not wanted:
        return 0
    shortest, longest = min(map(len, wanted)), max(map(len, wanted))
    found: dict[etree._Element, ShownBlock] = {}
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag not in _SKIP:
            text = element.text_content()
            # normalising only ever shortens a text, and never by this much: most wrappers need no look
            if shortest <= len(text) <= 4 * longest + WHITESPACE_ALLOWANCE:
                block = wanted.get(_key(text))
                if block is not None:
                    found[element] = block
    for element in list(found):
        parent = element.getparent()
        while parent is not None:
            if found.get(parent) is found[element]:
                del found[parent]  # a wrapper around the same text: mark the innermost only
            parent = parent.getparent()
    for element, block in found.items():
        element.set("data-cleaner-kind", block.kind or "?")
        element.set("title", f"removed: {block.kind} ({block.reason})" if block.reason else f"removed: {block.kind}")
        element.set("class", (element.get("class", "") + f" cleaner-k{block.colour}").strip())
    marked = {_key(b.text) for b in found.values()}
    return sum(1 for b in removed if _key(b.text) in marked)


def _add_style(tree: etree._Element) -> None:
    head = tree.find("head")
    if head is None:
        head = etree.Element("head")
        tree.insert(0, head)
    style = etree.SubElement(head, "style")
    style.text = MARK_STYLE + palette_css("cleaner-k")
