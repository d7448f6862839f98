"""Extract stage: turn a page (HTML) or flattened text into an ordered list of blocks."""
