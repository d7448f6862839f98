"""HTML mode on news articles: what precision mode drops that the page shows is the story's."""

from __future__ import annotations

import cleaner

STANDFIRST = (
    "Rain, storms and snow on the hills are forecast for the centre and the south today, while the north "
    "stays dry and mild under a ridge of high pressure."
)
BODY = [
    "A cold front from the Arctic is about to cross the country, driven by a north-westerly wind that will "
    "turn northerly by the evening. It will pass over the Alps and leave the northern plain untouched.",
    "The weather service expects the first showers on the eastern coast in the early afternoon, spreading "
    "inland towards the mountains, where snow will fall above fourteen hundred metres by the night.",
    "Ferries to the islands may be delayed on Thursday morning, when the wind is due to peak along the "
    "southern coast. Port authorities advise travellers to check their departure before leaving home.",
    "Temperatures will drop by six to eight degrees in the centre, but the north will keep the unusually "
    "mild air of the last week, with afternoon highs close to sixteen degrees in the large cities.",
    "Forecasters say the cold spell will not last: a new ridge of high pressure should bring sunshine back "
    "to the whole peninsula by Saturday, with temperatures rising again towards the seasonal average.",
]


def _news_page(description: str = STANDFIRST, lead: str = STANDFIRST, related: str = "") -> str:
    """A newspaper's article page: the headline and its standfirst in the article's <header>, the
    standfirst also in the page's description meta tags, then the story."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        "<html><head><title>Polar front brings rain to the centre and south - The Daily Courier</title>"
        f'<meta name="description" content="{description}"><meta property="og:type" content="article">'
        f'<meta property="og:description" content="{description}"></head><body>'
        '<nav class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/weather">Weather</a></nav>'
        '<main><article class="story"><header class="story__header">'
        "<h1>Polar front brings rain to the centre and south</h1>"
        f'<p class="story__standfirst">{lead}</p>'
        '<span class="byline">By Anna Ricci</span></header>'
        f'<div class="story__body">{paragraphs}</div></article>{related}</main>'
        "<footer><p>© 2024 The Daily Courier. All rights reserved.</p></footer></body></html>"
    )


def test_the_standfirst_in_the_articles_header_stays_above_the_body():
    record = cleaner.clean(_news_page(), mode="html")
    assert record.page_type == "article"
    assert record.text.startswith(STANDFIRST + "\n\n" + BODY[0])
    assert any("standfirst" in e for e in record.page_type_evidence)


def test_a_description_the_page_does_not_print_adds_nothing():
    record = cleaner.clean(_news_page(lead="Weather: all you need to know this week."), mode="html")
    assert STANDFIRST not in record.text
    assert record.text.startswith(BODY[0])


def test_a_description_shown_only_as_a_link_adds_nothing():
    """A teaser of this very story in a list of links is no lead printed above it."""
    teaser = f'<ul class="most-read"><li><a href="/weather/polar-front">{STANDFIRST}</a></li></ul>'
    record = cleaner.clean(_news_page(lead="", related=teaser), mode="html")
    assert STANDFIRST not in record.text


def test_a_standfirst_the_first_paragraph_restates_is_not_added():
    """Agencies open the story with the summary again, dateline first: the lead would be said twice."""
    restated = "ROME, 19 Feb - " + STANDFIRST.replace("today, while", "today, the weather service said, while")
    page = _news_page().replace(f"<p>{BODY[0]}</p>", f"<p>{restated}</p>")
    record = cleaner.clean(page, mode="html")
    assert STANDFIRST not in record.text
    assert record.text.startswith(restated)


LONG_STANDFIRST = (
    STANDFIRST + " Forecasters warn of gusts above ninety kilometres an hour on the coast, of flooded "
    "underpasses in the lowlands and of black ice on the mountain passes once the sky clears at night."
)


def _dated(page: str) -> str:
    """The page with its NewsArticle's JSON-LD: headline and date."""
    json_ld = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
        '"headline": "Polar front brings rain to the centre and south", "datePublished": "2024-02-19"}'
        "</script></head>"
    )
    return page.replace("</head>", json_ld, 1)


def test_a_description_cut_to_a_search_engines_length_names_the_long_standfirst_it_opens():
    """The meta tags hold the lead's first 120 characters and '...' (a third of it): the lead is the standfirst."""
    cut = LONG_STANDFIRST[:120].rsplit(" ", 1)[0] + " ..."
    record = cleaner.clean(_dated(_news_page(description=cut, lead=LONG_STANDFIRST)), mode="html")
    assert record.text.startswith(LONG_STANDFIRST + "\n\n" + BODY[0])
    assert any("standfirst" in e for e in record.page_type_evidence)


