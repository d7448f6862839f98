"""Text mode's title on a whole page: the headline printed above the body when it agrees with the
page's <title> line (the scraper's first line), else that line without the site's name."""

from __future__ import annotations

import cleaner

from conftest import FIXTURES

PAGES = FIXTURES / "pages"


def clean_page(name: str) -> cleaner.Record:
    return cleaner.clean((PAGES / f"{name}.txt").read_text(encoding="utf-8"), mode="text")


def test_a_disclosure_line_above_the_body_is_not_the_title():
    record = clean_page("en_blog_menus_comments")
    assert record.title == "Simple Hiking Survival Kit (with Kids)"  # "... - The Anti-June Cleaver"
    removed = {r.text: (r.kind, r.reason) for r in record.removed}
    disclosure = next(t for t in removed if t.startswith("This shop has been compensated"))
    assert removed[disclosure] == ("other", "next to the title, not the page's headline")
    assert disclosure not in record.text


def test_the_headline_printed_above_the_body_stays_the_title():
    assert clean_page("ru_article_sidebar").title == "Диета Аткинса - потеря веса до 10 килограмм за 14 дней"
    assert clean_page("ja_blog_unspaced").title == "商品の改造が商標法違反に！？"


FOOTPATH_STORY = (
    "The council met on Tuesday evening and voted to widen the footpath along the river, after three "
    "years of complaints from the people who walk there every morning.",
    "Work starts in the spring and should take four months, the council's engineer said, and the path "
    "will stay open while the work lasts.",
    "Residents who had asked for the change welcomed the vote, though some said the money would have "
    "been better spent on the bridge.",
)


def test_a_page_whose_headline_line_is_missing_takes_its_title_line():
    header = ["Council widens the river footpath | The Courier", "Home", "News", "Sport", "Opinion", "Weather",
              "Contact", "Subscribe"]
    body = list(FOOTPATH_STORY)
    footer = ["Most read", *(f"Headline number {n} of the day" for n in range(1, 21)),
              "About us", "Privacy", "Terms", "Advertise", "Careers", "Contact us"]
    record = cleaner.clean("\n".join(header + body + footer), mode="text")
    assert record.title == "Council widens the river footpath"
    assert record.text == "\n\n".join(body)
    assert (record.removed[0].kind, record.removed[0].text) == ("title", header[0])


def test_a_byline_naming_the_site_is_not_the_headline():
    # "By The Courier staff" repeats the '| The Courier' part of the <title>, nearer the body
    header = ["Council widens the river footpath | The Courier", "Home", "News", "Sport", "Opinion", "Weather",
              "Contact", "Subscribe", "Council widens the river footpath", "By The Courier staff"]
    body = list(FOOTPATH_STORY)
    footer = ["Most read", *(f"Headline number {n} of the day" for n in range(1, 21)), "About us", "Privacy"]
    record = cleaner.clean("\n".join(header + body + footer), mode="text")
    assert record.title == "Council widens the river footpath"
    assert record.layout[8:10] == "tr"  # the headline line is the title; the byline goes, as a byline
    assert [(r.kind, r.text) for r in record.removed if r.text.startswith("By ")] == [("byline", header[9])]
    assert record.text == "\n\n".join(body)
