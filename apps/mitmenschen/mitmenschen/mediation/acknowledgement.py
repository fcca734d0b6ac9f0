"""The reporter learns at once that the report arrived: one short mail, in their language, with the
case number in the subject.

It is sent from the case (a Communication of type "Automated Message"), so it shows on the case's
timeline and a reply to it threads into the case by its headers; being automated, it is not the
case's first response. A site without outgoing mail sends nothing.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, get_url

from mitmenschen.language import mail_languages, text_direction
from mitmenschen.outbound.mail import outgoing_account, send_from_record

DOCTYPE = "Mediation Case"


def acknowledge(case, language: str | None = None) -> str | None:
	"""Mail the reporter of a new case; returns the Communication's name, or None if there is nobody
	to tell or no way to send."""
	if not case.reporter_email or not outgoing_account(DOCTYPE):
		return None
	# the reporter's language; one the app does not speak gets German with English below
	languages = mail_languages(language or reporter_language(case.reporter_email))
	subject = f"[{case.name}] {_('We have received your report', lang=languages[0])}"
	content = "<hr>".join(message_in(case, lang) for lang in languages)
	return send_from_record(DOCTYPE, case.name, case.reporter_email, subject, content)


def message_in(case, lang: str) -> str:
	paragraphs = [
		_("Thank you. Your report “{0}” has arrived and has the number {1}.", lang=lang).format(
			escape_html(case.subject), case.name
		),
		_("We will get back to you. Please quote the number when you write to us.", lang=lang),
	]
	if case.channel == "Portal":
		link = get_url("/my-reports")
		paragraphs.append(
			_("You can follow your report at {0}.", lang=lang).format(f'<a href="{link}">{link}</a>')
		)
	return (
		f'<div lang="{lang}" dir="{text_direction(lang)}">'
		+ "".join(f"<p>{p}</p>" for p in paragraphs)
		+ "</div>"
	)


def reporter_language(email: str) -> str:
	"""A portal user's own language; for anyone else the site's (the cooperative's) language."""
	return frappe.db.get_value("User", {"email": email}, "language") or frappe.db.get_default("lang") or "de"
