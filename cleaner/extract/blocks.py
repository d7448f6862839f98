"""The unit every later stage works on: one paragraph, heading, list item or line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)  # pages have hundreds of blocks and every rule reads them
class Block:
    text: str
    tag: str = "p"  # p, h (heading), li (list item), or the HTML tag it came from
    link_density: float = 0.0  # share of the text inside links (HTML), 0 for text
    hints: frozenset[str] = frozenset()  # furniture kinds the markup suggests
    cites: bool = False  # holds the title of a link to another site: a work the text cites (HTML)
    kind: str | None = None  # None while it counts as body; a removed-kind once classified
    reason: str = ""
    # kind is not None. A field, not a property: each rule asks it of every block (ten times a
    # line), and a property is a function call, 4x the cost of reading a slot
    removed: bool = field(default=False, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.removed = self.kind is not None

    def remove(self, kind: str, reason: str, *, overrule: bool = False) -> None:
        if self.kind is None or overrule:
            self.kind, self.reason = kind, reason
            self.removed = kind is not None
