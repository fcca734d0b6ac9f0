"""Interpreter bookings as a source of the escalation engine (registered in hooks:
`escalation_sources`). Three clocks, all on the booking:

- "Interpreter Answer" (one timer per search round, due at the round's deadline): nobody accepted in
  time, so `fired` restarts the search (interpreting/offers.py); nobody is mailed.
- "Interpreter Unfilled": nobody fits any more — the clerk who booked at once, the managers a
  working day later.
- "Interpreter Reminder": the day before, `fired` reminds the mediator and the family
  (interpreting/reminders.py), and notes it on the timeline itself.
"""

import frappe
from frappe import _
from frappe.utils import get_url

from mitmenschen.escalation import recipients as generic
from mitmenschen.escalation.recipients import Recipient
from mitmenschen.escalation.sources import Notice, notice_for
from mitmenschen.interpreting import offers, reminders

DOCTYPE = offers.DOCTYPE
MANAGER = "Mit:Menschen Manager"
OWN_TIMELINE_CLOCKS = frozenset({offers.ANSWER_CLOCK, offers.REMINDER_CLOCK})


def notices(timers: list[dict]) -> list[Notice]:
	unfilled = [t for t in timers if t.clock == offers.UNFILLED_CLOCK]
	bookings = {
		b.name: b
		for b in frappe.get_all(
			DOCTYPE,
			filters={"name": ["in", [t.reference_name for t in unfilled] or [""]], "status": offers.UNFILLED},
			fields=["name", "clerk", "interpreter_language", "date"],
		)
	}
	result = []
	for timer in unfilled:
		booking = bookings.get(timer.reference_name)
		if not booking:
			continue  # found somebody or cancelled meanwhile
		people = recipients(timer, booking)
		title = _("No language mediator found: {0} on {1}").format(
			booking.interpreter_language, frappe.utils.format_date(booking.date, "dd.MM.yyyy")
		)
		link = get_url(f"/app/interpreter-booking/{booking.name}")
		result += [notice_for(timer, recipient, title=title, link=link) for recipient in people]
	return result


def recipients(timer: dict, booking: dict) -> list[Recipient]:
	"""The rung's role or user; "Assignee" is the clerk who booked; nobody found: the managers."""
	if timer.notify == "Role" and timer.notify_value:
		names = holders(timer.notify_value)
	elif timer.notify == "User" and timer.notify_value:
		names = [timer.notify_value]
	else:
		names = [booking.clerk]
	return generic.users(names) or generic.users(holders(MANAGER))


def holders(role: str) -> list[str]:
	return frappe.get_all("Has Role", filters={"role": role, "parenttype": "User"}, pluck="parent", distinct=True)


def fired(timers: list[dict]) -> None:
	for timer in timers:
		if timer.clock == offers.ANSWER_CLOCK:
			offers.deadline_passed(timer.reference_name, timer.level)
		elif timer.clock == offers.REMINDER_CLOCK:
			reminders.remind(timer.reference_name)
