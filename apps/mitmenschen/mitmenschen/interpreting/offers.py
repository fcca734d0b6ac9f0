"""Offers to mediators, and their answers through a signed link (no login).

- *Search*: the matching mediators (interpreting/pool.py) not asked before get an offer, a few per
  round (Interpreting Settings), by mail with their own link, and a deadline to answer.
- *First to accept gets it*: the booking's row is locked (`FOR UPDATE`) and the acceptance counts
  only while the booking is still "Offered"; two clicks at the same moment are served one after the
  other, the second is told the appointment is taken. Exactly one mediator is confirmed.
- *Restart*: when every offer of the round is declined, when the deadline passes without an
  acceptance (the escalation sweep fires the round's "Interpreter Answer" timer), or when the
  confirmed mediator cancels, the search starts again with those not asked yet. Nobody left: the
  booking is "Unfilled" and goes up the ladder to the clerk (interpreting/escalation_source.py).
- On confirmation the case's playbook step "Book Interpreter" is done; a cancellation opens it again.
"""

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from mitmenschen.escalation import ladder, timers
from mitmenschen.escalation.digest import language
from mitmenschen.interpreting import links
from mitmenschen.interpreting.appointment import FIELDS, facts
from mitmenschen.interpreting.lead_time import calendar
from mitmenschen.interpreting.pool import appointment, matching_mediators, need_of
from mitmenschen.mediation import playbook
from mitmenschen.outbound.mail import outgoing_account, queue
from mitmenschen.outbound.templates import TemplateSet, render

DOCTYPE, OFFER, MEDIATOR = "Interpreter Booking", "Interpreter Offer", "Language Mediator"
SEARCHING, OFFERED, CONFIRMED = "Searching", "Offered", "Confirmed"
HELD, NO_SHOW, CANCELLED, UNFILLED = "Held", "No-show", "Cancelled", "Unfilled"
# offer rows
ACCEPTED, DECLINED, EXPIRED, TAKEN = "Accepted", "Declined", "Expired", "Taken"
ANSWER_CLOCK, REMINDER_CLOCK, UNFILLED_CLOCK = "Interpreter Answer", "Interpreter Reminder", "Interpreter Unfilled"
SETTINGS = "Interpreting Settings"
MEDIATOR_LANG = "de"  # the pool's mediators read German
# link states (the page's)
INVALID, GONE, OPEN, MINE = "invalid", "gone", "open", "mine"


class OfferError(frappe.ValidationError):
	pass


# ---- searching ------------------------------------------------------------------------------------------


def settings() -> tuple[int, int]:
	hours = frappe.db.get_single_value(SETTINGS, "answer_hours")
	per_round = frappe.db.get_single_value(SETTINGS, "offers_per_round")
	return int(hours or 48), int(per_round or 5)


def search(doc, now: datetime | None = None, ask_again: bool = False) -> None:
	"""Start a new round on `doc` (in memory; the caller saves). Earlier offers still open expire.
	`ask_again`: a clerk's new search also asks those whose offer merely expired."""
	now = now or now_datetime()
	hours, per_round = settings()
	for row in doc.get("offers") or []:
		if row.status == OFFERED:
			row.status = EXPIRED
	# those who lost a race ("taken") may be asked again after a cancellation; who declined, cancelled
	# or let the offer expire is not asked again — unless a clerk searches anew
	not_again = (DECLINED, CANCELLED) if ask_again else (DECLINED, CANCELLED, EXPIRED)
	asked = {row.mediator for row in doc.get("offers") or [] if row.status in not_again}
	excluded = asked | {row.mediator for row in doc.get("excluded_mediators") or []}
	chosen = matching_mediators(need_of(doc), excluded)[:per_round]
	doc.offer_round = (doc.offer_round or 0) + 1
	doc.mediator = None
	if not chosen:
		doc.status, doc.offer_deadline = UNFILLED, None
		return
	start, _end = appointment(doc.date, doc.start_time, doc.duration_hours)
	# an answer is needed in time to search again before the appointment
	doc.offer_deadline = max(min(add_to_date(now, hours=hours), start - timedelta(hours=2)), now)
	doc.status = OFFERED
	for mediator in chosen:
		doc.append("offers", {"mediator": mediator, "status": OFFERED, "round": doc.offer_round})


