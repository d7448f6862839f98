"""Metadata stage: title, dates, source, language and keywords, from the blocks and the page."""
