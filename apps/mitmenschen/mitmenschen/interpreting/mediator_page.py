"""What the mediator's page (/d/<offer>/<signature>, www/interpreting.py) says, in German: the pool's
mediators are German-speaking, so the page and their mails are written for them in German whatever
the browser asks for. Only `appointment.facts()` is shown; an invalid or spent link gets a message and
nothing else.
"""

import frappe
from frappe import _
from frappe.utils import format_datetime

from mitmenschen.interpreting import offers, voice
from mitmenschen.interpreting.appointment import facts

LANG = offers.MEDIATOR_LANG
STATUS = {offers.INVALID: 404, offers.GONE: 410}


def title() -> str:
	return _("Interpreting request")


def page(offer: str | None, sig: str | None) -> dict:
	state, booking, why = offers.check_link(offer, sig)
	result = frappe._dict(state=state, http_status_code=STATUS.get(state, 200))
	if state == offers.INVALID:
		result.message = _("This link is not valid. Please check the address in your email.")
		return result
	if state == offers.GONE:
		result.message = offers.gone_message(why)
		return result
	result.offer, result.sig = offer, sig
	result.facts = facts(booking)
	result.deadline = format_datetime(booking.offer_deadline, "dd.MM.yyyy HH:mm") if state == offers.OPEN else None
	# the report's voice message, for the booked mediator only (interpreting/voice.py)
	result.voice = voice.urls(offer, sig) if state == offers.MINE else []
	result.texts = {
		"intro": _("We are looking for a language mediator for this appointment:")
		if state == offers.OPEN
		else _("Your appointment:"),
		"when": _("When"),
		"hours": _("hours"),
		"how": _("How"),
		"language": _("Language"),
		"purpose": _("Purpose"),
		"contact": _("Contact"),
		"answer_by": _("Please answer by"),
		"accept": _("Accept"),
		"decline": _("Decline"),
		"cancel": _("I cannot come: cancel"),
		"confidential": _("You learn only what the appointment needs. Everything you hear is confidential."),
		"voice": _("The voice message of the report (to listen to before the appointment):"),
	}
	return result


def translation_page(name: str | None, sig: str | None) -> dict:
	"""/t/<translation>/<signature>: only the text and a box for the translation."""
	from mitmenschen.interpreting import written
	from mitmenschen.interpreting.appointment import language_name

	state, row = written.check_link(name, sig)
	result = frappe._dict(state=state, http_status_code={written.INVALID: 404, written.GONE: 410}.get(state, 200))
	if state == written.INVALID:
		result.message = _("This link is not valid. Please check the address in your email.")
		return result
	if state == written.GONE:
		result.message = _("This text has already been translated. Thank you!")
		return result
	result.translation, result.sig = row.name, sig
	result.source_text = row.source_text
	result.max_text = written.MAX_TEXT
	result.texts = {
		"intro": _("Please translate this text from {0} into {1}:").format(
			language_name(row.source_language), language_name(row.target_language)
		),
		"translation": _("Your translation"),
		"send": _("Send translation"),
		"confidential": _("You learn only what the appointment needs. Everything you hear is confidential."),
	}
	return result
