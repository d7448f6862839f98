"""HTML mode's title and dates: the headline a reader sees, and the day the page was published."""

from __future__ import annotations

import pytest

import cleaner

from conftest import FIXTURES

PRODUCT = FIXTURES / "html" / "product_dated_reviews.html"

BODY = (
    "<p>The council met on Tuesday evening and voted to widen the footpath along the river, "
    "after three years of complaints from the people who walk there every morning.</p>"
    "<p>Work starts in the spring and should take four months, the council's engineer said.</p>"
)


def page(head: str, body: str = "", *, url: str | None = "https://www.example.org/news/2024/footpath") -> cleaner.Record:
    html = f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>{body}{BODY}</body></html>"
    return cleaner.clean(html.encode("utf-8"), mode="html", url=url)


@pytest.mark.parametrize(
    "head, body, title",
    [
        # the site's name, as og:site_name or the host gives it, goes from the end of the <title>
        ("<title>Council widens the river footpath | The Riverside Courier</title>"
         "<meta property='og:site_name' content='The Riverside Courier'>", "", "Council widens the river footpath"),
        ("<title>Council widens the river footpath - Example.org</title>", "", "Council widens the river footpath"),
        # the headline comes first: "Headline - Section - Site"
        ("<title>Council widens the river footpath – Local – The Courier</title>"
         "<meta property='og:site_name' content='The Courier'>", "", "Council widens the river footpath"),
        # "Site: Headline", when og:title says which part is the headline
        ("<title>The Courier: Council widens the river footpath</title>"
         "<meta property='og:site_name' content='The Courier'>"
         "<meta property='og:title' content='Council widens the river footpath'>", "",
         "Council widens the river footpath"),
        # the h1 a reader sees, when it agrees with the <title>
        ("<title>Best footpaths in the city for 2024: our picks | The Courier</title>"
         "<meta property='og:site_name' content='The Courier'>",
         "<h1>The best footpaths in the city for 2024</h1>", "The best footpaths in the city for 2024"),
        # ... and not when it says something else (a slogan, a product's section)
        ("<title>Footpath repairs | The Courier</title><meta property='og:site_name' content='The Courier'>",
         "<h1>Walk with us</h1>", "Footpath repairs"),
        # an h1 that is the logo or a section, not the headline
        ("<title>Council widens the river footpath | The Courier</title>"
         "<meta property='og:site_name' content='The Courier'>",
         "<h1>The Courier</h1>", "Council widens the river footpath"),
        ("<title>Ownership rules - The Example Handbook</title>",
         "<h1>The Example Handbook</h1>", "Ownership rules"),
        # a question page: "tag - Question - Site", the h1 is the question
        ("<title>footpaths - Who pays to widen a footpath? - Ask Example</title>",
         "<h1>Who pays to widen a footpath?</h1>", "Who pays to widen a footpath?"),
        # a title written with underscores between Chinese words and the site's channels
        ("<title>河边步道将拓宽_本地新闻_示例网</title>", "", "河边步道将拓宽"),
        # a permalink mark after a documentation heading is not part of it
        ("<title>Footpaths — Example documentation</title>", "<h1>Footpaths¶</h1>", "Footpaths"),
    ],
)
def test_title_is_the_headline(head, body, title):
    assert page(head, body).title == title


def test_a_title_line_that_only_names_the_site_gives_way_to_the_h1():
    head = "<title>Example Forum - The heart of the footpath debate</title><meta property='og:site_name' content='Example Forum'>"
    assert page(head, "<h1>Who pays to widen a footpath?</h1>").title == "Who pays to widen a footpath?"
    assert page(head).title == "Example Forum"  # with nothing better on the page, the site's own name


def test_a_sites_home_page_keeps_its_name():
    head = "<title>The Courier | Local news, sport and opinion</title><meta property='og:site_name' content='The Courier'>"
    assert page(head, url="https://www.example.org/").title == "The Courier | Local news, sport and opinion"


def test_site_name_is_not_the_title_a_page_put_in_og_site_name():
    head = ("<title>Council widens the river footpath</title>"
            "<meta property='og:site_name' content='Council widens the river footpath'>")
    record = page(head)
    assert record.title == "Council widens the river footpath"
    assert record.site_name is None


ARTICLE_LD = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
    '{"@type": "WebSite", "name": "The Courier"},'
    '{"@type": "NewsArticle", "headline": "Council widens the river footpath",'
    ' "datePublished": "2024-03-05T09:00:00+00:00", "dateModified": "2024-06-01T12:00:00+00:00"}]}</script>'
)


def test_published_is_the_articles_publication_not_its_modification():
    record = page("<title>Council widens the river footpath</title>"
                  "<meta property='article:modified_time' content='2024-06-01T12:00:00+00:00'>" + ARTICLE_LD)
    assert (record.published, record.updated) == ("2024-03-05", "2024-06-01")


