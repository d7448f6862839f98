"""The page's metadata from its markup: trafilatura's cheap readers, and our own for the headline
and the publication date.

trafilatura's full `extract_metadata` also searches the whole page for an author and for
category/tag links, which costs more than extracting the body; the furniture pass finds bylines
and tag lines in the text anyway. So we read the meta tags, JSON-LD, the canonical URL through
trafilatura; the headline from the `<title>`, og:title and the h1 (cleaner.metadata.titles); and
the dates in cleaner.extract.html_dates.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from cleaner.decode import normalize_chars
from cleaner.extract.dom import Tagged
from cleaner.extract.html_dates import entity_rank, entity_types, page_dates
from cleaner.metadata.fields import Metadata
from cleaner.metadata.titles import H1_CANDIDATES, SiteName, choose_headline

_LANG_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")
_LIST_SPLIT = re.compile(r"\s*[;,،]\s*")

SITE_NAME_MAX_WORDS = 8  # a longer "site name" is a headline or a motto
SITE_NAMES_MAX = 20  # a page that names its site more ways than this is not read further
JSON_LD_MAX_CHARS = 1_000_000  # a script block larger than this is not read for dates and headlines
JSON_LD_MAX_OBJECTS = 500  # ... nor objects past this many (the article's own come first)
PRINTED_HEADLINE_ELEMENTS = 5000  # how far into a page without an h1 its printed headline is looked for
_SITE_TYPES = ("website", "organization", "newsmediaorganization", "corporation", "localbusiness")


def _clean(value: str | None) -> str | None:
    return " ".join(normalize_chars(value).split()) or None if value else None


def _str(value: object) -> str | None:
    """trafilatura's JSON-LD reader passes on what a page wrote there: lists and numbers too."""
    return value if isinstance(value, str) else None


def _split_list(value: str | list | None) -> list[str]:
    if not value:
        return []
    items = value if isinstance(value, list) else [value]
    parts = [_clean(part) for item in items if isinstance(item, str) for part in _LIST_SPLIT.split(item)]
    return [part for part in parts if part]


def head_metas(tree: HtmlElement) -> list[HtmlElement]:
    """The <meta> tags with a content of the page's <head>. The parser puts a <head> only under
    <html> (a stray one's tags land in the body), so no search goes deeper: './/head/meta' walked
    the whole body looking for more heads, once for each reader of the head."""
    return [meta for head in tree.iterchildren("head") for meta in head.iterchildren("meta")
            if meta.get("content") is not None]


def declared_language(tree: HtmlElement) -> str | None:
    """ISO 639 code from <html lang>, or a content-language / og:locale meta tag."""
    candidates = [tree.get("lang"), tree.get("xml:lang")]
    for meta in head_metas(tree):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            candidates.append(meta.get("content"))
    for value in candidates:
        match = _LANG_CODE.match((value or "").strip())
        if match:
            return match.group(1).lower()
    return None


# --- what the page's meta tags and structured data say ---------------------------------------


def meta_tags(tree: HtmlElement, elements: Tagged | None = None) -> dict[str, str]:
    """The page's meta tags by name (property, name or itemprop, lower-cased); the first of each.
    `elements`: the page's, when the caller has gathered them (dom.page_elements)."""
    tags: dict[str, str] = {}
    for meta in elements["meta"] if elements is not None else tree.iter("meta"):
        if (content := meta.get("content")) is None:
            continue
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = content.strip()
        if name and content and name not in tags:
            tags[name] = content
    return tags


def _entities(data: object, depth: int = 0) -> Iterator[dict]:
    """Every object of a JSON-LD document that has a type, nested ones included."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _entities(item, depth + 1)
    elif isinstance(data, dict):
        if "@type" in data:
            yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _entities(value, depth + 1)


def load_json_ld(text: str) -> object | None:
    """A JSON-LD script's data; None when it does not parse or nests deeper than the parser goes."""
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def structured_data(tree: HtmlElement, elements: Tagged | None = None) -> list[dict]:
    """The page's JSON-LD objects. A block that does not parse is skipped, as browsers do."""
    found: list[dict] = []
    for script in elements["script"] if elements is not None else tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        if len(script.text) > JSON_LD_MAX_CHARS:
            continue
        data = load_json_ld(script.text)
        if data is not None:
            found.extend(itertools.islice(_entities(data), JSON_LD_MAX_OBJECTS))
        if len(found) >= JSON_LD_MAX_OBJECTS:
            break
    return found[:JSON_LD_MAX_OBJECTS]


