"""The reporter learns at once that the report arrived: one short notice, in their language, with the
case number in the subject.

It leaves through the one way out (`outbound.notices.notify`, key "ack:<case>": sent once however often
a case is saved or a mail pulled):
- a reporter with Contact Channels on record (on the case itself, their tenant record or the household
  living as that tenant) gets it on their consented channel (email, SMS, WhatsApp), else as a letter in
  the print queue;
- a reporter known only by the email address they typed (the form, a mail) gets mail, as before
  there were channels. Mail is sent from the case (a Communication of type "Automated Message"), so
  it shows on the case's timeline and a reply threads into the case by its headers; being automated,
  it is not the case's first response. A site without outgoing mail sends such a reporter nothing.

The texts are Email Templates ("Mit:Menschen Report Received (ar)" …), created on migrate from the app's
translations and then the cooperative's to edit.
"""

import frappe
from frappe import _
from frappe.utils import get_url

from mitmenschen.language import PORTAL_LANGUAGES, text_direction
from mitmenschen.outbound import templates as templates_kit
from mitmenschen.outbound.consent import PROFILE
from mitmenschen.outbound.mail import outgoing_account
from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet

DOCTYPE = "Mediation Case"
HOUSEHOLD = "Refugee Household"


def template_texts(lang: str) -> tuple[str, str]:
	"""Subject and body (Jinja: `case_name`, `subject`, `portal_link` for a report from the portal)."""
	subject = "[{{ case_name }}] " + _("We have received your report", lang=lang)
	paragraphs = [
		_("Thank you. Your report “{0}” has arrived and has the number {1}.", lang=lang).format(
			"{{ subject }}", "{{ case_name }}"
		),
		_("We will get back to you. Please quote the number when you write to us.", lang=lang),
	]
	follow = _("You can follow your report at {0}.", lang=lang).format(
		'<a href="{{ portal_link }}">{{ portal_link }}</a>'
	)
	body = (
		f'<div lang="{lang}" dir="{text_direction(lang)}">'
		+ "".join(f"<p>{p}</p>" for p in paragraphs)
		+ "{% if portal_link %}"
		+ f"<p>{follow}</p>"
		+ "{% endif %}</div>"
	)
	return subject, body


TEMPLATES = TemplateSet("Mit:Menschen Report Received", template_texts)


def ensure_email_templates() -> None:
	templates_kit.ensure(TEMPLATES, PORTAL_LANGUAGES)


def reporter_party(case) -> tuple[tuple[str, str], bool]:
	"""Whom a notice to the case's reporter is addressed to, and whether Contact Channels are on record
	for them: the reporter known only on the case, else their tenant record, else the household living
	as that tenant; without any record the case itself (its reporter email)."""
	candidates = [(DOCTYPE, case.name)]
	if case.get("tenant_doctype") and case.get("reporter_tenant"):
		candidates.append((case.tenant_doctype, case.reporter_tenant))
		candidates += [
			(HOUSEHOLD, name)
			for name in frappe.get_all(
				HOUSEHOLD,
				filters={"tenant_doctype": case.tenant_doctype, "tenant": case.reporter_tenant},
				pluck="name",
				order_by="creation asc",
			)
		]
	for doctype, name in candidates:
		if frappe.db.exists(PROFILE, {"party_doctype": doctype, "party": name}):
			return (doctype, name), True
	return (DOCTYPE, case.name), False


def acknowledge(case, language: str | None = None) -> str | None:
	"""Tell the reporter of a new case; returns the Outbound Message's name, or None if there is nobody
	to tell or no way to send."""
	party, on_record = reporter_party(case)
	if not on_record and not (case.reporter_email and outgoing_account(DOCTYPE)):
		return None
	return notify(
		party,
		TEMPLATES,
		context_of(case),
		reference=(DOCTYPE, case.name),
		key=f"ack:{case.name}",
		# the reporter's language; one the app does not speak gets German with English below
		language=language or reporter_language(case.reporter_email),
		email=None if on_record else case.reporter_email,
	)


def context_of(case) -> dict:
	return {
		"case_name": case.name,
		"subject": case.subject or "",
		"portal_link": get_url("/my-reports") if case.channel == "Portal" else "",
	}


def message_in(case, lang: str) -> str:
	"""The notice's text in `lang` as the reporter would get it now (the translation report's check)."""
	return templates_kit.render_in(TEMPLATES, lang, context_of(case))[1]


def reporter_language(email: str | None) -> str:
	"""A portal user's own language; for anyone else the site's (the cooperative's) language."""
	language = frappe.db.get_value("User", {"email": email}, "language") if email else None
	return language or frappe.db.get_default("lang") or "de"