def test_a_description_cut_short_with_a_mark_of_omission_names_the_paragraph_it_opens():
    """A site's description is its lead's first sentence and '(...)': the lead printed whole is the standfirst."""
    cut = STANDFIRST.split(", while")[0] + " (...)"
    record = cleaner.clean(_dated(_news_page(description=cut, lead=LONG_STANDFIRST)), mode="html")
    assert record.text.startswith(LONG_STANDFIRST + "\n\n" + BODY[0])
    assert any("standfirst" in e for e in record.page_type_evidence)


def test_a_shorter_description_not_cut_short_names_no_longer_paragraph():
    """A description that merely opens a longer paragraph (no mark of omission) is not that paragraph."""
    opening = STANDFIRST.split(", while")[0] + "."
    record = cleaner.clean(_dated(_news_page(description=opening, lead=LONG_STANDFIRST)), mode="html")
    assert LONG_STANDFIRST not in record.text
    assert record.text.startswith(BODY[0])


GUIDE = [
    "Hot-swap keyboards let you change a switch without a soldering iron, and that changes how people choose "
    "and keep their boards over the years.",
    "Before hot-swap sockets became common, every switch was soldered to the circuit board, and a single failed "
    "switch meant an afternoon of careful repair work.",
    "Today most mid-range boards ship with sockets, and the choice of switch has become a matter of taste that a "
    "reader can revisit at any time.",
]
COMPARISON = [
    "Fixed switches: the switches that came with the keyboard were permanent, whether or not you liked how they felt.",
    "Difficult repairs: a switch that chattered or stopped working had to be unsoldered and replaced by hand.",
    "Effortless swapping: a simple puller tool takes a switch out and a new one clicks into the socket.",
    "Easy repairs: a failed switch is replaced in a minute, which extends the life of the whole keyboard.",
]
CLOSING = [
    "Which switch suits you depends on what you type and play, and the only way to know is to try several of "
    "them for a week each.",
    "Linear switches feel smooth for fast games, tactile ones give a bump that many writers prefer, and clicky "
    "ones add a sound some offices will not welcome.",
]
READERS = [
    "Great write-up, I moved to a hot-swap board last year and never looked back at soldered ones again.",
    "I still prefer my old soldered board, it feels more solid to me than any of the newer ones I have tried.",
    "Does anyone know whether the sockets wear out after many swaps, or is that only a myth people repeat?",
]


def _guide_page(middle: str = "", end: str = "") -> str:
    """A blog's dated article; boxed parts (a bordered box, which precision mode drops) in its middle or at
    its end. (Undated, the page shows nothing of a story and is read as a landing page: test_html_page_kinds.)"""
    return (
        "<html><head><title>Why hot-swap keyboards matter</title><meta property='og:type' content='article'>"
        "<meta property='article:published_time' content='2025-02-11T08:00:00Z'></head>"
        "<body><nav><a href='/'>Home</a> <a href='/guides'>Guides</a></nav><article class='post'>"
        "<h1>Why hot-swap keyboards matter</h1>" + "".join(f"<p>{t}</p>" for t in GUIDE) + middle
        + "".join(f"<p>{t}</p>" for t in CLOSING) + end
        + "</article><footer><p>© 2025 Keyboard Notes</p></footer></body></html>"
    )


def _box(items: list[str], heading: str) -> str:
    entries = "".join(f"<li>{t}</li>" for t in items)
    return f"<h2>{heading}</h2><div class='panel' style='border: 1px solid #ccc'><ul>{entries}</ul></div>"


def test_a_section_precision_mode_drops_inside_an_article_comes_back():
    record = cleaner.clean(_guide_page(middle=_box(COMPARISON, "Soldered boards against hot-swap boards")), mode="html")
    for line in COMPARISON:
        assert line in record.text
    assert record.text.index(GUIDE[-1]) < record.text.index(COMPARISON[0]) < record.text.index(CLOSING[0])


def test_what_precision_mode_drops_after_an_article_stays_out():
    """The default focus keeps the readers' notes under the article too: they follow it, they do not
    interrupt it."""
    record = cleaner.clean(_guide_page(end=_box(READERS, "Readers write")), mode="html")
    assert record.text.startswith(GUIDE[0]) and record.text.endswith(CLOSING[-1])
    assert not any(line in record.text for line in READERS)


def test_a_wrapper_named_for_commenting_is_not_a_comment_thread():
    """A page wrapped in an element whose class opens with 'comment' ('commenting-enabled': readers
    may comment on it) holds the story and its thread: the thread goes, the story stays."""
    from conftest import FIXTURES

    page = (FIXTURES / "html" / "article_in_commenting_wrapper.html").read_text(encoding="utf-8")
    record = cleaner.clean(page, mode="html")
    assert record.page_type == "article"
    paragraphs = record.text.split("\n\n")
    assert paragraphs[0].startswith("The central library will stay open on Sunday afternoons")
    assert paragraphs[-1].startswith("A decision on keeping the Sunday hours for good")
    assert len(paragraphs) == 4
    assert "story time" not in record.text