def dispatch(doc) -> None:
	"""on_update: mail the new offers; the timers follow the status."""
	if doc.status == OFFERED:
		send_offers(doc)
		rung = ladder.Rung(level=doc.offer_round or 1, trigger="Before", percent=0, notify="Assignee")
		timers.schedule(DOCTYPE, doc.name, ANSWER_CLOCK, [ladder.Step(rung, get_datetime(doc.offer_deadline))])
		timers.cancel(DOCTYPE, doc.name, [UNFILLED_CLOCK, REMINDER_CLOCK])
	elif doc.status == CONFIRMED:
		timers.cancel(DOCTYPE, doc.name, [ANSWER_CLOCK, UNFILLED_CLOCK])
		schedule_reminder(doc)
	elif doc.status == UNFILLED:
		timers.cancel(DOCTYPE, doc.name, [ANSWER_CLOCK, REMINDER_CLOCK])
		schedule_unfilled(doc)
	else:
		timers.cancel(DOCTYPE, doc.name, [ANSWER_CLOCK, UNFILLED_CLOCK, REMINDER_CLOCK])


def schedule_reminder(doc) -> None:
	"""The day before at 08:00 (at once when that has passed): the mediator and the family."""
	start, _end = appointment(doc.date, doc.start_time, doc.duration_hours)
	due = datetime.combine(getdate(doc.date) - timedelta(days=1), datetime.min.time()) + timedelta(hours=8)
	rung = ladder.Rung(level=doc.offer_round or 1, trigger="Before", percent=0, notify="Assignee")
	timers.schedule(DOCTYPE, doc.name, REMINDER_CLOCK, [ladder.Step(rung, min(due, start))])


def schedule_unfilled(doc) -> None:
	"""Nobody found: the clerk at once, the managers a working day later if it is still unfilled."""
	now = now_datetime()
	cal = calendar(doc.mediation_case)
	rungs = [
		ladder.Step(ladder.Rung(level=1, trigger="Breach", notify="Assignee"), now),
		ladder.Step(
			ladder.Rung(level=2, trigger="Breach", notify="Role", notify_value="Mit:Menschen Manager"),
			cal.add(now, cal.hours_per_day),
		),
	]
	timers.schedule(DOCTYPE, doc.name, UNFILLED_CLOCK, rungs)


# ---- the offer mail -------------------------------------------------------------------------------------


def offer_texts(lang: str) -> tuple[str, str]:
	subject = _("Interpreting request: {0} on {1}", lang=lang).format("{{ language }}", "{{ date }}")
	lines = [
		_("Hello {0},", lang=lang).format("{{ mediator_name }}"),
		_("we are looking for a language mediator for this appointment:", lang=lang),
		"<b>{{ purpose }}</b><br>{{ date }}, {{ time }} ({{ duration }} h) · {{ mode }}<br>"
		"{{ where_label }}: {{ where }}<br>{{ language }}",
		_("Please answer by {0}. The first to accept gets the appointment.", lang=lang).format(
			"{{ deadline }}"
		),
		'<a href="{{ link }}">' + _("Accept or decline", lang=lang) + "</a>",
		_("Contact: {0}, {1}", lang=lang).format("{{ clerk }}", "{{ clerk_phone }}"),
	]
	return subject, "".join(f"<p>{line}</p>" for line in lines)


OFFER_TEMPLATES = TemplateSet("Mit:Menschen Interpreter Offer", offer_texts)


def send_offers(doc) -> int:
	"""Mail every offer of the booking not yet sent (Email Queue: an SMTP outage delays, loses nothing)."""
	rows = [r for r in doc.get("offers") or [] if r.status == OFFERED and not r.sent_on]
	if not rows or not outgoing_account():
		return 0
	people = mediators([r.mediator for r in rows])
	with language(MEDIATOR_LANG):
		context = facts(doc)
	context |= {"deadline": frappe.utils.format_datetime(doc.offer_deadline, "dd.MM.yyyy HH:mm")}
	now = now_datetime()
	for row in rows:
		person = people.get(row.mediator)
		if not person or not person.email:
			continue
		subject, body = render(
			OFFER_TEMPLATES,
			MEDIATOR_LANG,
			context | {"mediator_name": person.full_name, "link": links.url(links.OFFER, row.name, row.mediator)},
		)
		queue([person.email], subject, body, reference_doctype=DOCTYPE, reference_name=doc.name)
		frappe.db.set_value(OFFER, row.name, "sent_on", now, update_modified=False)
		row.sent_on = now
	return len(rows)


def mediators(names: list[str]) -> dict:
	rows = frappe.get_all(
		MEDIATOR, filters={"name": ["in", list(set(names)) or [""]]}, fields=["name", "full_name", "email"]
	)
	return {row.name: row for row in rows}


