"""Agency sign-offs: end-of-story markers and codes, story numbers, counters, contact and print lines."""

from __future__ import annotations

import pytest

import cleaner

from conftest import FIXTURES

EXPECTED = {
    "fa_agency_signoffs": {
        "کد خبر: ۱۴۰۳۰۹۱۷۰۰۰۴۵۶": "story_code",
        "تعداد بازدید: ۲۴۱۷": "other",
        "زمان مطالعه: ۲ دقیقه": "other",
        "عکاس: مریم احمدی": "byline",
        "انتهای پیام/ ح": "end_marker",
        "ارتباط با نویسنده: reporter@example.ir": "contact",
        "این گزارش در روزنامه امروز صفحه ۵ منتشر شده است": "print_edition",
    },
    "ar_agency_signoffs": {
        "١٢٥٨٠ مشاهدة": "other",
        "٣ دقائق قراءة": "other",
        "//انتهى// 14:05 ت م": "end_marker",
        "للتواصل مع الكاتب: writer@example.com": "contact",
        "نشر في النسخة الورقية بالعدد ١٨٤٢٥": "print_edition",
        "لمزيد من التفاصيل اضغط هنا": "read_also",
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sign_off_line_goes_with_its_kind_and_the_story_stays(name):
    text = (FIXTURES / "signoffs" / f"{name}.txt").read_text(encoding="utf-8")
    record = cleaner.clean(text, mode="text")
    assert {r.text: r.kind for r in record.removed if r.text in EXPECTED[name]} == EXPECTED[name]
    story = [line for line in text.splitlines()[1:] if line not in EXPECTED[name]]
    assert record.text.split("\n\n") == story


@pytest.mark.parametrize("line", [
    "انتهى الاجتماع دون اتفاق بين الطرفين على موعد الجولة المقبلة.",  # 'ended' opening a sentence
    "للتواصل مع الجمهور، أطلقت الوزارة منصة إلكترونية جديدة تتيح تقديم الشكاوى على مدار الساعة.",
    "ادامه این روند به کاهش تورم در ماه‌های آینده کمک خواهد کرد.",  # 'ادامه' opening a sentence
])
def test_sign_off_words_opening_a_sentence_are_left_alone(line):
    text = "عنوان الخبر هنا\n" + "هذه فقرة أولى من الخبر تتحدث عن موضوع مهم في المدينة اليوم.\n" + line + "\n"
    assert line in cleaner.clean(text, mode="text").text
