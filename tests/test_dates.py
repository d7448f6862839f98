"""Dates as pages print them, to ISO 8601."""

import pytest

from cleaner.furniture.lexicon import load_lexicon
from cleaner.metadata.dates import hijri_to_gregorian, jalali_to_gregorian, parse_date


@pytest.mark.parametrize(
    "text, iso",
    [
        ("تاريخ النشر: 3rd, February 2025 GMT", "2025-02-03"),
        ("7 ديسمبر 2024آخر تحديث :", "2024-12-07"),
        ("2025-06-13@16:36:57 GMT", "2025-06-13T16:36:57+00:00"),
        ("12 كانون الأول 2023", "2023-12-12"),
        ("٥ شباط ٢٠٢٤", "2024-02-05"),
        ("الأحد 1 أيلول 2024", "2024-09-01"),
        ("۱۷ آذر ۱۴۰۳", "2024-12-07"),
        ("۱۴۰۳/۰۹/۱۷", "2024-12-07"),
        ("1 فروردین 1403", "2024-03-20"),
        ("السبت 1 رمضان 1445 هـ", "2024-03-11"),
        ("15 جمادى الأولى 1446هـ", "2024-11-17"),
        ("Published March 5, 2024 10:30 pm UTC", "2024-03-05T22:30:00+00:00"),
        ("February 3, 2025 10:30 am", "2025-02-03"),  # no zone: the time is not known well enough
        ("2024-03-05T10:00:00+03:00", "2024-03-05T10:00:00+03:00"),
        ("05/03/2024", "2024-03-05"),
        ("3 de febrero de 2025", "2025-02-03"),
        ("12 октября 2023", "2023-10-12"),
        ("no date here 2024", None),
        ("31 February 2024", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text, load_lexicon()) == iso


def test_calendar_conversions():
    assert jalali_to_gregorian(1403, 1, 1).isoformat() == "2024-03-20"
    assert jalali_to_gregorian(1399, 12, 30).isoformat() == "2021-03-20"
    assert hijri_to_gregorian(1445, 9, 1).isoformat() == "2024-03-11"


def test_capture_stamp_is_not_the_publish_date():
    import cleaner

    text = "2025-06-13@16:36:57 GMT\nعنوان الخبر هنا\n" + "نص الخبر الأول يتحدث عن موضوع مهم في المدينة اليوم.\n" * 3
    assert cleaner.clean(text).published is None