def test_a_page_that_only_says_when_it_was_updated_is_dated_by_that_update():
    # no publication named anywhere: the version a reader sees is the one of the update
    record = page("<title>Council widens the river footpath</title>",
                  "<h1>Council widens the river footpath</h1><p>Last updated: June 1, 2024</p>")
    assert (record.published, record.updated) == ("2024-06-01", "2024-06-01")


def test_an_update_line_far_below_the_headline_dates_a_page_that_names_no_publication():
    # a park's page of sections: its only date is the "Last updated" line under the last one,
    # beyond where the headline's dates are read; the furniture finds it, and it dates the page
    views = ["Half Dome from the west", "Glacier Point at dawn", "El Capitan's meadow", "Tuolumne Meadows",
             "the valley floor", "the east entrance", "the south entrance", "the high country road",
             "the visitor centre", "Sentinel Dome", "the old lodge", "the upper falls", "the Merced river", "Crane Flat",
             "the north rim", "the campground", "the tunnel view", "the lower falls", "the pine forest",
             "the western gate", "Mirror Lake", "the ski hut"]
    sections = "".join(
        f"<h2>Camera {i + 1}</h2><p>The camera looking at {view} sends a picture every "
        f"{i + 2} minutes, and the rangers clean its lens on their round {'each week' if i % 2 else 'each month'}.</p>"
        for i, view in enumerate(views))
    html = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Webcams - Valley Park</title></head>"
            f"<body><main><h1>Webcams</h1>{sections}<p>Last updated: November 13, 2025</p></main></body></html>")
    record = cleaner.clean(html.encode("utf-8"), mode="html", url="https://www.example.gov/valley/learn/webcams.htm")
    assert (record.published, record.updated) == ("2025-11-13", "2025-11-13")


def test_a_structured_date_in_no_iso_shape_gives_way_to_the_printed_one():
    # "Jun 24, 2025" in datePublished is a template's build day more often than the article's
    head = ("<title>Council widens the river footpath</title><script type='application/ld+json'>"
            '{"@type": "Article", "datePublished": "Jun 24, 2025", "dateModified": "Jun 24, 2025"}</script>')
    assert page(head, "<h1>Council widens the river footpath</h1><p>August 25, 2024</p>").published == "2024-08-25"
    assert page(head, "<h1>Council widens the river footpath</h1>").published == "2025-06-24"


def test_a_time_element_printing_its_own_local_day_beats_the_markups_utc_day():
    head = ("<title>Council widens the river footpath</title>"
            "<meta property='article:published_time' content='2025-12-19T03:05:00+00:00'>")
    body = "<h1>Council widens the river footpath</h1><time datetime='2025-12-18T19:05:00-08:00'>December 18, 2025</time>"
    assert page(head, body).published == "2025-12-18"


def test_a_time_elements_utc_stamp_gives_way_to_the_day_it_prints():
    # posted at 20:13 in New York: the <time> stamps the next day in UTC, and prints its own
    body = ("<h1>Council widens the river footpath</h1>"
            "<span><time datetime='2026-02-24T04:13:00Z'>February 23, 2026</time></span>")
    assert page("<title>Council widens the river footpath</title>", body).published == "2026-02-23"
    # a stamp in the page's own zone states its day itself: the text, printed in the zone of
    # whoever fetched the page, shows the next
    body = ("<h1>Who pays to widen a footpath?</h1>"
            "<time datetime='2024-01-14T21:50:50-0500' title='Jan 14, 2024 at 9:50 PM'>Jan 15, 2024</time>")
    assert page("<title>Who pays to widen a footpath? - Example Forum</title>", body).published == "2024-01-14"


def test_the_markups_utc_instant_is_dated_by_the_pages_own_zone():
    # a thread started at 04:25 in Karachi: the structured data gives that moment in UTC, the
    # evening before; the <time> by the headline states it in the page's zone ("Yesterday at 4:25 AM")
    head = ("<title>Who pays to widen a footpath? - Example Forum</title><script type='application/ld+json'>"
            '{"@type": "DiscussionForumPosting", "datePublished": "2025-12-18T23:25:38+00:00"}</script>')
    body = ("<h1>Who pays to widen a footpath?</h1><p>Started by <a href='/members/ali'>Ali</a> "
            "<time datetime='2025-12-19T04:25:38+0500' title='Dec 19, 2025 at 4:25 AM'>Yesterday at 4:25 AM</time></p>")
    assert page(head, body).published == "2025-12-19"
    # another moment than the markup's (a reply's): the markup's day stays
    later = body.replace("04:25:38+0500", "09:47:17+0500")
    assert page(head, later).published == "2025-12-18"


def test_the_markups_day_stays_when_the_page_prints_it_among_later_replies():
    head = ("<title>Who pays to widen a footpath? - Example Forum</title>"
            "<meta property='article:published_time' content='2024-01-28T15:36:55+00:00'>"
            "<meta name='datemodified' content='2024-01-28T15:36:55Z'>")
    body = ("<h1>Who pays to widen a footpath?</h1>"
            "<time datetime='2024-01-28T15:36:55Z'>January 28, 2024, 3:36pm</time>"
            "<time datetime='2024-01-29T06:17:12Z'>January 29, 2024, 6:17am</time>")
    assert page(head, body).published == "2024-01-28"


