"""A booking made where the need arises: a case's talk (its playbook step "Book Interpreter"), a
household's house-rules explanation or onboarding step, a round-table meeting. The record gives the
language, the household and the district; the clerk gives date, time, duration, and place or mode.
Afterwards the clerk records the outcome (held with the hours, no-show, cancelled).
"""

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime, get_time, now_datetime

from mitmenschen.interpreting import offers

DOCTYPE = offers.DOCTYPE
CASE, HOUSEHOLD, MEETING = "Mediation Case", "Refugee Household", "Round Table Meeting"
OCCASIONS = {CASE: "Mediation Talk", HOUSEHOLD: "House Rules Explanation", MEETING: "Round Table Meeting"}
MAX_HOURS = 12


class BookingError(frappe.ValidationError):
	pass


# ---- from the record (validate, new bookings) --------------------------------------------------------


def household_language(household) -> str | None:
	if household.interpreter_language:
		return household.interpreter_language
	return next((row.language for row in household.get("languages") or [] if row.language not in (None, "de")), None)


def fill_from_source(doc) -> None:
	if doc.mediation_case:
		case = frappe.get_doc(CASE, doc.mediation_case)
		doc.household = doc.household or case.respondent_household
		doc.district = doc.district or case.district
		doc.interpreter_language = doc.interpreter_language or case.interpreter_language
	if doc.household:
		household = frappe.get_doc(HOUSEHOLD, doc.household)
		doc.interpreter_language = doc.interpreter_language or household_language(household)
		doc.district = doc.district or household.district
	if doc.meeting and doc.mode == "In Person" and not doc.place:
		doc.place = frappe.db.get_value(MEETING, doc.meeting, "location")
	doc.clerk = doc.clerk or frappe.session.user
	if not doc.clerk_phone and doc.clerk:
		phone = frappe.db.get_value("User", doc.clerk, ["phone", "mobile_no"])
		doc.clerk_phone = next((p for p in phone or () if p), None)
	if not doc.interpreter_language:
		frappe.throw(
			_("The record names no language: please choose the language to interpret."),
			title=_("Language Missing"),
			exc=BookingError,
		)


def validate_appointment(doc) -> None:
	try:
		start = get_time(doc.start_time).strftime("%H:%M:%S")
		if doc.is_new():
			doc.start_time = start  # "9:30" typed in the dialog; fixed once booked
	except (TypeError, ValueError, AttributeError):  # dateutil: ParserError (a ValueError), or None for "25:00"
		frappe.throw(
			_("Please give the start time as hours and minutes, e.g. 14:30."), title=_("Start Time"), exc=BookingError
		)
	if not doc.duration_hours or doc.duration_hours <= 0 or doc.duration_hours > MAX_HOURS:
		frappe.throw(
			_("The duration must be between a quarter of an hour and {0} hours.").format(MAX_HOURS),
			title=_("Duration"),
			exc=BookingError,
		)
	if doc.mode == "In Person" and not (doc.place or "").strip():
		frappe.throw(_("Please give the place of the appointment."), title=_("Place Missing"), exc=BookingError)
	if doc.mode != "In Person" and not (doc.call_link or "").strip():
		frappe.throw(
			_("Please give the call link or phone number."), title=_("Call Link Missing"), exc=BookingError
		)


# ---- the desk's calls ---------------------------------------------------------------------------------


@frappe.whitelist()
def book(
	reference_doctype: str,
	reference_name: str,
	date: str,
	start_time: str,
	duration_hours: float = 1,
	mode: str = "In Person",
	place: str | None = None,
	call_link: str | None = None,
	language: str | None = None,
	dialect: str | None = None,
	step: str | None = None,
	short_notice_reason: str | None = None,
	purpose_type: str | None = None,
) -> dict:
	"""Book from a case (and its playbook step), a household or a meeting; the search starts at once."""
	if reference_doctype not in OCCASIONS:
		frappe.throw(_("Interpreters are booked from a case, a household or a meeting."), exc=BookingError)
	source = frappe.get_doc(reference_doctype, reference_name)
	source.check_permission("write" if reference_doctype == CASE else "read")
	if step and not (reference_doctype == CASE and any(r.name == step for r in source.get("playbook_steps") or [])):
		frappe.throw(_("This playbook step is not on the case (any more)."), exc=BookingError)
	field = {CASE: "mediation_case", HOUSEHOLD: "household", MEETING: "meeting"}[reference_doctype]
	doc = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			field: reference_name,
			"purpose_type": purpose_type or OCCASIONS[reference_doctype],
			"case_step": step,
			"date": date,
			"start_time": start_time,
			"duration_hours": duration_hours,
			"mode": mode,
			"place": place,
			"call_link": call_link,
			"interpreter_language": language,
			"dialect": dialect,
			"short_notice_reason": short_notice_reason,
		}
	).insert()
	return {"name": doc.name, "status": doc.status, "offers": len(doc.offers)}


@frappe.whitelist()
def bookings_for_case(case: str) -> list[dict]:
	"""The case's bookings for its checklist (step, status, mediator's name)."""
	frappe.get_doc(CASE, case).check_permission("read")
	rows = frappe.get_all(
		DOCTYPE,
		filters={"mediation_case": case},
		fields=["name", "case_step", "status", "date", "start_time", "mediator"],
		order_by="creation desc",
	)
	for row in rows:
		row.mediator_name = offers.mediator_name(row.mediator) if row.mediator else None
	return rows


@frappe.whitelist()
def record_outcome(booking: str, outcome: str, hours: float | None = None, reason: str | None = None) -> dict:
	"""Held (with the hours the clerk confirms), no-show, or cancelled by the cooperative."""
	doc = frappe.get_doc(DOCTYPE, booking)
	doc.check_permission("write")
	if outcome not in (offers.HELD, offers.NO_SHOW, offers.CANCELLED):
		frappe.throw(_("Unknown outcome."), exc=BookingError)
	if outcome == offers.CANCELLED:
		if doc.status in (offers.HELD, offers.NO_SHOW, offers.CANCELLED):
			frappe.throw(_("This booking is already over."), exc=BookingError)
		doc.cancellation_reason = (reason or "").strip() or None
		for row in doc.offers:
			if row.status == offers.OFFERED:
				row.status = offers.EXPIRED
	else:
		if doc.status != offers.CONFIRMED:
			frappe.throw(_("Only a confirmed appointment can be held or missed."), exc=BookingError)
		if get_datetime(f"{doc.date} {doc.start_time}") > now_datetime():
			frappe.throw(_("The appointment has not begun yet."), exc=BookingError)
		if outcome == offers.HELD:
			if not hours or float(hours) <= 0 or float(hours) > MAX_HOURS:
				frappe.throw(
					_("Please confirm the hours held (more than 0, at most {0}).").format(MAX_HOURS),
					exc=BookingError,
				)
			doc.hours_held = float(hours)
			doc.hours_confirmed_by = frappe.session.user
	doc.status = outcome
	doc.save()
	text = _("Interpreting: {0}").format(_(outcome))
	if doc.hours_held and outcome == offers.HELD:
		text += " " + hours_confirmed(doc.hours_held)
	if doc.cancellation_reason and outcome == offers.CANCELLED:
		text += " – " + escape_html(doc.cancellation_reason)
	offers.note(doc, text)
	return doc.as_dict()


def hours_confirmed(hours: float) -> str:
	"""The timeline's "(2 hours confirmed)"; one hour in the singular ("1 Stunden" reads wrong)."""
	if hours == 1:
		return _("(1 hour confirmed)")
	return _("({0} hours confirmed)").format(f"{hours:g}")
