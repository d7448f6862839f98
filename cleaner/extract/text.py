"""Flattened text to blocks: one block per non-empty line."""

from __future__ import annotations

import re

from cleaner.extract.blocks import Block

_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*]|-(?=\s))\s*")


def text_to_blocks(text: str) -> list[Block]:
    blocks = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        bullet = _BULLET.match(stripped)
        if bullet and len(stripped) > bullet.end():
            blocks.append(Block(stripped, tag="li"))
        else:
            blocks.append(Block(stripped))
    return blocks
