"""What a page's structured data (JSON-LD) says of its content that its visible text may lack.

A shop often renders a product's description with a script, or folds it into a tab the HTML
leaves empty, while the page's JSON-LD `Product` carries it whole (schema.org `description`,
which search engines read). On a product page that text is the content the reader came for.
"""

from __future__ import annotations

import html
import re

from lxml.html import HtmlElement

from cleaner.extract.blocks import Block
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