# ---- the link -------------------------------------------------------------------------------------------


def check_link(offer: str | None, sig: str | None) -> tuple[str, dict | None, str | None]:
	"""(state, the booking, why it is gone): the signature first, then what the link may still show.
	open: offered and unanswered; mine: accepted by this mediator and still ahead; gone: anything
	else — a page that says why (to the link's holder) and shows no data."""
	if not links.plausible(offer, sig):
		return INVALID, None, None
	row = frappe.db.get_value(OFFER, offer, ["name", "parent", "mediator", "status"], as_dict=True)
	if not row or not links.matches(links.OFFER, row.name, row.mediator, sig):
		return INVALID, None, None
	booking = frappe.db.get_value(DOCTYPE, row.parent, list(FIELDS), as_dict=True)
	if not booking or booking.status == CANCELLED:
		return GONE, None, "cancelled"
	if row.status == OFFERED and booking.status == OFFERED:
		if booking.offer_deadline and now_datetime() > get_datetime(booking.offer_deadline):
			return GONE, None, "expired"
		return OPEN, booking, None
	if row.status == ACCEPTED and booking.status == CONFIRMED and booking.mediator == row.mediator:
		if getdate(booking.date) < getdate(now_datetime()):
			return GONE, None, "over"
		return MINE, booking, None
	why = {DECLINED: "declined", EXPIRED: "expired", CANCELLED: "withdrawn", ACCEPTED: "over"}
	return GONE, None, why.get(row.status, "taken")


def gone_message(why: str | None) -> str:
	return {
		"declined": _("You have declined this offer. Thank you for your answer."),
		"expired": _("This offer has expired."),
		"withdrawn": _("You have cancelled this appointment."),
		"over": _("This appointment is over."),
		"cancelled": _("This appointment is no longer needed."),
		"taken": _("Thank you — someone else has already taken this appointment."),
	}.get(why or "", _("This offer is no longer open."))


@frappe.whitelist(allow_guest=True, methods=["POST"])
def answer(offer: str, sig: str, response: str) -> dict:
	"""The mediator's page: accept, decline, or cancel an accepted appointment. The link is the
	permission. Returns {"result": accepted|declined|cancelled|taken|gone, "message": …}."""
	if response not in ("accept", "decline", "cancel"):
		frappe.throw(_("Unknown answer."), exc=OfferError)
	state, booking, why = check_link(offer, sig)
	if state == INVALID:
		frappe.throw(_("This link is not valid."), exc=OfferError)
	if state == GONE and why == "taken":
		return result("taken")
	if state == GONE or (state == OPEN and response == "cancel") or (state == MINE and response != "cancel"):
		return result("gone")
	if response == "accept":
		return result(accept(booking.name, offer))
	if response == "decline":
		return result(decline(booking.name, offer))
	return result(cancel_by_mediator(booking.name, offer))


def result(key: str) -> dict:
	messages = {
		"accepted": _("Thank you! The appointment is yours. We will remind you the day before."),
		"declined": _("Thank you for your answer. We will ask someone else."),
		"cancelled": _("You have cancelled the appointment. We are looking for someone else."),
		"taken": _("Thank you — someone else has already taken this appointment."),
		"gone": _("This offer is no longer open."),
	}
	return {"result": key, "message": messages[key]}


def _lock(booking: str) -> str | None:
	"""The booking's current status under a row lock: concurrent answers queue here."""
	row = frappe.db.sql(f"select status from `tab{DOCTYPE}` where name = %s for update", booking)
	return row[0][0] if row else None


def _offer_status(offer: str) -> str | None:
	row = frappe.db.sql(f"select status from `tab{OFFER}` where name = %s for update", offer)
	return row[0][0] if row else None


def accept(booking: str, offer: str) -> str:
	booking_status, offer_status = _lock(booking), _offer_status(offer)
	if booking_status != OFFERED or offer_status != OFFERED:
		if offer_status == OFFERED:
			frappe.db.set_value(OFFER, offer, {"status": TAKEN, "answered_on": now_datetime()})
		return "taken"
	now = now_datetime()
	mediator = frappe.db.get_value(OFFER, offer, "mediator")
	frappe.db.set_value(OFFER, offer, {"status": ACCEPTED, "answered_on": now})
	others = frappe.get_all(OFFER, filters={"parent": booking, "status": OFFERED}, pluck="name")
	for other in others:
		frappe.db.set_value(OFFER, other, "status", TAKEN)
	frappe.db.set_value(DOCTYPE, booking, {"status": CONFIRMED, "mediator": mediator, "confirmed_on": now})
	doc = frappe.get_doc(DOCTYPE, booking)
	note(doc, _("Confirmed: {0} interprets on {1}.").format(mediator_name(mediator), _day(doc)))
	tick_step(doc, done=True)
	dispatch(doc)
	return "accepted"


