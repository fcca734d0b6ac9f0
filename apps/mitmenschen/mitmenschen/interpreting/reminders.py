"""The day before an appointment: a reminder to the mediator (German, with their link to cancel) and
one to the family in its own language (the household's tenant email), each once — the sweep fires
the confirmation's "Interpreter Reminder" timer once, and a new confirmation after a cancellation is
a new one.

A mediator or household with Contact Channels is reminded through outbound.notices.notify on its
consented channel (SMS, WhatsApp, email, else a letter), once per confirmation (the key names the
accepted offer). The mediator's text holds only the appointment's facts (appointment.facts: time,
place, language, the clerk) and their link, never anything of the case.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from mitmenschen.escalation.digest import language
from mitmenschen.interpreting import links
from mitmenschen.interpreting.appointment import FIELDS, facts
from mitmenschen.interpreting.family_texts import FAMILY_TEMPLATES, family_context
from mitmenschen.mediation.closure import household_email, household_language
from mitmenschen.outbound.consent import profile_of
from mitmenschen.outbound.mail import queue
from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet, render

DOCTYPE, OFFER, MEDIATOR = "Interpreter Booking", "Interpreter Offer", "Language Mediator"
MEDIATOR_LANG = "de"  # the pool's mediators read German


def mediator_texts(lang: str) -> tuple[str, str]:
	subject = _("Reminder: interpreting tomorrow, {0}", lang=lang).format("{{ time }}")
	lines = [
		_("Hello {0},", lang=lang).format("{{ mediator_name }}"),
		_("a reminder of your appointment tomorrow:", lang=lang),
		"<b>{{ purpose }}</b><br>{{ date }}, {{ time }} ({{ duration }} h) · {{ mode }}<br>"
		"{{ where_label }}: {{ where }}<br>{{ language }}",
		_("Contact: {0}, {1}", lang=lang).format("{{ clerk }}", "{{ clerk_phone }}"),
		# the address written out: an SMS or WhatsApp message carries text, not links
		_("Your appointment (cancel if you cannot come)", lang=lang) + ': <a href="{{ link }}">{{ link }}</a>',
	]
	return subject, "".join(f"<p>{line}</p>" for line in lines)


MEDIATOR_TEMPLATES = TemplateSet("Mit:Menschen Interpreter Reminder – Mediator", mediator_texts)


def remind(booking_name: str) -> list[str]:
	"""Returns the addresses reminded."""
	booking = frappe.db.get_value(DOCTYPE, booking_name, [*FIELDS, "household"], as_dict=True)
	if not booking or booking.status != "Confirmed" or not booking.mediator:
		return []
	sent = []
	mediator = frappe.db.get_value(MEDIATOR, booking.mediator, ["full_name", "email"], as_dict=True)
	offer = frappe.db.get_value(OFFER, {"parent": booking.name, "mediator": booking.mediator, "status": "Accepted"})
	if mediator and offer and (mediator.email or profile_of(MEDIATOR, booking.mediator)):
		with language(MEDIATOR_LANG):
			context = facts(booking)
		context |= {
			"mediator_name": mediator.full_name,
			"link": links.url(links.OFFER, offer, booking.mediator),
		}
		if profile_of(MEDIATOR, booking.mediator):
			sent.append(
				notice_address(
					notify(
						(MEDIATOR, booking.mediator),
						MEDIATOR_TEMPLATES,
						context,
						reference=(DOCTYPE, booking.name),
						key=f"interpreter-reminder:{booking.name}:{offer}:mediator",
						language=MEDIATOR_LANG,
					)
				)
			)
		else:
			subject, body = render(MEDIATOR_TEMPLATES, MEDIATOR_LANG, context)
			queue([mediator.email], subject, body, reference_doctype=DOCTYPE, reference_name=booking.name)
			sent.append(mediator.email)
	if booking.household:
		household = frappe.get_doc("Refugee Household", booking.household)
		email = household_email(household)
		if profile_of("Refugee Household", household.name):
			sent.append(
				notice_address(
					notify(
						("Refugee Household", household.name),
						FAMILY_TEMPLATES,
						family_context(booking),
						reference=(DOCTYPE, booking.name),
						key=f"interpreter-reminder:{booking.name}:{offer}:family",
						language=household_language(household),
					)
				)
			)
		elif email:
			lang = household_language(household)
			subject, body = render(FAMILY_TEMPLATES, lang, family_context(booking))
			queue([email], subject, body, reference_doctype=DOCTYPE, reference_name=booking.name)
			sent.append(email)
	frappe.db.set_value(DOCTYPE, booking.name, "reminded_on", now_datetime(), update_modified=False)
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": DOCTYPE,
			"reference_name": booking.name,
			"content": _("Reminder sent to: {0}").format(", ".join(sent) or _("nobody (no email address)")),
		}
	).insert(ignore_permissions=True)
	return sent


def notice_address(message: str) -> str:
	"""How the notice goes, for the booking's timeline line ("SMS +49…", "Letter")."""
	channel, address = frappe.db.get_value("Outbound Message", message, ["channel", "address"])
	return f"{_(channel)} {address}" if address and channel != "Letter" else _(channel)
