"""Flattened text to blocks: one block per non-empty line."""

from __future__ import annotations

import re

from cleaner.extract.blocks import Block

_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*]|-(?=\s))\s*")
_BULLET_STARTS = frozenset("•·▪●◦‣∙*-")  # a stripped line opens with one of these to be a bullet


def text_to_blocks(text: str) -> list[Block]:
    blocks = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        bullet = _BULLET.match(stripped) if stripped[0] in _BULLET_STARTS else None
        if bullet and len(stripped) > bullet.end():
            blocks.append(Block(stripped, tag="li"))
        else:
            blocks.append(Block(stripped))
    return blocks
