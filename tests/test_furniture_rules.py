"""Each furniture rule, and the body lines that look like furniture but are not."""

import pytest

import cleaner

LEAD = {
    "ar": ("عنوان الخبر عن افتتاح المكتبة", "افتتحت المدينة اليوم مكتبة عامة جديدة تضم أكثر من مئة ألف كتاب في مختلف المجالات."),
    "fa": ("عنوان خبر درباره افتتاح کتابخانه", "شهر امروز کتابخانه عمومی تازه‌ای با بیش از صد هزار جلد کتاب در رشته‌های گوناگون افتتاح کرد."),
    "en": ("City opens a new public library", "The city opened a new public library today with more than a hundred thousand books."),
}
TAIL = {
    "ar": "وقال رئيس البلدية إن المكتبة ستفتح أبوابها يوميا من التاسعة صباحا حتى التاسعة مساء.",
    "fa": "شهردار گفت که این کتابخانه هر روز از ساعت نه صبح تا نه شب باز خواهد بود.",
    "en": "The mayor said the library will open every day from nine in the morning until nine at night.",
}
FURNITURE = {
    ("ar", "share"): "طباعة شارك فيسبوك",
    ("fa", "share"): "اشتراک گذاری چاپ",
    ("en", "share"): "Share on Facebook Twitter Email",
    ("ar", "tags"): "كلمات دلالية: مكتبة، ثقافة",
    ("fa", "tags"): "برچسب ها: کتابخانه، فرهنگ",
    ("en", "tags"): "Tags: library, culture",
    ("ar", "source"): "المصدر: وكالة الأنباء",
    ("fa", "source"): "منبع: خبرگزاری ایسنا",
    ("en", "source"): "Source: Associated Press",
    ("ar", "date"): "تاريخ النشر: 3 مارس 2024",
    ("fa", "date"): "تاریخ انتشار: ۱۳ اسفند ۱۴۰۲",
    ("en", "date"): "Published: 3 March 2024",
    ("ar", "byline"): "بقلم: أحمد علي",
    ("fa", "byline"): "نویسنده: مریم احمدی",
    ("en", "byline"): "By Jane Doe",
    ("ar", "ad"): "إعلان",
    ("fa", "ad"): "تبلیغات",
    ("en", "ad"): "Advertisement",
    ("ar", "footer"): "جميع الحقوق محفوظة 2024",
    ("fa", "footer"): "کلیه حقوق محفوظ است",
    ("en", "footer"): "All rights reserved",
    ("ar", "read_also"): "اقرأ أيضا: ارتفاع أسعار الذهب في الأسواق",
    ("fa", "read_also"): "بیشتر بخوانید: افزایش قیمت طلا در بازار",
    ("en", "read_also"): "Read also: Gold prices rise in the markets",
    ("ar", "dateline"): "بيروت/..",
    ("fa", "dateline"): "تهران/..",
    ("en", "dateline"): "LONDON --",
}


@pytest.mark.parametrize("language, kind", sorted(FURNITURE), ids=lambda x: x if isinstance(x, str) else None)
def test_furniture_line_inside_an_article_is_removed_with_its_kind(language, kind):
    title, lead = LEAD[language]
    line = FURNITURE[(language, kind)]
    record = cleaner.clean("\n".join([title, lead, line, TAIL[language]]))
    assert [(r.kind, r.text) for r in record.removed] == [(kind, line)]
    assert record.text == lead + "\n\n" + TAIL[language]


@pytest.mark.parametrize("language", ["ar", "fa", "en"])
def test_related_list_is_removed(language):
    heading = {"ar": "مقالات ذات صلة", "fa": "مطالب مرتبط", "en": "Related articles"}[language]
    items = ["• Mayor opens the new bridge", "• سباق الدراجات يعود إلى المدينة", "• جشنواره فیلم آغاز شد"]
    title, lead = LEAD[language]
    record = cleaner.clean("\n".join([title, lead, TAIL[language], heading, *items]))
    assert record.removed_kinds == ["related"] and len(record.removed) == 4
    assert record.text == lead + "\n\n" + TAIL[language]


@pytest.mark.parametrize(
    "line",
    [
        "شارك الرئيس في المؤتمر الذي عقد في العاصمة بحضور عدد كبير من الوزراء والسفراء.",
        "More than a hundred people attended the opening, the city said.",
        "Share prices of the publisher rose after the announcement.",
        "By the end of the year, the library expects a million visitors.",
        "المصدر الذي تحدث للصحيفة قال إن المشروع سيكتمل خلال عامين على الأقل.",
        "Source code for the catalogue software was published by the city as well.",
        "منبع آب شهر از سد جدیدی تامین می‌شود که سال گذشته افتتاح شد و ظرفیت زیادی دارد.",
        "Print editions of the local paper will be available in the reading room.",
    ],
)
def test_prose_that_opens_with_a_furniture_word_stays(line):
    title, lead = LEAD["en"]
    record = cleaner.clean("\n".join([title, lead, line, TAIL["en"]]))
    assert record.removed == []
    assert line in record.text


def test_short_repeated_lines_are_not_duplicates():
    text = "Scores of the week\nThe home team won its third game in a row on Sunday night.\nGoal!\n" \
           "The visitors replied within a minute, but the lead held until the end.\nGoal!\n"
    assert cleaner.clean(text).removed == []
