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
