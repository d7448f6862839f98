"""One function per kind of page: what the page shows, as plain data.

The app renders it with the page's template, or returns it as JSON (`.json` on any page's URL), so
what a person sees and what a script reads are one thing. SQL lives in the store and in `queries`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cleaner.store import Archive, ArchiveError
from cleaner.store.searchtext import fts_query, snippet_spans
from cleaner.views import queries
from cleaner.views.explain import Explained, direction, explain

LAST_RUNS = 8
TOP_SITES = 12
RESULTS_PER_PAGE = 20
MAX_PAGE = 500  # deeper pages of a search are not worth their cost: narrow the search instead
_DATE = re.compile(r"^\d{4}(-\d\d(-\d\d)?)?$")


class NotFound(Exception):
    pass


def home(archive: Archive) -> dict:
    conn = archive.conn
    stats = archive.stats()
    return {
        "archive": archive.path,
        "records": stats["records"],
        "near_duplicates": stats["near_duplicates"],
        "earlier_versions": stats["earlier_versions"],
        "urls": stats["urls"],
        "inputs": stats["inputs"],
        "failed_inputs": stats["inputs"].get("failed", 0),
        "size_bytes": stats["size_bytes"],
        "sites": queries.sites(conn),
        "runs": stats["runs"],
        "last_runs": archive.runs(limit=LAST_RUNS)[::-1],
        "by_language": list(stats["languages"].items()),
        "by_site": queries.by_site(conn, TOP_SITES),
        "by_published_day": queries.by_published_day(conn),
        "undated": queries.undated(conn),
        "by_added_day": queries.by_added_day(conn),
        "removed_by_kind": queries.facet_counts(conn, "removed"),
        "by_page_type": queries.facet_counts(conn, "page_type"),
    }


@dataclass
class SearchForm:
    q: str = ""
    lang: str = ""
    site: str = ""
    since: str = ""
    until: str = ""
    page_type: str = ""
    page: int = 1

    @classmethod
    def of(cls, args) -> SearchForm:
        """From a request's query arguments; a bad value is a message for the page, not an error page."""
        form = cls(**{name: (args.get(name) or "").strip()[:500] for name in
                      ("q", "lang", "site", "since", "until", "page_type")})
        page = args.get("page") or "1"
        form.page = min(int(page), MAX_PAGE) if page.isdigit() and int(page) > 0 else 1
        return form

    def problems(self) -> list[str]:
        return [f"{name}: {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                for name, value in (("since", self.since), ("until", self.until)) if value and not _DATE.match(value)]

    def args(self, **changes) -> dict:
        """The query arguments of this search (for links to its other pages)."""
        values = {**self.__dict__, **changes}
        return {k: v for k, v in values.items() if v and not (k == "page" and v == 1)}


def search(archive: Archive, form: SearchForm) -> dict:
    out = {"query": form.args(), "results": [], "page": form.page, "per_page": RESULTS_PER_PAGE, "more": False,
           "problems": form.problems(),
           "languages": queries.languages(archive.conn),
           "page_types": [f["value"] for f in queries.facet_counts(archive.conn, "page_type")]}
    if not form.q or out["problems"]:
        return out
    expression = fts_query(form.q)
    if not expression:
        out["problems"].append("the query has no words")
        return out
    try:
        hits = archive.search(expression, lang=form.lang or None, site=form.site or None, since=form.since or None,
                              until=form.until or None, page_type=form.page_type or None,
                              limit=RESULTS_PER_PAGE + 1, offset=(form.page - 1) * RESULTS_PER_PAGE,
                              snippet_of=snippet_spans)
    except ArchiveError as exc:
        out["problems"].append(str(exc))
        return out
    out["more"] = len(hits) > RESULTS_PER_PAGE
    out["results"] = [dict(hit, direction=direction(hit["language"])) for hit in hits[:RESULTS_PER_PAGE]]
    return out


def record(archive: Archive, ident: str) -> tuple[dict, Explained]:
    """A record (or an earlier version of one) with where it came from, its kin, and its explain view."""
    try:
        found = archive.find(ident)
    except ArchiveError:
        found = None  # an id prefix that names several records is no page
    if found is None:
        raise NotFound(ident)
    rowid, old = found
    conn = archive.conn
    current = archive.record_view(rowid)
    earlier = queries.earlier_version(conn, ident) if old else None
    if earlier is not None:
        shown, layout = earlier["record"], earlier["layout"]
        shown["archive"] = {"version": earlier["version"], "replaced": earlier["replaced"], "current": current["id"]}
    else:
        shown, layout = current, queries.layout_of(conn, rowid)
    explained = explain(shown, layout, queries.original(conn, shown.get("input_sha256")))
    duplicate_of = current["archive"]["duplicate_of"]
    sources = queries.sources_of(conn, rowid)
    names = queries.input_names(conn, [s["input"] for s in sources])
    data = {
        "record": shown,
        "earlier": earlier is not None,
        "current_id": current["id"],
        "direction": direction(shown.get("language")),
        "versions": [*({"id": v["id"], "version": v["version"], "replaced": v["replaced"]}
                       for v in archive.versions(rowid)),
                     {"id": current["id"], "version": current["archive"]["version"], "replaced": None}],
        "sources": [dict(s, name=names.get(s["input"], s["input"])) for s in sources],
        "duplicate_of": {"id": duplicate_of, "title": queries.title_of(conn, duplicate_of)} if duplicate_of else None,
        "near_duplicates": queries.near_duplicates_of(conn, rowid),
        "explain": explained.to_dict(),
    }
    return data, explained


RUNS_SHOWN = 500


def runs(archive: Archive) -> dict:
    return {"runs": archive.runs(limit=RUNS_SHOWN)[::-1], "shown_at_most": RUNS_SHOWN}


def errors(archive: Archive, run: str | None) -> dict:
    if run is not None and run.isdigit():
        return {"run": int(run), "errors": archive.errors_of_run(int(run))}
    return {"run": None, "errors": archive.failed_inputs()}
