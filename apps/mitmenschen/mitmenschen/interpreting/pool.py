"""The pool of language mediators and who of them fits an appointment.

A mediator is a person, not a user of the app: they are reached by mail and answer through signed
links (interpreting/offers.py). Only an *active* mediator with a signed confidentiality pledge is
ever asked. Matching is plain filtering over a small pool (tens, at most a few hundred people), so
it reads the pool once and decides in Python, where every rule is one named line:

- the language, and the dialect when the booking names one;
- the mode (in person, phone, video) and, in person, the district (a mediator without districts
  goes anywhere);
- the weekday and no blackout on the day;
- no confirmed booking of theirs that overlaps the appointment;
- not marked as a conflict on the booking (a relative or neighbour of the family).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import frappe
from frappe import _
from frappe.utils import get_datetime, get_time, getdate

MEDIATOR, BOOKING = "Language Mediator", "Interpreter Booking"
ACTIVE = "Active"
IN_PERSON, PHONE, VIDEO = "In Person", "Phone", "Video"
MODE_FIELDS = {IN_PERSON: "in_person", PHONE: "by_phone", VIDEO: "by_video"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
BUSY = ("Confirmed",)  # a booking that holds its mediator's time
LEVEL_ORDER = {"Native": 0, "Fluent": 1, "Good": 2, "Basic": 3}


class MediatorError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class Need:
	"""What an appointment asks of a mediator."""

	language: str
	start: datetime
	end: datetime
	mode: str = IN_PERSON
	dialect: str | None = None
	district: str | None = None
	booking: str | None = None  # the booking itself: its own mediator is not "busy" with it
	written: bool = False  # a short written translation (no time, no place)


def appointment(day: date | str, start_time, duration_hours: float) -> tuple[datetime, datetime]:
	start = datetime.combine(getdate(day), get_time(start_time))
	return start, start + timedelta(hours=float(duration_hours or 0))


def same_text(a: str | None, b: str | None) -> bool:
	return (a or "").strip().casefold() == (b or "").strip().casefold()


# ---- the mediator's own rules (validate) -------------------------------------------------------------


def validate_mediator(doc) -> None:
	if doc.status == ACTIVE and not doc.pledge_signed_on:
		frappe.throw(
			_("An active mediator needs the date the confidentiality pledge was signed."),
			title=_("Pledge Missing"),
			exc=MediatorError,
		)
	if not any(doc.get(field) for field in MODE_FIELDS.values()) and not doc.offers_written_translation:
		frappe.throw(
			_("Please choose at least one mode: in person, by phone or by video."),
			title=_("Mode Missing"),
			exc=MediatorError,
		)
	seen = set()
	for row in doc.get("languages") or []:
		key = (row.language, (row.dialect or "").strip().casefold())
		if key in seen:
			frappe.throw(
				_("Row {0}: the language {1} is listed twice.").format(row.idx, frappe.bold(row.language)),
				exc=MediatorError,
			)
		seen.add(key)
	for row in doc.get("blackouts") or []:
		if getdate(row.to_date) < getdate(row.from_date):
			frappe.throw(
				_("Blackout row {0}: the end date is before the start date.").format(row.idx),
				exc=MediatorError,
			)


# ---- matching -----------------------------------------------------------------------------------------


def matching_mediators(need: Need, excluded: Iterable[str] = ()) -> list[str]:
	"""Names of the mediators who fit `need`, best first (native speakers first, then by name)."""
	excluded = set(excluded)
	pool = _pool(need.language)
	busy = set() if need.written else busy_mediators(need)
	fitting = []
	for mediator in pool.values():
		if mediator.name in excluded or mediator.name in busy:
			continue
		level = speaks(mediator, need)
		if level is None or not offers_mode(mediator, need) or not free_on(mediator, need):
			continue
		fitting.append((LEVEL_ORDER.get(level or "", 9), mediator.full_name, mediator.name))
	return [name for *_key, name in sorted(fitting)]


def speaks(mediator, need: Need) -> str | None:
	"""The mediator's level in the needed language and dialect, or None when they do not speak it."""
	for row in mediator.languages:
		if row.language == need.language and (not need.dialect or same_text(row.dialect, need.dialect)):
			return row.level or ""
	return None


def offers_mode(mediator, need: Need) -> bool:
	if need.written:
		return bool(mediator.offers_written_translation)
	if not mediator.get(MODE_FIELDS.get(need.mode, "")):
		return False
	if need.mode == IN_PERSON and need.district and mediator.districts:
		return any(same_text(d, need.district) for d in mediator.districts)
	return True


def free_on(mediator, need: Need) -> bool:
	if need.written:
		return True
	day = need.start.date()
	if not mediator.get(WEEKDAYS[day.weekday()]):
		return False
	return not any(getdate(b.from_date) <= day <= getdate(b.to_date) for b in mediator.blackouts)


def busy_mediators(need: Need) -> set[str]:
	"""Mediators with a confirmed booking overlapping the appointment (other than the booking itself)."""
	filters = {"status": ["in", BUSY], "date": need.start.date(), "mediator": ["is", "set"]}
	if need.booking:
		filters["name"] = ["!=", need.booking]
	busy = set()
	for other in frappe.get_all(
		BOOKING, filters=filters, fields=["mediator", "date", "start_time", "duration_hours"]
	):
		start, end = appointment(other.date, other.start_time, other.duration_hours)
		if start < need.end and need.start < end:
			busy.add(other.mediator)
	return busy


def _pool(language: str) -> dict:
	"""Active mediators with a pledge who speak `language`, with their child rows (four queries)."""
	names = frappe.get_all(
		"Mediator Language",
		filters={"parenttype": MEDIATOR, "language": language},
		pluck="parent",
		distinct=True,
	)
	if not names:
		return {}
	mediators = {
		m.name: m
		for m in frappe.get_all(
			MEDIATOR,
			filters={"name": ["in", names], "status": ACTIVE, "pledge_signed_on": ["is", "set"]},
			fields=["name", "full_name", "offers_written_translation", *MODE_FIELDS.values(), *WEEKDAYS],
		)
	}
	for m in mediators.values():
		m.languages, m.districts, m.blackouts = [], [], []
	if not mediators:
		return {}
	children = (
		("Mediator Language", "languages", ["parent", "language", "dialect", "level"]),
		("Partner District", "districts", ["parent", "district"]),
		("Mediator Blackout", "blackouts", ["parent", "from_date", "to_date"]),
	)
	for doctype, key, fields in children:
		for row in frappe.get_all(
			doctype, filters={"parenttype": MEDIATOR, "parent": ["in", list(mediators)]}, fields=fields
		):
			value = row.district if key == "districts" else row
			mediators[row.parent][key].append(value)
	return mediators


def need_of(booking) -> Need:
	start, end = appointment(booking.date, booking.start_time, booking.duration_hours)
	return Need(
		language=booking.interpreter_language,
		dialect=booking.dialect or None,
		mode=booking.mode,
		district=booking.district or None,
		start=get_datetime(start),
		end=get_datetime(end),
		booking=booking.name,
	)
