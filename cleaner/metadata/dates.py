"""Dates as news pages print them, in several calendars and digit sets, to ISO 8601.

Month and weekday names come from the lexicon. The Persian solar (Jalali) calendar is converted by
jdatetime, the Hijri one by hijridate (Umm al-Qura, the calendar Saudi and Gulf pages print);
Japanese era years (令和6年) and Thai Buddhist years (2567) are offsets from the Gregorian year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

from cleaner.furniture.lexicon import Lexicon, fold, phrase_alternation

# Arabic-Indic, Persian, Devanagari, Bengali, Thai and full-width digits
_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९০১২৩৪৫৬৭৮৯๐๑๒๓๔๕๖๗๘๙０１２３４５６７８９", "0123456789" * 6
)
_ISO = re.compile(  # 2024-12-07, 2024/12/07, 2024.12.07 and the Korean 2024. 12. 7.
    r"(?<!\d)(\d{4})(?:[-/]|\.\s?)(\d{1,2})(?:[-/]|\.\s?)(\d{1,2})(?!\d)"
    r"(?:(?:[T@_]|\s+|\s*[|,@-]\s*)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?"
    r"(?:\s*(Z|GMT|UTC|[+-]\d{2}:?\d{2})(?![A-Za-z]))?",
    re.IGNORECASE,
)
# Chinese, Japanese and Korean: 2024年12月7日, 令和6年12月7日, 2024년 12월 7일
JAPANESE_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}  # year 1 of each era is this + 1
_CJK_DATE = re.compile(
    r"(?:(" + "|".join(JAPANESE_ERAS) + r")\s*(元|\d{1,2})|(?<!\d)(\d{4}))"
    r"\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号號]?"
)
BUDDHIST_ERA = 543  # Thai years: 2567 BE is 2024
_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_TIME = re.compile(
    r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.|ص|م)?(?:\s*(GMT|UTC|Z|[+-]\d{2}:?\d{2}))?",
    re.IGNORECASE,
)
_ZONE = re.compile(r"(?<![A-Za-z])(GMT|UTC)(?:\s*([+-]\d{1,2})(?::?(\d{2}))?)?(?![A-Za-z])", re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    value: str  # ISO 8601: a date, or a timestamp with offset when the time and zone are known
    prefix: str  # the folded text of the line before the date: where its label stands
    has_seconds: bool = False


# a run of those digits: str.translate reads a text beyond ASCII character by character through a
# dict (some 20 µs a line), where a regex finds the few digits a line holds, if any, in a fraction of that
_OTHER_DIGITS = re.compile("[" + "".join(map(chr, _DIGITS)) + "]+")


def to_ascii_digits(text: str) -> str:
    """The text with Arabic-Indic, Persian, Devanagari, Bengali, Thai and full-width digits as ASCII
    ones. A text without them is returned as it is, the same string: its fold is then the one the
    rules already made of the line, not a new one."""
    if text.isascii():
        return text
    return _OTHER_DIGITS.sub(_ascii_run, text) if _OTHER_DIGITS.search(text) else text


def _ascii_run(match: re.Match) -> str:
    return match.group().translate(_DIGITS)


def jalali_to_gregorian(jy: int, jm: int, jd: int) -> date:
    """Persian solar (Jalali) date to Gregorian (jdatetime; imported when a page needs it)."""
    import jdatetime

    return jdatetime.date(jy, jm, jd).togregorian()


def hijri_to_gregorian(hy: int, hm: int, hd: int) -> date:
    """Hijri date to Gregorian by the Umm al-Qura calendar (hijridate), which covers 1343-1500 AH
    (1924-2077); ValueError outside it."""
    from hijridate import Hijri

    try:
        return Hijri(hy, hm, hd).to_gregorian()
    except OverflowError as exc:
        raise ValueError(str(exc)) from None


def _make_date(calendar: str, y: int, m: int, d: int) -> date | None:
    try:
        if calendar == "jalali":
            return jalali_to_gregorian(y, m, d) if 1 <= m <= 12 and 1 <= d <= 31 else None
        if calendar == "hijri":
            return hijri_to_gregorian(y, m, d) if 1 <= m <= 12 and 1 <= d <= 30 else None
        if calendar == "buddhist":
            return date(y - BUDDHIST_ERA, m, d)
        return date(y, m, d)
    except ValueError:
        return None


def _calendar_for_year(y: int, calendar: str, hijri_marked: bool) -> str | None:
    if hijri_marked:
        return "hijri" if 1300 <= y <= 1600 else None
    if calendar == "gregorian" and 1300 <= y <= 1500:
        return "jalali"  # a solar-Hijri year written with numeric or foreign month names
    if calendar == "gregorian" and 2443 <= y <= 2643:
        return "buddhist"  # a Thai year: 2567 is 2024
    if calendar == "gregorian":
        return "gregorian" if 1900 <= y <= 2100 else None
    return calendar


@lru_cache(maxsize=8)
def _named_patterns(month_names: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    months = phrase_alternation(month_names)  # as the names longest first, tried faster
    filler = r"(?:\s+[^\W\d]{1,3})?"  # "de", "of": a short word between the parts
    day_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|er|e)?{filler}\s+({months}){filler}\s+(\d{{4}})(?!\d)"
    )
    month_first = re.compile(rf"(?<!\w)({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+(\d{{4}})(?!\d)")
    # the year first, marked as a year: Hungarian "2024. március 12.", Lithuanian "2024 m. kovo 12 d."
    year_first = re.compile(rf"(?<!\d)(\d{{4}})(?:\.|\s+m\.)\s+({months})\s+(\d{{1,2}})(?!\d)")
    return day_first, month_first, year_first


@lru_cache(maxsize=8)
def _lexicon_patterns(lexicon: Lexicon, months: int) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """_named_patterns of the lexicon's months, found by the lexicon (hashed by identity) and how many
    months it names (a rules file added later only adds names), rather than by a tuple of its
    hundreds of month names made and hashed for each line."""
    return _named_patterns(tuple(lexicon.months))


_YEAR = re.compile(r"\d{4}")  # what every named-month pattern holds: four digits in a row


def _time_suffix(raw: str) -> str | None:
    """The time and zone a date line gives, as 'THH:MM:SS+HH:MM', if both are there."""
    match = _TIME.search(raw)
    if not match:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem in ("pm", "م") and hour < 12:
        hour += 12
    elif meridiem in ("am", "ص") and hour == 12:
        hour = 0
    zone = match.group(5)
    if not zone:
        zone_match = _ZONE.search(raw)
        if not zone_match:
            return None
        zone = zone_match.group(0)
    offset = _offset(zone)
    if offset is None or hour > 23 or minute > 59 or second > 59:
        return None
    return f"T{hour:02d}:{minute:02d}:{second:02d}{offset}"


def _offset(zone: str) -> str | None:
    zone = zone.strip().upper()
    if zone in ("Z", "GMT", "UTC"):
        return "+00:00"
    match = re.fullmatch(r"(?:GMT|UTC)?\s*([+-])(\d{1,2}):?(\d{2})?", zone)
    if not match:
        return None
    return f"{match.group(1)}{int(match.group(2)):02d}:{match.group(3) or '00'}"


def find_dates(raw: str, lexicon: Lexicon) -> list[FoundDate]:
    """Every date in a line, in the order they appear."""
    ascii_raw = to_ascii_digits(raw)
    found: list[FoundDate] = []
    folded = fold(ascii_raw)
    padded = f" {folded} "
    hijri_marked = any(f" {m} " in padded for m in lexicon.hijri_markers)
    for match in _ISO.finditer(ascii_raw):
        y, m, d = (int(g) for g in match.group(1, 2, 3))
        calendar = _calendar_for_year(y, "gregorian", hijri_marked)
        day = calendar and _make_date(calendar, y, m, d)
        if not day:
            continue
        value = day.isoformat()
        if match.group(4) and match.group(7):
            offset = _offset(match.group(7))
            hh, mm, ss = int(match.group(4)), int(match.group(5)), int(match.group(6) or 0)
            if offset and hh < 24 and mm < 60 and ss < 60:
                value += f"T{hh:02d}:{mm:02d}:{ss:02d}{offset}"
        found.append(FoundDate(value, fold(ascii_raw[: match.start()]), has_seconds=bool(match.group(6))))
    found += _cjk_dates(ascii_raw)
    if not found:
        for match in _DMY.finditer(ascii_raw):
            a, b, y = (int(g) for g in match.group(1, 2, 3))
            d, m = (b, a) if b > 12 >= a else (a, b)  # day first unless that is impossible
            calendar = _calendar_for_year(y, "gregorian", hijri_marked)
            day = calendar and _make_date(calendar, y, m, d)
            if day:
                found.append(FoundDate(day.isoformat(), fold(ascii_raw[: match.start()])))
    if lexicon.months:
        day_first, month_first, year_first = _lexicon_patterns(lexicon, len(lexicon.months))
        # the year's mark is punctuation, which folding blanks: that pattern reads the line as written
        lowered = ascii_raw.casefold()
        for pattern, order in ((day_first, "dmy"), (month_first, "mdy"), (year_first, "ymd")):
            line = lowered if order == "ymd" else folded
            if _YEAR.search(line) is None:
                continue  # each pattern reads a year of four digits: told before its months are tried at each place
            for match in pattern.finditer(line):
                if order == "dmy":
                    d, name, y = int(match.group(1)), match.group(2), int(match.group(3))
                elif order == "mdy":
                    name, d, y = match.group(1), int(match.group(2)), int(match.group(3))
                else:
                    y, name, d = int(match.group(1)), match.group(2), int(match.group(3))
                calendar, m = lexicon.months[name]
                calendar = _calendar_for_year(y, calendar, hijri_marked or calendar == "hijri")
                day = calendar and _make_date(calendar, y, m, d)
                if not day:
                    continue
                suffix = _time_suffix(ascii_raw)
                prefix = line[: match.start()] if line is folded else fold(line[: match.start()])
                found.append(FoundDate(day.isoformat() + (suffix or ""), prefix.strip()))
    return sorted(found, key=lambda f: len(f.prefix))


def _cjk_dates(ascii_raw: str) -> list[FoundDate]:
    found = []
    for match in _CJK_DATE.finditer(ascii_raw):
        era, era_year, year, m, d = match.groups()
        y = int(year) if year else JAPANESE_ERAS[era] + (1 if era_year == "元" else int(era_year))
        day = _make_date("gregorian", y, int(m), int(d)) if 1900 <= y <= 2100 else None
        if day:
            found.append(FoundDate(day.isoformat(), fold(ascii_raw[: match.start()])))
    return found


def parse_date(text: str, lexicon: Lexicon) -> str | None:
    """The first date in a piece of text, or None."""
    found = find_dates(text, lexicon)
    return found[0].value if found else None


def _valid_day(text: str) -> str | None:
    """The day an ISO date opens with when it is one: "2024-13-45", "0000-00-00" or a year in
    Arabic-Indic digits is no day of the Gregorian calendar, and the record says none."""
    try:
        return date.fromisoformat(text).isoformat() if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text) else None
    except ValueError:
        return None


def normalize_iso(value: str | None) -> str | None:
    """Trafilatura and page markup give dates in several ISO shapes; keep one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return _valid_day(value[:10])
    if len(value) <= 10 or parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.astimezone(parsed.tzinfo or timezone.utc).isoformat()
