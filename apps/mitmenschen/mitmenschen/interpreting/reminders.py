"""The day before an appointment: a reminder to the mediator (German, with their link to cancel) and
one to the family in its own language (the household's tenant email), each once — the sweep fires
the confirmation's "Interpreter Reminder" timer once, and a new confirmation after a cancellation is
a new one.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from mitmenschen.escalation.digest import language
from mitmenschen.interpreting import links
from mitmenschen.interpreting.appointment import FIELDS, facts
from mitmenschen.interpreting.family_texts import FAMILY_TEMPLATES, family_context
from mitmenschen.mediation.closure import household_email, household_language
from mitmenschen.outbound.mail import queue
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
		'<a href="{{ link }}">' + _("Your appointment (cancel if you cannot come)", lang=lang) + "</a>",
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
	if mediator and mediator.email and offer:
		with language(MEDIATOR_LANG):
			context = facts(booking)
		context |= {
			"mediator_name": mediator.full_name,
			"link": links.url(links.OFFER, offer, booking.mediator),
		}
		subject, body = render(MEDIATOR_TEMPLATES, MEDIATOR_LANG, context)
		queue([mediator.email], subject, body, reference_doctype=DOCTYPE, reference_name=booking.name)
		sent.append(mediator.email)
	if booking.household:
		household = frappe.get_doc("Refugee Household", booking.household)
		email = household_email(household)
		if email:
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
