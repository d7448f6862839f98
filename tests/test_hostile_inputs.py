"""Hostile pages and texts through the library (the adversarial audit of 30 Nov): each is cleaned,
or fails with an InputError naming it, never a CleaningError (a fault of ours)."""

from __future__ import annotations

import pytest

import cleaner
import cleaner.api

from conftest import FIXTURES

GOOD_PAGE = FIXTURES / "html" / "en_article.html"
GOOD_TEXT = FIXTURES / "text" / "en_plain.txt"


@pytest.mark.parametrize("charset", ["idna", "punycode", "utf-7"])
def test_a_page_declaring_a_codec_no_page_is_written_in_is_read_as_utf8(charset):
    page = GOOD_PAGE.read_text().replace("<head>", f'<head><meta charset="{charset}">', 1)
    assert f'charset="{charset}"' in page
    record = cleaner.clean(page.encode("utf-8"), name="odd.html")
    assert record.text == cleaner.clean(GOOD_PAGE.read_bytes()).text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_saved_without_its_bom_is_read_not_refused_as_binary(encoding):
    page = GOOD_PAGE.read_text()
    expected = cleaner.clean(page).text
    record = cleaner.clean(page.encode(encoding), name="wide.html")  # auto mode sees the markup too
    assert record.text == expected and record.warnings == []
    arabic = (FIXTURES / "text" / "ar_furniture.txt").read_text()
    assert cleaner.clean(arabic.encode(encoding), mode="text").text == cleaner.clean(arabic, mode="text").text


def test_random_bytes_with_nuls_are_still_binary():
    noise = bytes((n * 7919) % 251 for n in range(5000))
    with pytest.raises(cleaner.errors.BinaryInput):
        cleaner.clean(noise, name="noise.html")


def test_a_library_that_swallows_the_time_limit_still_gives_a_timeout(monkeypatch):
    def stubborn(*args, **kwargs):
        try:
            while True:
                pass
        except:  # noqa: E722 - as langdetect's profile loader does
            raise ValueError("Profile format error") from None

    monkeypatch.setattr(cleaner.api, "classify", stubborn)
    with pytest.raises(cleaner.InputTimeout, match="slow.txt: took more than 0.5 s to clean"):
        cleaner.clean(GOOD_TEXT.read_bytes(), name="slow.txt", limits=cleaner.Limits(max_seconds=0.5))


@pytest.mark.parametrize("day", ["2024-13-45", "0000-00-00", "2023-02-29", "١٤٤٥-٠٩-٠١"])
def test_a_date_no_calendar_has_is_not_the_records_publication_date(day):
    page = GOOD_PAGE.read_text().replace("<head>", f'<head><meta property="article:published_time" content="{day}">'
                                         '<script type="application/ld+json">{"@type": "NewsArticle", '
                                         f'"datePublished": "{day}", "dateModified": "{day}"}}</script>', 1)
    record = cleaner.clean(page, name="odd-date.html")
    assert record.published != day and record.updated != day
    assert record.published is None or record.published[:4].isascii()
