"""The explain view's model: an input's blocks in order, each kept or removed with its kind and reason.

A record says what was removed, and its layout (Record.layout) says where each block stood, so the
record alone gives the blocks in input order. With the input at hand (the archive keeps it, or
`cleaner explain` was given it), a text input's blocks get their line numbers, and an HTML page is
shown as it came, made inert, with every removed block it holds marked where it stands.
"""

from __future__ import annotations

import zlib
from dataclasses import asdict, dataclass, field

from cleaner.decode import decode_text, looks_like_html
from cleaner.errors import InputError

# the kinds cleaning names today get colours of their own; any other kind one by its name's hash
KNOWN_KINDS = ("title", "date", "site", "dateline", "source", "tags", "read_also", "related", "share",
               "duplicate", "byline", "nav", "ad", "footer", "other", "reviews", "signature")
# one colour per slot, told apart on white and by people with the commoner colour blindnesses
PALETTE = ("#6a3d9a", "#1f78b4", "#33a02c", "#b15928", "#e31a1c", "#c2185b", "#ff7f00", "#00838f",
           "#5d4037", "#7b1fa2", "#2e7d32", "#0277bd", "#ad1457", "#ef6c00", "#455a64", "#827717",
           "#212121")
COLOURS = len(PALETTE)
RIGHT_TO_LEFT = frozenset({"ar", "fa", "ur", "he", "ps", "sd", "ug", "yi", "dv", "ckb", "ku", "arz", "azb"})


def direction(language: str | None) -> str:
    return "rtl" if (language or "").split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def palette_css(prefix: str) -> str:
    """CSS giving each colour slot's class (prefix + slot) its colour as --mark."""
    return "".join(f".{prefix}{slot} {{ --mark: {colour}; }}\n" for slot, colour in enumerate(PALETTE))


def colour_of(kind: str) -> int:
    """A kind's colour slot: fixed for the known kinds, stable across pages and runs for any other."""
    if kind in KNOWN_KINDS:
        return KNOWN_KINDS.index(kind)
    return zlib.crc32(kind.encode("utf-8")) % COLOURS


@dataclass
class ShownBlock:
    text: str
    role: str  # body | removed | title
    kind: str | None = None
    reason: str = ""
    line: int | None = None  # its line in a text input

    @property
    def colour(self) -> int:
        return colour_of(self.kind) if self.kind else 0


@dataclass
class KindCount:
    kind: str
    blocks: int
    colour: int


@dataclass
class Explained:
    blocks: list[ShownBlock]
    kinds: list[KindCount]
    placed: bool  # False: the record has no layout, so its removed blocks follow the body, not where they stood
    direction: str
    language: str | None
    input_kind: str | None = None  # html | text | None (the input is not at hand)
    page: str | None = None  # an HTML input as shown in the frame: inert, removed blocks marked
    marked_in_page: int = 0  # how many removed blocks the page shows marked
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """For a page's JSON: the blocks and kinds, not the page made for the frame."""
        return {
            "placed": self.placed, "input": self.input_kind, "marked_in_page": self.marked_in_page,
            "kinds": [asdict(k) for k in self.kinds],
            "blocks": [{k: v for k, v in asdict(b).items() if v not in (None, "")} for b in self.blocks],
            "notes": self.notes,
        }


def explain(record: dict, layout: str | None, original: bytes | None = None) -> Explained:
    """The explain view of a record (as Record.to_dict gives it), its layout, and its input if at hand."""
    blocks, placed = blocks_of(record, layout)
    explained = Explained(blocks, kinds_of(blocks), placed, direction(record.get("language")),
                          record.get("language"))
    if not placed:
        explained.notes.append("this record was archived without its layout (by an earlier cleaner, or read "
                               "back from an export): its removed blocks follow the text, not where they stood")
    if original is not None:
        _add_input(explained, record, original)
    return explained


def blocks_of(record: dict, layout: str | None) -> tuple[list[ShownBlock], bool]:
    paragraphs = record["text"].split("\n\n") if record.get("text") else []
    removed = record.get("removed") or []
    title = record.get("title") or ""
    removed_blocks = [ShownBlock(r.get("text", ""), "removed", r.get("kind") or "?", r.get("reason") or "")
                      for r in removed]
    if layout and layout.count("b") == len(paragraphs) and layout.count("r") == len(removed):
        body, cut = iter(paragraphs), iter(removed_blocks)
        blocks = [ShownBlock(next(body), "body") if c == "b" else next(cut) if c == "r" else ShownBlock(title, "title")
                  for c in layout]
        return blocks, True
    head = [ShownBlock(title, "title")] if title else []
    return head + [ShownBlock(p, "body") for p in paragraphs] + removed_blocks, False


def kinds_of(blocks: list[ShownBlock]) -> list[KindCount]:
    counts: dict[str, int] = {}
    for block in blocks:
        if block.kind:
            counts[block.kind] = counts.get(block.kind, 0) + 1
    return [KindCount(kind, n, colour_of(kind)) for kind, n in counts.items()]


def _add_input(explained: Explained, record: dict, original: bytes) -> None:
    if looks_like_html(original):
        from cleaner.views.page import shown_page

        explained.input_kind = "html"
        try:
            explained.page, explained.marked_in_page = shown_page(original, explained.blocks)
        except InputError as exc:
            explained.notes.append(f"the page cannot be shown: {exc.reason}")
        return
    explained.input_kind = "text"
    if explained.placed:
        _number_lines(explained, original)


def _number_lines(explained: Explained, original: bytes) -> None:
    """Each block is a line of a text input, in order (blank lines make none): give it its number."""
    try:
        text = decode_text(original)
    except InputError:
        return
    lines = [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(lines) != len(explained.blocks):
        explained.notes.append("the input's lines no longer match the record's blocks: shown without line numbers")
        return
    for block, (number, line) in zip(explained.blocks, lines, strict=True):
        block.line = number
        if block.role == "title":
            block.text = line  # the line as written; the record's title may have dropped a site name from it
