"""The pool's figures for the round table and the mediators' monthly allowance — plain functions over
the bookings, read by the reports "Interpreting Pool" and "Mediator Allowance".

- *Allowance*: per held appointment, the hours the clerk confirmed × the mediator's rate per hour, plus
  the amount per assignment (a no-show or cancellation earns nothing here; the clerk may note more).
- *Pool*: requests per language in a period (by appointment date): filled (a mediator confirmed: held,
  no-show or still confirmed), unfilled, cancelled; hours held; the median lead time in working days;
  mediators' cancellations (offers cancelled after accepting); and the languages the households speak
  that no active mediator does.
"""

from datetime import date
from statistics import median

import frappe
from frappe.utils import flt, get_first_day, get_last_day, getdate

BOOKING, OFFER, MEDIATOR = "Interpreter Booking", "Interpreter Offer", "Language Mediator"
FILLED = ("Confirmed", "Held", "No-show")


def month_of(day: date | str) -> tuple[date, date]:
	return getdate(get_first_day(day)), getdate(get_last_day(day))


def allowance_rows(mediator: str, day: date | str) -> list[dict]:
	"""The mediator's held appointments in the month of `day`, each with its allowance."""
	start, end = month_of(day)
	rate = frappe.db.get_value(MEDIATOR, mediator, ["allowance_per_hour", "allowance_per_assignment"], as_dict=True)
	if not rate:
		return []
	rows = frappe.get_all(
		BOOKING,
		filters={"mediator": mediator, "status": "Held", "date": ["between", [start, end]]},
		fields=["name", "date", "start_time", "interpreter_language", "mode", "hours_held"],
		order_by="date asc, start_time asc",
	)
	for row in rows:
		row.allowance = flt(row.hours_held) * flt(rate.allowance_per_hour) + flt(rate.allowance_per_assignment)
	return rows


def pool_figures(from_date: date | str, to_date: date | str) -> dict:
	bookings = frappe.get_all(
		BOOKING,
		filters={"date": ["between", [getdate(from_date), getdate(to_date)]]},
		fields=["name", "interpreter_language", "status", "hours_held", "lead_working_days"],
	)
	per_language: dict[str, dict] = {}
	for b in bookings:
		row = per_language.setdefault(
			b.interpreter_language,
			{"language": b.interpreter_language, "requests": 0, "filled": 0, "unfilled": 0, "cancelled": 0, "hours": 0.0},
		)
		row["requests"] += 1
		row["filled"] += b.status in FILLED
		row["unfilled"] += b.status == "Unfilled"
		row["cancelled"] += b.status == "Cancelled"
		row["hours"] += flt(b.hours_held) if b.status == "Held" else 0
	names = [b.name for b in bookings]
	mediator_cancellations = (
		frappe.db.count(OFFER, {"parent": ["in", names], "parenttype": BOOKING, "status": "Cancelled"}) if names else 0
	)
	leads = [b.lead_working_days for b in bookings if b.lead_working_days is not None]
	return {
		"languages": sorted(per_language.values(), key=lambda r: r["language"]),
		"requests": len(bookings),
		"filled": sum(r["filled"] for r in per_language.values()),
		"unfilled": sum(r["unfilled"] for r in per_language.values()),
		"cancelled": sum(r["cancelled"] for r in per_language.values()),
		"mediator_cancellations": mediator_cancellations,
		"hours": sum(r["hours"] for r in per_language.values()),
		"median_lead_days": median(leads) if leads else None,
		"lacking": lacking_languages(),
	}


def lacking_languages() -> list[str]:
	"""Languages households speak or need an interpreter for, that no active mediator speaks."""
	needed = set(
		frappe.get_all("Refugee Household", filters={"interpreter_language": ["is", "set"]}, pluck="interpreter_language")
	)
	needed |= set(
		frappe.get_all("Spoken Language", filters={"parenttype": "Refugee Household"}, pluck="language", distinct=True)
	)
	active = frappe.get_all(MEDIATOR, filters={"status": "Active", "pledge_signed_on": ["is", "set"]}, pluck="name")
	spoken = set(
		frappe.get_all(
			"Mediator Language", filters={"parenttype": MEDIATOR, "parent": ["in", active or [""]]}, pluck="language"
		)
	)
	return sorted(lang for lang in needed - spoken - {"de", None, ""})
