"""Classify stage: one furniture logic over blocks from either mode, driven by one lexicon."""

from __future__ import annotations

from cleaner.extract.blocks import Block
from cleaner.furniture.lexicon import Lexicon, load_lexicon
from cleaner.furniture.rules import (
    Classification,
    Settings,
    dateline_source,
    duplicate_rules,
    header_rules,
    line_rules,
    markup_rules,
    section_rules,
)

__all__ = ["Classification", "Settings", "classify", "load_lexicon", "Lexicon"]


def classify(
    blocks: list[Block], lexicon: Lexicon, *, title: str | None = None, settings: Settings | None = None
) -> Classification:
    """Mark every furniture block with its kind. `title`, when the page's markup gave one, is trusted."""
    settings = settings or Settings()
    result = Classification(blocks)
    line_rules(result, lexicon, settings)
    markup_rules(result, lexicon, settings)
    header_rules(result, lexicon, settings, title)
    section_rules(result, lexicon, settings)
    duplicate_rules(result, settings)
    dateline_source(result)
    return result
