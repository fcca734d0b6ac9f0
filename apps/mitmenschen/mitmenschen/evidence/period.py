"""The period and the scope every figure is asked for.

A period is a closed range of dates; its datetimes run from the first day's midnight to the last
day's end, so that a case opened on the last day at 23:59 belongs to it. The previous period is the
one of the same length just before (the half-year report shows both side by side).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from frappe.utils import add_months, get_first_day, get_last_day, getdate, nowdate

DEFAULT_MONTHS = 6


@dataclass(frozen=True)
class Period:
	start: date
	end: date

	@classmethod
	def of(cls, from_date=None, to_date=None) -> "Period":
		"""The period of two dates; missing ones default to the last six whole months up to today."""
		end = getdate(to_date) if to_date else getdate(nowdate())
		start = getdate(from_date) if from_date else get_first_day(add_months(end, 1 - DEFAULT_MONTHS))
		if start > end:
			start, end = end, start
		return cls(start, end)

	@property
	def begins(self) -> datetime:
		return datetime.combine(self.start, time.min)

	@property
	def ends(self) -> datetime:
		"""The first moment after the period (use with `<`)."""
		return datetime.combine(self.end + timedelta(days=1), time.min)

	@property
	def days(self) -> int:
		return (self.end - self.start).days + 1

	def previous(self) -> "Period":
		"""The period of the same length just before; whole months map to whole months."""
		if self.start == get_first_day(self.start) and self.end == get_last_day(self.end):
			months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
			return Period(get_first_day(add_months(self.start, -months)), self.start - timedelta(days=1))
		return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

	def months(self) -> list[str]:
		"""The months the period touches, as "YYYY-MM"."""
		months, day = [], self.start.replace(day=1)
		while day <= self.end:
			months.append(f"{day.year:04d}-{day.month:02d}")
			day = getdate(add_months(day, 1))
		return months


@dataclass(frozen=True)
class Scope:
	"""Which cases count: all of them, or those of one district, category or partner organisation."""

	district: str | None = None
	category: str | None = None
	partner: str | None = None

	@classmethod
	def of(cls, filters: dict | None) -> "Scope":
		filters = filters or {}
		return cls(
			filters.get("district") or None, filters.get("category") or None, filters.get("partner") or None
		)

	def conditions(self, table) -> list:
		"""frappe.qb criteria on a Mediation Case table for this scope."""
		criteria = []
		if self.district:
			criteria.append(table.district == self.district)
		if self.category:
			criteria.append(table.category == self.category)
		if self.partner:
			criteria.append(table.referred_to == self.partner)
		return criteria


def of_filters(filters: dict | None) -> tuple[Period, Scope]:
	"""A report's filters (from_date, to_date, district, category, partner) as period and scope."""
	filters = filters or {}
	return Period.of(filters.get("from_date"), filters.get("to_date")), Scope.of(filters)


def month_label(month: str) -> str:
	"""'2026-03' -> '03/2026' (how German and English readers both read a month)."""
	year, number = month.split("-")
	return f"{number}/{year}"
