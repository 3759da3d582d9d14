"""China's public holidays as the days off they were: 元旦小长假 printed on 1 January
2018 covers 2017-12-30 to 2018-01-01, the weekend before it included.

The State Council sets the days each year; the `chinesecalendar` package keeps
that schedule, so no table of holidays lives here. Years it does not know yet
give None, and the caller falls back to its other rules.
"""
from __future__ import annotations

import datetime as dt

import chinese_calendar

# The names a report prints, to the schedule's holiday
HOLIDAY_NAMES = {
    "元旦": chinese_calendar.Holiday.new_years_day,
    "春节": chinese_calendar.Holiday.spring_festival,
    "清明": chinese_calendar.Holiday.tomb_sweeping_day,
    "五一": chinese_calendar.Holiday.labour_day,
    "劳动节": chinese_calendar.Holiday.labour_day,
    "端午": chinese_calendar.Holiday.dragon_boat_festival,
    "中秋": chinese_calendar.Holiday.mid_autumn_festival,
    "国庆": chinese_calendar.Holiday.national_day,
}
# how far from the publication day the holiday a piece reports on may lie
LOOK_BACK_DAYS = 45
LOOK_AHEAD_DAYS = 10


def _day_off(day: dt.date) -> tuple[bool, str | None]:
    """(a day off?, the holiday's name); a working day made up for a holiday carries
    its name too, but is not off."""
    try:
        return chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:  # a year the schedule does not cover
        return False, None


def holiday_days(name: str, published: dt.date) -> tuple[dt.date, dt.date] | None:
    """First and last day off of the holiday `name` (元旦, 国庆…) nearest before the
    publication day (or just after it, for a piece printed on its eve): the named
    days and the days off joined to them."""
    holiday = HOLIDAY_NAMES.get(name)
    if holiday is None:
        return None
    offsets = sorted(range(-LOOK_BACK_DAYS, LOOK_AHEAD_DAYS + 1), key=lambda n: (n > 0, abs(n)))
    named = next((day for n in offsets if _day_off(day := published + dt.timedelta(days=n)) == (True, holiday.value)),
                 None)
    if named is None:
        return None
    first = last = named
    while _day_off(first - dt.timedelta(days=1))[0]:
        first -= dt.timedelta(days=1)
    while _day_off(last + dt.timedelta(days=1))[0]:
        last += dt.timedelta(days=1)
    return first, last


def holiday_in_year(name: str, year: int) -> tuple[dt.date, dt.date] | None:
    """First and last day off of the holiday `name` of `year` (2015年春节, 去年国庆): the one whose named
    day falls in that year (元旦 2018 is 2017-12-30 to 2018-01-01)."""
    day = dt.date(year, 1, 10)
    while day.year == year:  # holiday_days looks 45 days back and 10 ahead of the day it is given
        if (days := holiday_days(name, day)) is not None and days[1].year == year:
            return days
        day += dt.timedelta(days=50)
    return None