def _text(value: object) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    return value if isinstance(value, str) and value.strip() else None


def _name(value: object) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return _text(value.get("name")) if isinstance(value, dict) else _text(value)


# --- the headline -----------------------------------------------------------------------------


def _heading_text(element: HtmlElement) -> str:
    if element.find(".//script") is None and element.find(".//style") is None:
        return element.text_content()
    return "".join(element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]"))


def _unescape(text: str | None) -> str | None:
    """A title escaped twice by its site ("TFC8&amp;reg;") reads as the site meant it."""
    return html.unescape(text) if text and "&" in text else text


def _head_metas_page(tree: HtmlElement, elements: Tagged | None) -> HtmlElement:
    """A page of the <meta> tags of the page's head alone (their attributes), for trafilatura's
    `examine_meta`, which reads the attributes of './/head/meta' and nothing else: it walked the
    whole page twice looking for heads (the parser puts one only under <html>). Same tags, in the
    same order."""
    if elements is None:
        return tree
    page = lxml.html.Element("html")
    head = etree.SubElement(page, "head")
    for meta in elements["meta"]:
        if (parent := meta.getparent()) is not None and parent.tag == "head" and parent.getparent() is tree:
            etree.SubElement(head, "meta", dict(meta.attrib))
    return page


_JSON_TYPES = ("application/ld+json", "application/settings+json")  # the scripts extract_meta_json reads


def _json_scripts_page(tree: HtmlElement, elements: Tagged | None) -> HtmlElement:
    """A page of the page's JSON-LD scripts alone (their type and text), for trafilatura's
    `extract_meta_json`, which reads the text of './/script' of those types and nothing else: its
    XPath walked every element of the page. Same scripts, in the same order."""
    if elements is None:
        return tree
    page = lxml.html.Element("html")
    try:
        for script in elements["script"]:
            if (kind := script.get("type")) in _JSON_TYPES:
                etree.SubElement(page, "script", type=kind).text = script.text
    except ValueError:  # a text lxml's API refuses to set ('&#2;' made a control character): the page
        return tree
    return page


def title_line(tree: HtmlElement) -> str | None:
    element = next((title for head in tree.iterchildren("head") for title in head.iter("title")), None)
    if element is None:
        element = tree.find(".//title")
    return " ".join(element.text_content().split()) or None if element is not None else None


def page_headline(
    tree: HtmlElement, line: str | None, tags: dict[str, str], entities: list[dict], site: SiteName,
    h1s: list[HtmlElement] | None = None,
) -> tuple[str | None, HtmlElement | None]:
    """The headline, and the h1 that prints it (else the page's first h1, where dates stand by).
    `h1s`: the page's h1 elements, when the caller has gathered them."""
    headline = next((_text(e.get("headline")) for e in entities if entity_rank(e) == 0 and e.get("headline")), None)
    references = [_unescape(r) for r in (tags.get("og:title"), tags.get("twitter:title"), headline) if r]
    elements = list(itertools.islice(tree.iter("h1") if h1s is None else h1s, H1_CANDIDATES))
    chosen, index = choose_headline(_unescape(line), references, [_heading_text(h) for h in elements], site)
    element = elements[index] if index is not None else (elements[0] if elements else None)
    if element is None and chosen:
        element = _printed_headline(tree, chosen)
    return _unescape(chosen), element


def _printed_headline(tree: HtmlElement, headline: str) -> HtmlElement | None:
    """On a page without an h1, the element that prints the headline (a styled <p>, an h2): the
    dates stand by it there too."""
    body = tree.find("body")
    key = " ".join(headline.split()).casefold()
    for element in itertools.islice(body.iter() if body is not None else (), PRINTED_HEADLINE_ELEMENTS):
        text = element.text
        if text and isinstance(element.tag, str) and " ".join(text.split()).casefold() == key:
            return element
    return None


def site_names(tags: dict[str, str], entities: list[dict], title_line: str | None) -> list[str]:
    """What the page calls its site: og:site_name, the structured data's site and publisher.
    A name as long as a headline, or the page's whole title, is not one (some pages fill
    og:site_name with the title)."""
    names = [tags.get("og:site_name"), tags.get("application-name")]
    for entity in entities:
        if any(kind in _SITE_TYPES for kind in entity_types(entity)):
            names.append(_text(entity.get("name")))
        elif entity_rank(entity) is not None:
            names.append(_name(entity.get("publisher")))
    names.append(tags.get("twitter:site"))  # a handle: "@site"
    title = " ".join((title_line or "").split())
    names = [n for n in names if n and len(n.split()) <= SITE_NAME_MAX_WORDS and " ".join(n.split()) != title]
    return list(dict.fromkeys(names))[:SITE_NAMES_MAX]


