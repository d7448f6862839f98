"""Decide the record's metadata from what the page's markup says and what the furniture told."""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.furniture.rules import Classification


@dataclass
class Metadata:
    """An article's metadata: what a page's markup gives (empty for text input), and what the
    record finally holds once the furniture's findings fill the gaps."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    site_name: str | None = None
    source: str | None = None
    keywords: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None


def from_findings(result: Classification, page: Metadata | None = None, dated_lines: bool = True) -> Metadata:
    """Markup wins where it speaks; the text's own furniture fills the rest.

    Findings from blocks after the article's end (another article's dates and credits) are ignored,
    and so are all date lines where they are not the page's (`dated_lines`: a product's reviews).
    A page that names no publication anywhere is dated by its last update, the version a reader
    sees, as its markup's dates are (extract/html_dates.py): "Last updated: 13 November 2025".
    """
    page = page or Metadata()
    end = result.article_end if result.article_end is not None else len(result.blocks)
    first: dict[str, object] = {}
    for finding in result.findings:
        if finding.index < end and finding.field not in first:
            first[finding.field] = finding.value

    def date_of(role: str) -> str | None:
        value = first.get(role) if dated_lines else None
        return value[0] if value else None

    keywords = list(page.keywords)
    for word in first.get("keywords") or []:
        if word not in keywords:
            keywords.append(word)
    updated = page.updated or date_of("updated")
    return Metadata(
        title=page.title or first.get("page_title") or first.get("title"),
        authors=list(page.authors) or list(first.get("authors") or []),
        published=page.published or date_of("published") or date_of("unlabeled") or updated,
        updated=updated,
        site_name=page.site_name or first.get("site_name"),
        source=first.get("source") or first.get("dateline_source"),
        keywords=keywords,
        url=page.url,
        language=page.language,
    )
