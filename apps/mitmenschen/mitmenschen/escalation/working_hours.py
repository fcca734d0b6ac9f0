"""Working-hours arithmetic: targets count only the hours of working days.

Datetimes are naive wall-clock times in the site's time zone, as Frappe stores them. The working day
is a wall-clock window (e.g. 08:00–16:00), so a change to or from daylight saving time (at night, on a
Sunday) never moves a deadline: 8 working hours from Friday 14:00 end on Monday 14:00 local time on
both sides of the switch. Weekends and the dates of a Holiday List (ERPNext) are not working days.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import frappe
from frappe.utils import get_datetime, get_time, getdate

WEEKEND = frozenset({5, 6})  # Saturday, Sunday
MAX_DAYS_SEARCHED = 3660  # ten years: a target beyond that is a configuration error, not a deadline


class WorkingCalendarError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class WorkingCalendar:
	day_start: time = time(8, 0)
	day_end: time = time(16, 0)
	holidays: frozenset[date] = field(default_factory=frozenset)
	weekend: frozenset[int] = WEEKEND

	def __post_init__(self) -> None:
		if self.day_end <= self.day_start:
			raise WorkingCalendarError("The working day must end after it starts.")

	@property
	def hours_per_day(self) -> float:
		return (_seconds(self.day_end) - _seconds(self.day_start)) / 3600

	def is_working_day(self, day: date) -> bool:
		return day.weekday() not in self.weekend and day not in self.holidays

	def add(self, start: datetime, hours: float) -> datetime:
		"""The moment when `hours` working hours have passed since `start`."""
		start = get_datetime(start)
		remaining = timedelta(hours=hours)
		day = start.date()
		for _ in range(MAX_DAYS_SEARCHED):
			if self.is_working_day(day):
				opens, closes = datetime.combine(day, self.day_start), datetime.combine(day, self.day_end)
				begin = max(opens, start) if day == start.date() else opens
				if begin < closes:
					if remaining <= closes - begin:
						# a target that ends exactly at closing time ends there, not next morning
						return begin + remaining
					remaining -= closes - begin
			day += timedelta(days=1)
		raise WorkingCalendarError(f"No end within {MAX_DAYS_SEARCHED} days for {hours} working hours")

	def between(self, start: datetime, end: datetime) -> float:
		"""Working hours from `start` to `end` (0 when end is not after start)."""
		start, end = get_datetime(start), get_datetime(end)
		if end <= start:
			return 0.0
		total = timedelta()
		day = start.date()
		while day <= end.date():
			if self.is_working_day(day):
				begin = max(datetime.combine(day, self.day_start), start)
				finish = min(datetime.combine(day, self.day_end), end)
				if finish > begin:
					total += finish - begin
			day += timedelta(days=1)
		return total.total_seconds() / 3600


def holidays_of(holiday_list: str | None) -> frozenset[date]:
	"""All dates of an ERPNext Holiday List, cached per request."""
	if not holiday_list:
		return frozenset()
	if not getattr(frappe.local, "mitmenschen_holidays", None):
		frappe.local.mitmenschen_holidays = {}
	cache = frappe.local.mitmenschen_holidays
	if holiday_list not in cache:
		dates = frappe.get_all(
			"Holiday", filters={"parent": holiday_list, "parenttype": "Holiday List"}, pluck="holiday_date"
		)
		cache[holiday_list] = frozenset(getdate(d) for d in dates)
	return cache[holiday_list]


def calendar_for(holiday_list: str | None, day_start=None, day_end=None) -> WorkingCalendar:
	return WorkingCalendar(
		day_start=get_time(day_start or "08:00:00"),
		day_end=get_time(day_end or "16:00:00"),
		holidays=holidays_of(holiday_list),
	)


def clear_holiday_cache() -> None:
	frappe.local.mitmenschen_holidays = {}


def _seconds(t: time) -> int:
	return t.hour * 3600 + t.minute * 60 + t.second
