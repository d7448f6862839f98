"""Arabic-script spelling variants that phrase matching and search both fold away.

One word reaches a page in several spellings: with or without harakat and tatweel, with any of the
alef forms, with Arabic or Persian yeh and kaf, with teh marbuta or heh. Both the lexicon (furniture
phrases) and the search index fold these; each adds a few foldings of its own.
"""

from __future__ import annotations

# harakat, Quranic marks and tatweel: they decorate a word without changing it
ARABIC_MARKS = (*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), 0x0640)
MARKS_CLASS = "".join(chr(c) for c in ARABIC_MARKS)

LETTER_VARIANTS = {
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # alef forms -> alef
    "\u0649": "\u064a", "\u06cc": "\u064a",  # alef maksura, Farsi yeh -> yeh
    "\u06a9": "\u0643",  # keheh (Persian kaf) -> kaf
    "\u0629": "\u0647",  # teh marbuta -> heh
}