def page_address(tree: HtmlElement, tags: dict[str, str], fetched: str | None) -> str | None:
    """The page's own address: its canonical link, or og:url, else the address it was fetched
    from. A relative one is read against the fetched address (or og:url). `<base href>` is not the page's
    address but where its relative links point (often a CDN or a site's root), so it is never one
    (trafilatura's extract_url takes it when the canonical link is missing)."""
    canonical = next((link for head in tree.iterchildren("head") for link in head.iter("link")
                      if link.get("rel") == "canonical"), None)
    shared = _absolute(tags.get("og:url"), fetched)
    address = _absolute(canonical.get("href") if canonical is not None else None, fetched or shared)
    return address or shared or fetched


def _absolute(address: str | None, fetched: str | None) -> str | None:
    address = (address or "").strip()
    if not address:
        return None
    if address.startswith("//") and not fetched:
        address = "https:" + address  # protocol-relative: only the scheme is missing
    try:
        address = urljoin(fetched, address) if fetched else address
        parts = urlsplit(address)
    except ValueError:
        return None
    return address if parts.scheme in ("http", "https") and parts.hostname else None


def is_home_page(url: str | None) -> bool:
    try:
        return bool(url) and urlsplit(url).path.strip("/") == ""
    except ValueError:
        return False


def guessed_site_name(tree: HtmlElement, headline: str | None) -> str | None:
    """trafilatura's guess from the <title> line, unless what it took is the headline."""
    from trafilatura.metadata import extract_sitename

    guess = extract_sitename(tree)
    if not guess or len(guess.split()) > SITE_NAME_MAX_WORDS:
        return None
    return None if headline and SiteName.of([guess], None).matches(headline) else guess


# --- the whole -----------------------------------------------------------------------------------


_UNREAD = object()  # page_metadata's `address` when the caller has not read it


def page_metadata(
    tree: HtmlElement, url: str | None, read_dates: bool = True, tags: dict[str, str] | None = None,
    address: str | None | object = _UNREAD, elements: Tagged | None = None,
) -> Metadata:
    """What the markup says of the page. `read_dates`: whether the dates the page prints (and
    htmldate's guess) may date it, or only the dates its markup declares (a product's page).
    `tags` and `address`: its meta_tags and page_address, when the caller has read them already
    (the page type reads the address too; reading it again cost 0.2 ms a page); `elements`: its
    dom.page_elements, likewise."""
    from trafilatura import metadata as markup

    document = markup.examine_meta(_head_metas_page(tree, elements))
    try:
        document = markup.extract_meta_json(_json_scripts_page(tree, elements), document)
    except Exception:  # noqa: BLE001 - trafilatura guards its own JSON-LD reader the same way
        pass
    tags = meta_tags(tree, elements) if tags is None else tags
    entities, line = structured_data(tree, elements), title_line(tree)
    page_url = page_address(tree, tags, url) if address is _UNREAD else address
    names = site_names(tags, entities, line)
    if sitename := _str(document.sitename):  # what trafilatura read from the meta tags and structured data
        names += site_names({"og:site_name": sitename}, [], line)
    author = _str(document.author)
    authors = _split_list(author) if author and " " in author else []
    keywords = _split_list(document.tags) + _split_list(document.categories)
    site_of_title = SiteName.of(names, page_url or url)
    site_of_title.home = is_home_page(url or page_url)  # the address fetched, not a canonical that may be the root
    h1s = [h for h in elements["heading"] if h.tag == "h1"] if elements is not None else None
    headline, heading = page_headline(tree, line, tags, entities, site_of_title, h1s)
    dates = page_dates(tree, page_url, tags, entities, heading if read_dates else None, read_dates)
    site = names[0] if names else guessed_site_name(tree, headline)
    return Metadata(
        title=_clean(headline or _str(document.title) or markup.extract_title(tree)),
        authors=authors,
        published=dates.published,
        updated=dates.updated,
        site_name=_clean(site.lstrip("@")) if site else None,
        keywords=list(dict.fromkeys(keywords)),
        url=page_url or url,
        language=declared_language(tree),
    )
