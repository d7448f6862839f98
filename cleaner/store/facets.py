"""What a record counts under in the archive's overview: the kinds of the blocks cleaning removed from
it, and its page type when cleaning gave one. Kept as rows beside the record (`record_facets`), so
adding them up over an archive reads a few small rows per record instead of every record's JSON."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleaner.record import Record

Facet = tuple[str, str, int]  # (facet, value, count): ("removed", "read_also", 3), ("page_type", "article", 1)


def facets(removed_kinds: Iterable[str], page_type: object = None) -> list[Facet]:
    rows = [("removed", kind, n) for kind, n in Counter(removed_kinds).items()]
    if isinstance(page_type, str) and page_type:
        rows.append(("page_type", page_type, 1))
    return rows


def facets_of_record(record: Record) -> list[Facet]:
    return facets((r.kind for r in record.removed), getattr(record, "page_type", None))


def facets_of_json(data: dict) -> list[Facet]:
    return facets((r.get("kind") or "?" for r in data.get("removed") or []), data.get("page_type"))