def decline(booking: str, offer: str) -> str:
	status = _lock(booking)
	if _offer_status(offer) != OFFERED:
		return "gone"
	frappe.db.set_value(OFFER, offer, {"status": DECLINED, "answered_on": now_datetime()})
	if status == OFFERED and not frappe.db.exists(OFFER, {"parent": booking, "status": OFFERED}):
		restart(booking, _("Every mediator asked has declined: the search starts again."))
	return "declined"


def cancel_by_mediator(booking: str, offer: str) -> str:
	if _lock(booking) != CONFIRMED or _offer_status(offer) != ACCEPTED:
		return "gone"
	mediator = frappe.db.get_value(OFFER, offer, "mediator")
	frappe.db.set_value(OFFER, offer, {"status": CANCELLED, "answered_on": now_datetime()})
	doc = frappe.get_doc(DOCTYPE, booking)
	tick_step(doc, done=False)
	restart(booking, _("{0} has cancelled: the search starts again.").format(mediator_name(mediator)))
	return "cancelled"


def restart(booking: str, why: str, ask_again: bool = False) -> None:
	doc = frappe.get_doc(DOCTYPE, booking)
	search(doc, ask_again=ask_again)
	doc.flags.ignore_permissions = True
	doc.save()
	if doc.status == UNFILLED:
		why += " " + _("Nobody else fits: the booking is unfilled.")
	note(doc, why)


@frappe.whitelist()
def search_again(booking: str) -> dict:
	"""A clerk asks again (e.g. after changing the time), including those whose offer expired."""
	doc = frappe.get_doc(DOCTYPE, booking)
	doc.check_permission("write")
	if doc.status not in (UNFILLED, OFFERED, SEARCHING):
		frappe.throw(_("Only a booking without a mediator can be searched again."), exc=OfferError)
	_lock(booking)
	restart(booking, _("Search started again by {0}.").format(frappe.utils.get_fullname()), ask_again=True)
	return frappe.get_doc(DOCTYPE, booking).as_dict()


def deadline_passed(booking: str, round_: int) -> None:
	"""The sweep fired the round's answer timer: nobody accepted in time, so the search restarts."""
	if _lock(booking) != OFFERED or frappe.db.get_value(DOCTYPE, booking, "offer_round") != round_:
		return  # accepted, cancelled or already searching again
	restart(booking, _("Nobody accepted by the deadline: the search starts again."))


# ---- the record's timelines and the case's playbook step --------------------------------------------------


def note(doc, text: str) -> None:
	"""On the booking's timeline and, shortened, on the case's or household's."""
	comment = {"doctype": "Comment", "comment_type": "Info", "content": text}
	frappe.get_doc(comment | {"reference_doctype": DOCTYPE, "reference_name": doc.name}).insert(
		ignore_permissions=True
	)
	for doctype, name in (("Mediation Case", doc.mediation_case), ("Refugee Household", doc.household)):
		if name:
			frappe.get_doc(
				comment | {"reference_doctype": doctype, "reference_name": name, "content": f"{doc.name}: {text}"}
			).insert(ignore_permissions=True)
			break


def tick_step(doc, done: bool) -> None:
	"""The case's "Book Interpreter" step is done when the booking is confirmed (rows written directly:
	the mediator's click must not touch anything else on a case a clerk may be editing)."""
	if not doc.mediation_case or not doc.case_step:
		return
	status = frappe.db.get_value(playbook.STEP, doc.case_step, "status")
	if not status or (done and status != playbook.OPEN) or (not done and status != playbook.DONE):
		return
	values = {"status": playbook.DONE, "done_on": now_datetime(), "done_by": doc.clerk} if done else {
		"status": playbook.OPEN,
		"done_on": None,
		"done_by": None,
	}
	frappe.db.set_value(playbook.STEP, doc.case_step, values)
	if done:
		timers.cancel(playbook.STEP, doc.case_step, [playbook.CLOCK])


def mediator_name(name: str | None) -> str:
	return frappe.db.get_value(MEDIATOR, name, "full_name") or name or ""


def _day(doc) -> str:
	return f"{frappe.utils.format_date(doc.date, 'dd.MM.yyyy')} {str(doc.start_time)[:5]}"

