"""The home page's charts: days become bars by day, month or year, gaps included, never too many."""

from __future__ import annotations

from cleaner.views.charts import MAX_BARS, category_chart, time_chart


def test_days_close_together_are_bars_by_day_with_the_empty_days_shown():
    chart = time_chart([("2024-03-01", 2), ("2024-03-04", 6)])
    assert chart.unit == "day" and [b.label for b in chart.bars] == ["2024-03-01", "2024-03-02", "2024-03-03",
                                                                      "2024-03-04"]
    assert [b.value for b in chart.bars] == [2, 0, 0, 6] and chart.bars[-1].height == chart.height


def test_a_longer_span_is_counted_by_month_then_by_year():
    by_month = time_chart([("2023-11-30", 1), ("2024-01-02", 2), ("2024-01-31", 3), ("2025-06-01", 1)])
    assert by_month.unit == "month" and by_month.first == "2023-11" and by_month.last == "2025-06"
    assert dict((b.label, b.value) for b in by_month.bars)["2024-01"] == 5
    by_year = time_chart([("1970-01-01", 1), ("2024-05-05", 9)])
    assert by_year.unit == "year" and len(by_year.bars) == 55
    far = time_chart([("1800-01-01", 1), ("2024-05-05", 9)])
    assert len(far.bars) == MAX_BARS and far.last == "2024"  # the latest years, when centuries apart


def test_what_is_not_a_day_is_left_out_and_nothing_gives_no_chart():
    assert time_chart([("2024-02-30", 3), ("someday", 1)]) is None and category_chart([]) is None
    assert [b.label for b in time_chart([("2024-02-29", 1), ("not a day", 4)]).bars] == ["2024-02-29"]
