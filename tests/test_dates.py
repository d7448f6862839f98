"""Dates as pages print them, to ISO 8601."""

import pytest

from cleaner.furniture.lexicon import Lexicon, load_lexicon
from cleaner.metadata.dates import find_dates, hijri_to_gregorian, jalali_to_gregorian, parse_date, to_ascii_digits


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
        ("2024年12月7日 10:30", "2024-12-07"),
        ("發布時間：2024年12月7日", "2024-12-07"),
        ("令和6年12月7日", "2024-12-07"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成31年4月30日", "2019-04-30"),
        ("입력 2024년 12월 7일 오전 10:30", "2024-12-07"),
        ("입력 2024. 12. 7. 10:30", "2024-12-07"),
        ("7 ธันวาคม 2567", "2024-12-07"),
        ("๗ ธ.ค. ๒๕๖๗", "2024-12-07"),
        ("7 Δεκεμβρίου 2024", "2024-12-07"),
        ("ΣΑΒΒΑΤΟ 7 ΔΕΚΕΜΒΡΙΟΥ 2024", "2024-12-07"),
        ("sobota, 7 grudnia 2024 r.", "2024-12-07"),
        ("7 грудня 2024", "2024-12-07"),
        ("7 בדצמבר 2024", "2024-12-07"),
        ("Thứ bảy, ngày 7 tháng 12 năm 2024", "2024-12-07"),
        ("७ दिसंबर २०२४", "2024-12-07"),
        ("৭ ডিসেম্বর ২০২৪", "2024-12-07"),
        ("7 dicembre 2024", "2024-12-07"),
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
    assert hijri_to_gregorian(1446, 6, 6).isoformat() == "2024-12-07"  # Umm al-Qura


def test_a_hijri_year_the_calendar_does_not_cover_is_no_date():
    assert parse_date("1 رمضان 1200 هـ", load_lexicon()) is None


def test_capture_stamp_is_not_the_publish_date():
    import cleaner

    text = "2025-06-13@16:36:57 GMT\nعنوان الخبر هنا\n" + "نص الخبر الأول يتحدث عن موضوع مهم في المدينة اليوم.\n" * 3
    assert cleaner.clean(text).published is None


def test_digits_of_every_set_read_as_ascii_and_other_text_left_as_it_is():
    line = "نشر في ٢٠٢٤/۰۳/०५، ساعت ১০:৩০ — ๑๒ 月 ０９ 日 and 7 more"
    assert to_ascii_digits(line) == "نشر في 2024/03/05، ساعت 10:30 — 12 月 09 日 and 7 more"
    plain = "انتشار: اسفند، بدون رقم"
    assert to_ascii_digits(plain) is plain  # the same string: its fold is the one made already


def test_a_month_a_rules_file_adds_after_dates_were_read_is_read():
    """The month patterns are kept per lexicon: one extended later (a user's rules file) reads its new names."""
    lexicon = Lexicon()
    lexicon.add_file({"language": "xx", "months": {"gregorian": {"januar": 1}}}, "first.toml")
    assert [d.value for d in find_dates("5 januar 2024", lexicon)] == ["2024-01-05"]
    assert find_dates("5 febru 2024", lexicon) == []
    lexicon.add_file({"language": "xx", "months": {"gregorian": {"febru": 2}}}, "second.toml")
    assert [d.value for d in find_dates("5 febru 2024", lexicon)] == ["2024-02-05"]