def test_a_date_in_another_month_than_the_address_gives_way_to_one_in_that_month():
    # "Originally published" a story of June; the address and the date by the byline say December
    body = "<h1>Council widens the river footpath</h1><p>December 20, 2025</p><p>Published: June 17, 2025</p>"
    record = page("<title>Council widens the river footpath</title>", body,
                  url="https://www.example.org/2025/12/footpath")
    assert record.published == "2025-12-20"
    assert page("<title>Council widens the river footpath</title>", body,
                url="https://www.example.org/t/2024-4-4-footpath").published == "2025-06-17"  # a version, no date


def test_the_date_by_a_headline_printed_in_no_h1():
    body = "<p class='hero'>Council widens the river footpath</p><p>Jane Doe</p><p>Feb 16, 2026</p>"
    assert page("<title>Council widens the river footpath | The Courier</title>", body).published == "2026-02-16"


def test_date_printed_under_the_headline_not_a_members_join_date():
    body = ("<h1>Who pays to widen a footpath?</h1><div>Joined:</div><div>4 July 2012</div>"
            "<div>Posted</div><time datetime='2024-09-11T18:36:00Z'>11 Sep 2024</time>")
    assert page("<title>Who pays to widen a footpath? - Example Forum</title>", body).published == "2024-09-11"


def test_the_day_the_page_prints_over_the_markups_utc_day():
    # published at 21:30 in New York: the markup says the next day in UTC; the page prints its own
    head = ("<title>Council widens the river footpath</title>"
            "<meta property='article:published_time' content='2024-03-06T02:30:00+00:00'>")
    body = "<h1>Council widens the river footpath</h1><p>March 5, 2024</p>"
    assert page(head, body).published == "2024-03-05"


def test_a_date_above_the_headline():
    body = "<div>News | March 5, 2024</div><h1>Council widens the river footpath</h1>"
    record = page("<title>Council widens the river footpath</title>", body,
                  url="https://www.example.org/news/2023/11/20/footpath-plans")
    assert record.published == "2024-03-05"


def test_a_byline_with_the_date_in_it():
    # the byline's date, not the one in the address of a story first filed under another date
    body = "<h1>Council widens the river footpath</h1><p>By Jane Doe - 2024-03-05<br>Updated: 2024-06-01</p>"
    record = page("<title>Council widens the river footpath</title>", body,
                  url="https://www.example.org/news/2023/11/20/footpath-plans")
    assert (record.published, record.updated) == ("2024-03-05", "2024-06-01")


@pytest.mark.parametrize("where", ["after", "before"])
def test_a_script_inside_the_h1_is_not_part_of_the_title(where):
    script = "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({slot: 'ad'});</script>"
    h1 = f"<h1>{script}Council widens the river footpath</h1>" if where == "before" else \
        f"<h1>Council widens the river footpath{script}</h1>"
    assert page("", h1).title == "Council widens the river footpath"
    assert page("<title>Council widens the river footpath | The Courier</title>", h1).title == \
        "Council widens the river footpath"


@pytest.mark.parametrize(
    "head, fetched, address",
    [
        # <base href> points the page's relative links elsewhere: it is not the page's address
        ("<base href='https://cdn.example.net/static/'>", None, None),
        ("<base href='https://cdn.example.net/static/'>", "https://www.example.org/news/footpath",
         "https://www.example.org/news/footpath"),
        ("<base href='https://cdn.example.net/static/'><meta property='og:url' content='https://www.example.org/n/1'>",
         None, "https://www.example.org/n/1"),
        # a relative canonical link is read against og:url, not against <base>
        ("<base href='https://cdn.example.net/static/'><link rel='canonical' href='/news/footpath'>"
         "<meta property='og:url' content='https://www.example.org/n/1'>", None, "https://www.example.org/news/footpath"),
    ],
)
def test_the_records_address_is_the_pages_own_never_its_base(head, fetched, address):
    assert page("<title>Council widens the river footpath</title>" + head, url=fetched).url == address


def test_a_product_page_is_not_dated_by_the_answers_it_prints():
    """A shop's page sells a thing; 'Answered on 14 March 2025' dates a customer's question."""
    html = PRODUCT.read_bytes()
    record = cleaner.clean(html, mode="html", url="https://www.tarnsupply.example/p/stormline-rain-jacket")
    assert record.page_type == "product"
    assert (record.published, record.updated) == (None, None)
    assert "Pit zips let the heat out on a climb" in record.text


def test_a_product_page_keeps_the_date_its_markup_declares():
    html = PRODUCT.read_text(encoding="utf-8").replace(
        "<title>", "<meta property='article:published_time' content='2024-10-01T09:00:00+00:00'><title>"
    )
    record = cleaner.clean(html.encode("utf-8"), mode="html", url="https://www.tarnsupply.example/p/stormline")
    assert (record.page_type, record.published) == ("product", "2024-10-01")
