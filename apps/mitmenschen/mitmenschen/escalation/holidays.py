"""Public holidays of the German state the cooperative is in, as an ERPNext Holiday List.

The SLA policies and the reminder ladders count working hours on a Holiday List (ERPNext's store, which
the ERP's own HR and projects read as well). Which days are holidays differs from state to state and
year to year (Epiphany in Bavaria, Women's Day in Berlin since 2019, Reformation Day in the northern
states since 2018, Repentance Day in Saxony), so the dates come from the `holidays` package, not from a
formula of ours. Each state gets a list of its own, named after it (the demo's is "Bremen"); the setting
*Bundesland für Feiertage* picks the one the app uses, and changing it builds that list and moves the
app's records that named the old one (the standard SLA policy) over to it.
"""

from datetime import date, timedelta

import frappe
import holidays
from babel.dates import format_date
from frappe.utils import getdate, nowdate

SETTINGS = "Mitmenschen Settings"
STATE_FIELD = "holiday_state"

# The 16 states by their German names (the Select's options) and their ISO 3166-2 codes (the library's).
STATES: dict[str, str] = {
	"Baden-Württemberg": "BW",
	"Bayern": "BY",
	"Berlin": "BE",
	"Brandenburg": "BB",
	"Bremen": "HB",
	"Hamburg": "HH",
	"Hessen": "HE",
	"Mecklenburg-Vorpommern": "MV",
	"Niedersachsen": "NI",
	"Nordrhein-Westfalen": "NW",
	"Rheinland-Pfalz": "RP",
	"Saarland": "SL",
	"Sachsen": "SN",
	"Sachsen-Anhalt": "ST",
	"Schleswig-Holstein": "SH",
	"Thüringen": "TH",
}
DEFAULT_STATE = "Bremen"
BREMEN_HOLIDAY_LIST = DEFAULT_STATE  # the demo's and the tests' calendar

# Years around today a list covers: last year's cases still report in its working hours.
YEARS_BACK, YEARS_AHEAD = 1, 3


# The list's texts are German like the holidays' names: clerks read them in the desk.
LIST_LANGUAGE = "de"


def weekday_name(day: date) -> str:
	return format_date(day, "EEEE", locale=LIST_LANGUAGE)


def public_holidays(state: str, first_year: int, last_year: int) -> dict[date, str]:
	"""The state's statutory holidays of the years, with their German names."""
	return dict(
		holidays.country_holidays(
			"DE", subdiv=STATES[state], years=range(first_year, last_year + 1), language=LIST_LANGUAGE
		)
	)


def configured_state() -> str:
	return frappe.db.get_single_value(SETTINGS, STATE_FIELD) or DEFAULT_STATE


def holiday_list() -> str:
	"""The Holiday List of the state in the settings: the calendar of reminders and the standard policy."""
	return configured_state()


def ensure_holiday_list(state: str, first_year: int, last_year: int) -> str:
	"""Create or extend the state's Holiday List with weekends and public holidays of the years.
	Days someone added by hand stay (a cooperative may close on 24 December)."""
	name = state
	if frappe.db.exists("Holiday List", name):
		holiday_list = frappe.get_doc("Holiday List", name)
		if getdate(holiday_list.from_date) <= date(first_year, 1, 1) and getdate(
			holiday_list.to_date
		) >= date(last_year, 12, 31):
			return name
	else:
		holiday_list = frappe.new_doc("Holiday List")
		holiday_list.holiday_list_name = name
		holiday_list.country, holiday_list.subdivision = (
			"DE",
			STATES[state],
		)  # ERPNext's own button reads them
	holiday_list.from_date = min(date(first_year, 1, 1), getdate(holiday_list.from_date or date.max))
	holiday_list.to_date = max(date(last_year, 12, 31), getdate(holiday_list.to_date or date.min))
	known = {getdate(row.holiday_date) for row in holiday_list.holidays}
	for row in holiday_rows(state, holiday_list.from_date, holiday_list.to_date, known):
		holiday_list.append("holidays", row)
	holiday_list.save(ignore_permissions=True)
	return name


def holiday_rows(state: str, first_day: date, last_day: date, known: set[date] | None = None) -> list[dict]:
	"""The Holiday List rows of the days not yet `known`: each public holiday with its name, each other
	Saturday and Sunday as a weekly off (a holiday on a Saturday is listed once, as the holiday)."""
	known = known or set()
	public = public_holidays(state, first_day.year, last_day.year)
	rows, day = [], first_day
	while day <= last_day:
		if day not in known and day in public:
			rows.append({"holiday_date": day, "description": public[day], "weekly_off": 0})
		elif day not in known and day.weekday() in (5, 6):
			rows.append({"holiday_date": day, "description": weekday_name(day), "weekly_off": 1})
		day += timedelta(days=1)
	return rows


def ensure_state_setting() -> None:
	"""A site made before the setting existed keeps Bremen, as before; the form then shows it (a
	Single keeps no default for a field added later, and an empty required field blocks saving)."""
	if not frappe.db.get_single_value(SETTINGS, STATE_FIELD):
		frappe.db.set_single_value(SETTINGS, STATE_FIELD, DEFAULT_STATE)


def ensure_configured_holiday_list() -> str:
	"""The configured state's list for last year to three years ahead (after migrate, and daily so a
	site that is rarely migrated never runs past the end of its list)."""
	year = getdate(nowdate()).year
	return ensure_holiday_list(configured_state(), year - YEARS_BACK, year + YEARS_AHEAD)


def on_settings_update(settings, method: str | None = None) -> None:
	"""doc_events of Mitmenschen Settings: a new state builds its list, and the app's records that
	named the old state's list (the standard SLA policy) use the new one."""
	if not settings.has_value_changed(STATE_FIELD):
		return
	before = settings.get_doc_before_save()
	old_list = (before and before.get(STATE_FIELD)) or DEFAULT_STATE
	new_list = ensure_configured_holiday_list()
	if old_list != new_list:
		move_links(old_list, new_list)
	frappe.local.mitmenschen_holidays = {}  # working_hours' per-request cache


def move_links(old_list: str, new_list: str) -> None:
	"""Point every Link to Holiday List in the app's own doctypes from the old list to the new one.
	The engine names no client: the doctypes are found through their fields."""
	modules = frappe.get_all("Module Def", filters={"app_name": "mitmenschen"}, pluck="name")
	doctypes = frappe.get_all(
		"DocType", filters={"module": ["in", modules], "istable": 0, "issingle": 0}, pluck="name"
	)
	fields = frappe.get_all(
		"DocField",
		filters={"parent": ["in", doctypes], "fieldtype": "Link", "options": "Holiday List"},
		fields=["parent", "fieldname"],
	)
	for field in fields:
		frappe.db.set_value(field.parent, {field.fieldname: old_list}, field.fieldname, new_list)
