"""What a mediator may know of an appointment — and nothing else.

`facts()` is the one place that reads a booking for a mediator: date, time, duration, place or call
link, language, the clerk's name and phone, and a neutral purpose. It never reads the case, its
description, the other party, the reporter or the household, so no page, mail or reminder built on
it can leak them (tests/test_language_mediators.py asserts it against every field of the case).
"""

import frappe
from frappe import _
from frappe.utils import format_date, format_time, get_fullname

from mitmenschen import language as names

# the occasion -> a neutral purpose (English source, German for the mediators)
PURPOSES = {
	"Mediation Talk": "Conversation about the house rules",
	"House Rules Explanation": "Explanation of the house rules",
	"Onboarding Step": "Conversation about settling in",
	"Round Table Meeting": "Round table meeting",
}
FIELDS = (
	"name",
	"status",
	"purpose_type",
	"interpreter_language",
	"dialect",
	"date",
	"start_time",
	"duration_hours",
	"mode",
	"place",
	"call_link",
	"clerk",
	"clerk_phone",
	"mediator",
	"offer_deadline",
)


def purpose(purpose_type: str | None) -> str:
	return _(PURPOSES.get(purpose_type or "", "Conversation about the house rules"))


def language_name(code: str | None) -> str:
	"""The language's name in the reader's language ("Arabisch"), not in its own script."""
	return names.language_name(code)


def facts(booking) -> dict:
	"""The appointment as a mediator sees it (strings in the current language)."""
	language = language_name(booking.interpreter_language)
	if booking.dialect:
		language = f"{language} ({booking.dialect})"
	in_person = booking.mode == "In Person"
	return {
		"date": format_date(booking.date, "dd.MM.yyyy"),
		"time": format_time(booking.start_time, "HH:mm"),
		"duration": f"{float(booking.duration_hours or 0):g}",
		"mode": _(booking.mode),
		"where_label": _("Place") if in_person else _("Call link or number"),
		"where": (booking.place if in_person else booking.call_link) or "",
		"language": language,
		"clerk": get_fullname(booking.clerk) if booking.clerk else "",
		"clerk_phone": booking.clerk_phone or "",
		"purpose": purpose(booking.purpose_type),
	}
