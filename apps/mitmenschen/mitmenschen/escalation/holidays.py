"""Public holidays of the Free Hanseatic City of Bremen, as an ERPNext Holiday List.

Bremen's statutory holidays: New Year, Good Friday, Easter Monday, Labour Day, Ascension Day, Whit
Monday, German Unity Day, Reformation Day (since 2018), Christmas Day and Boxing Day.
"""

from datetime import date, timedelta

import frappe
from frappe import _

BREMEN_HOLIDAY_LIST = "Bremen"


def easter_sunday(year: int) -> date:
	"""Gregorian Easter (the anonymous Gregorian algorithm, "Meeus/Jones/Butcher")."""
	a, b, c = year % 19, year // 100, year % 100
	d, e = b // 4, b % 4
	f = (b + 8) // 25
	g = (b - f + 1) // 3
	h = (19 * a + b - d - g + 15) % 30
	i, k = c // 4, c % 4
	leap = (32 + 2 * e + 2 * i - h - k) % 7
	m = (a + 11 * h + 22 * leap) // 451
	month = (h + leap - 7 * m + 114) // 31
	day = (h + leap - 7 * m + 114) % 31 + 1
	return date(year, month, day)


def bremen_public_holidays(year: int) -> list[tuple[date, str]]:
	easter = easter_sunday(year)
	return [
		(date(year, 1, 1), _("New Year's Day")),
		(easter - timedelta(days=2), _("Good Friday")),
		(easter + timedelta(days=1), _("Easter Monday")),
		(date(year, 5, 1), _("Labour Day")),
		(easter + timedelta(days=39), _("Ascension Day")),
		(easter + timedelta(days=50), _("Whit Monday")),
		(date(year, 10, 3), _("German Unity Day")),
		(date(year, 10, 31), _("Reformation Day")),
		(date(year, 12, 25), _("Christmas Day")),
		(date(year, 12, 26), _("Boxing Day")),
	]


def ensure_bremen_holiday_list(first_year: int, last_year: int) -> str:
	"""Create or extend the Holiday List "Bremen" with weekends and public holidays of the years."""
	if frappe.db.exists("Holiday List", BREMEN_HOLIDAY_LIST):
		holiday_list = frappe.get_doc("Holiday List", BREMEN_HOLIDAY_LIST)
		if holiday_list.from_date <= date(first_year, 1, 1) and holiday_list.to_date >= date(
			last_year, 12, 31
		):
			return holiday_list.name
	else:
		holiday_list = frappe.new_doc("Holiday List")
		holiday_list.holiday_list_name = BREMEN_HOLIDAY_LIST
	holiday_list.from_date = min(date(first_year, 1, 1), holiday_list.from_date or date.max)
	holiday_list.to_date = max(date(last_year, 12, 31), holiday_list.to_date or date.min)
	known = {row.holiday_date for row in holiday_list.holidays}
	day = holiday_list.from_date
	while day <= holiday_list.to_date:
		if day.weekday() in (5, 6) and day not in known:
			holiday_list.append(
				"holidays", {"holiday_date": day, "description": day.strftime("%A"), "weekly_off": 1}
			)
			known.add(day)
		day += timedelta(days=1)
	for year in range(holiday_list.from_date.year, holiday_list.to_date.year + 1):
		for day, name in bremen_public_holidays(year):
			if day not in known:
				holiday_list.append("holidays", {"holiday_date": day, "description": name})
				known.add(day)
	holiday_list.save(ignore_permissions=True)
	return holiday_list.name
