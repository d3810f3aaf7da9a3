"""Dates as inventories write them, and the legal arithmetic of periods and deadlines."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping

import chinese_calendar
from dateutil.relativedelta import relativedelta

from .escape import quoted
from .messages import Text
from .model import Deadline

# The three forms the SPEC accepts; dateutil's free-form parser would also accept ambiguous text, which a
# compliance input must not, so the form is matched here and the calendar check is left to datetime. The whole
# text must be the date (fullmatch): no surrounding space and no trailing newline, which ``$`` would let through,
# as every other option and value refuses them.
_FORMS = (
    re.compile(r"(\d{4})-(\d{2})-(\d{2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)
PLAUSIBLE_YEARS = range(1990, 2101)


class DateFormError(ValueError):
    """Text that is not one of the accepted date forms, or not a day of the calendar."""

    def __init__(self, text: Text) -> None:
        super().__init__(text)
        self.text = text


@functools.lru_cache(maxsize=4096)  # a city's cameras share a few hundred installation days
def parse_date(text: str) -> dt.date:
    for form in _FORMS:
        match = form.fullmatch(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                raise DateFormError(Text.error("date.no-such-day", text=quoted(text))) from None
    raise DateFormError(Text.error("date.form", text=quoted(text)))


def as_period(period: Mapping[str, int]) -> relativedelta:
    return relativedelta(years=period.get("years", 0), months=period.get("months", 0), days=period.get("days", 0))


def add_period(start: dt.date, period: Mapping[str, int]) -> dt.date:
    """The last day of a period counted from the day after ``start`` ("自…之日起N日内", 民法典第二百零一条)."""
    result: dt.date = start + as_period(period)
    return result


def deadline_after(start: dt.date, period: Mapping[str, int]) -> Deadline:
    """The deadline of a period counted from the day after ``start``, extended past a 法定休假日."""
    return _deadline_after(start, period.get("years", 0), period.get("months", 0), period.get("days", 0))


@functools.lru_cache(maxsize=8192)  # 100k cameras share a few hundred removal days; relativedelta is slow
def _deadline_after(start: dt.date, years: int, months: int, days: int) -> Deadline:
    return extend_past_holidays(add_period(start, {"years": years, "months": months, "days": days}))


@functools.lru_cache(maxsize=8192)  # one calendar walk per last day
def extend_past_holidays(last_day: dt.date) -> Deadline:
    """民法典第二百零三条: a last day that is a 法定休假日 (a statutory holiday, or a weekend day that is not a 调休
    working day) moves to the day after the holiday ends, which is the next working day."""
    day, unknown_year = last_day, None
    while True:
        working, known = _working_day(day)
        if not known and unknown_year is None:
            unknown_year = day.year
        if working:
            return Deadline(day, last_day, unknown_year)
        day += dt.timedelta(days=1)


def _working_day(day: dt.date) -> tuple[bool, bool]:
    """Whether ``day`` is a working day, and whether the State Council's schedule for its year is known."""
    try:
        return bool(chinese_calendar.is_workday(day)), True
    except NotImplementedError:  # a year the package has no schedule for: only weekends are known
        return day.weekday() < 5, False


@functools.lru_cache(maxsize=64)
def _longest_span(years: int, months: int, days: int) -> int:
    delta = relativedelta(years=years, months=months, days=days)
    # Four years from a leap year's 1 January meet every position relative to a 29 February; century years that
    # skip a leap day can only shorten a span, so this is the longest.
    base = dt.date(2000, 1, 1)
    return max(((day + delta) - day).days for day in (base + dt.timedelta(n) for n in range(4 * 366)))


def longest_span_days(period: Mapping[str, int]) -> int:
    """Days needed to keep every recording for the whole period: two years is 731 when it spans 29 February."""
    if set(period) <= {"days"}:
        return period["days"]
    return _longest_span(period.get("years", 0), period.get("months", 0), period.get("days", 0))
