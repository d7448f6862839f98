"""Flattened text to blocks: one block per non-empty line."""

from __future__ import annotations

import re

from cleaner.extract.blocks import Block

_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*]|-(?=\s))\s*")
_BULLET_STARTS = frozenset("•·▪●◦‣∙*-")  # a stripped line opens with one of these to be a bullet


def text_to_blocks(text: str) -> list[Block]:
    return [
        Block(line, tag="li") if line[0] in _BULLET_STARTS and _is_bullet(line) else Block(line)
        for line in filter(None, map(str.strip, text.split("\n")))
    ]


def _is_bullet(line: str) -> bool:
    """A bullet and something after it: '• item', '- item' (not '-5%' nor a bullet alone)."""
    bullet = _BULLET.match(line)
    return bullet is not None and len(line) > bullet.end()
