import datetime as dt

import pytest

from vidcheck.dates import (
    DateFormError,
    add_period,
    deadline_after,
    extend_past_holidays,
    longest_span_days,
    parse_date,
)


@pytest.mark.parametrize("text", ["2024-03-01", "2024/3/1", "2024/03/01", "2024年3月1日"])
def test_three_forms_read_as_the_same_day(text):
    assert parse_date(text) == dt.date(2024, 3, 1)


@pytest.mark.parametrize("text,fragment", [
    ("2024-02-30", "not a day of the calendar"), ("2023-02-29", "not a day of the calendar"),
    ("2024-3-1", "not a date"), ("01/03/2024", "not a date"), ("March 1", "not a date"),
    ("2026-11-01\n", "not a date"), (" 2024-03-01", "not a date"), ("2024/3/1 ", "not a date"),
    ("2024年3月1日\n", "not a date"), ("\t2024-03-01", "not a date"),
])
def test_other_text_is_refused(text, fragment):
    with pytest.raises(DateFormError, match=fragment):
        parse_date(text)


@pytest.mark.parametrize("start,period,last_day", [
    ("2025-04-01", {"days": 90}, "2025-06-30"),  # 条例第十四条: 90 days from 施行 on 2025-04-01
    ("2024-02-20", {"days": 30}, "2024-03-21"),  # across a leap February
    ("2023-02-20", {"days": 30}, "2023-03-22"),
    ("2024-01-31", {"months": 1}, "2024-02-29"),
    ("2024-02-29", {"years": 2}, "2026-02-28"),
])
def test_deadline_is_the_start_plus_the_period_counted_from_the_next_day(start, period, last_day):
    assert add_period(dt.date.fromisoformat(start), period) == dt.date.fromisoformat(last_day)


def test_longest_span_covers_a_leap_day():
    assert longest_span_days({"years": 2}) == 731
    assert longest_span_days({"years": 1}) == 366
    assert longest_span_days({"months": 1}) == 31
    assert longest_span_days({"days": 15}) == 15


@pytest.mark.parametrize("last_day,due,unknown_year", [
    ("2025-10-01", "2025-10-09", None),  # 国庆/中秋 2025: 10-01 to 10-08, then a working day
    ("2025-06-08", "2025-06-09", None),  # a Sunday
    ("2025-09-28", "2025-09-28", None),  # a Sunday that is a 调休 working day: no move
    ("2025-07-03", "2025-07-03", None),  # an ordinary working day
    ("2027-01-31", "2027-02-01", 2027),  # a year without a schedule: only the weekend counts
    ("2027-01-04", "2027-01-04", 2027),
])
def test_a_last_day_on_a_statutory_rest_day_moves_to_the_next_working_day(last_day, due, unknown_year):
    deadline = extend_past_holidays(dt.date.fromisoformat(last_day))
    assert deadline.due == dt.date.fromisoformat(due) and deadline.unextended == dt.date.fromisoformat(last_day)
    assert deadline.unknown_year == unknown_year and deadline.schedule_known is (unknown_year is None)
    assert deadline.extended_by == (deadline.due - deadline.unextended).days


def test_the_issue_example_in_service_on_the_first_of_september():
    deadline = deadline_after(dt.date(2025, 9, 1), {"days": 30})
    assert (deadline.unextended, deadline.due, deadline.extended_by) == (dt.date(2025, 10, 1), dt.date(2025, 10, 9), 8)


@pytest.mark.parametrize("start,period,due", [
    ("2024-01-31", {"months": 1}, "2024-02-29"),  # a Thursday: the month-end rule, no move
    ("2024-03-30", {"months": 1}, "2024-04-30"),  # 2024-04-30 is a working day before May Day
    ("2024-12-01", {"months": 1}, "2025-01-02"),  # 元旦 2025-01-01 moves it to the next day
    ("2023-10-01", {"years": 1}, "2024-10-08"),  # 国庆 2024: 10-01 to 10-07
])
def test_periods_in_months_and_years_move_too(start, period, due):
    assert deadline_after(dt.date.fromisoformat(start), period).due == dt.date.fromisoformat(due)


def test_as_of_with_a_trailing_newline_is_refused_like_any_other_option_value():
    from conftest import run

    result = run("audit", "-", "--as-of", "2026-11-01\n", input="")
    assert result.exit_code == 2 and "--as-of: '2026-11-01\\u000a' is not a date" in result.output, result.output
