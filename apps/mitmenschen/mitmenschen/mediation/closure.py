"""When a case is closed, both sides hear it: a short, neutral message in each one's own language.

- The reporter (by the case's reporter email), in their language (`follow_up.reporter_lang`, the way
  the acknowledgement picks it).
- The respondent household, through its tenant contact (the ERP tenant record's email, else its
  portal user's), in the first of its languages that has a template, else its interpreter language,
  else German. The respondent's message never names or hints at the reporter: its template gets only
  the case number and the cooperative's name, nothing the reporter wrote.

The texts are Email Templates ("Mit:Menschen Case Closed – Reporter (de)" …), created on migrate from
the app's translations and then the cooperative's to edit (an existing template is never replaced).
Mail is sent from the case (Communications of type "Automated Message": on its timeline, replies
thread in). A site without outgoing mail sends nothing.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, now_datetime

from mitmenschen.language import PORTAL_LANGUAGES, base_language, mail_languages, text_direction

DOCTYPE = "Mediation Case"
LANGUAGES = PORTAL_LANGUAGES
REPORTER, RESPONDENT = "Reporter", "Respondent"


def template_name(party: str, lang: str) -> str:
	return f"Mit:Menschen Case Closed – {party} ({lang})"


def template_texts(party: str, lang: str) -> tuple[str, str]:
	"""Subject and body (Jinja: `case_name`, `subject`, `cooperative`) in `lang`."""
	if party == REPORTER:
		subject = "[{{ case_name }}] " + _("Your report is closed", lang=lang)
		lines = [
			_("Hello,", lang=lang),
			_("we have closed your report {0} “{1}”.", lang=lang).format("{{ case_name }}", "{{ subject }}"),
			_("In a few days we will ask you whether the problem is solved.", lang=lang),
			_("Thank you for telling us.", lang=lang),
		]
	else:
		subject = "[{{ case_name }}] " + _("A matter in your building is settled", lang=lang)
		lines = [
			_("Hello,", lang=lang),
			_(
				"the cooperative has looked into a matter concerning living together in your building and has now closed it (number {0}).",
				lang=lang,
			).format("{{ case_name }}"),
			_("If you have questions or need help, please contact us. We are glad to help.", lang=lang),
			_("Kind regards, {0}", lang=lang).format("{{ cooperative }}"),
		]
	body = (
		f'<div lang="{lang}" dir="{text_direction(lang)}">'
		+ "".join(f"<p>{line}</p>" for line in lines)
		+ "</div>"
	)
	return subject, body


def ensure_email_templates() -> None:
	for party in (REPORTER, RESPONDENT):
		for lang in LANGUAGES:
			name = template_name(party, lang)
			subject, body = template_texts(party, lang)
			if lang != "en" and subject == template_texts(party, "en")[0]:
				continue  # translations not compiled yet: made on the next migrate, not left in English
			if frappe.db.exists("Email Template", name):
				refresh_untranslated(name, party, subject, body)
				continue
			frappe.get_doc(
				{
					"doctype": "Email Template",
					"name": name,
					"subject": subject,
					"use_html": 1,
					"response_html": body,
				}
			).insert(ignore_permissions=True)


def refresh_untranslated(name: str, party: str, subject: str, body: str) -> None:
	"""A template made while its language's translations were missing still holds the English subject:
	it gets the translation (a template the cooperative has edited keeps their text)."""
	if frappe.db.get_value("Email Template", name, "subject") == template_texts(party, "en")[0]:
		frappe.db.set_value("Email Template", name, {"subject": subject, "response_html": body})


def render(party: str, lang: str, context: dict) -> tuple[str, str]:
	"""In the reader's language; for a language without templates the German with the English below
	(the German subject)."""
	parts = [render_in(party, code, context) for code in mail_languages(lang)]
	return parts[0][0], "<hr>".join(body for _subject, body in parts)


def render_in(party: str, lang: str, context: dict) -> tuple[str, str]:
	name = template_name(party, lang)
	if not frappe.db.exists("Email Template", name):
		subject, body = template_texts(party, lang)
	else:
		template = frappe.get_cached_doc("Email Template", name)
		subject, body = template.subject, template.response_html or template.response
	# the body is HTML: a case subject is text, whatever markup someone typed into it
	as_html = {key: escape_html(value) if isinstance(value, str) else value for key, value in context.items()}
	return (
		" ".join(frappe.render_template(subject, context).split()),
		frappe.render_template(body, as_html),
	)


def household_language(household) -> str:
	for row in household.get("languages") or []:
		lang = base_language(row.language) if row.language else None
		if lang in LANGUAGES:
			return lang
	if household.interpreter_language and base_language(household.interpreter_language) in LANGUAGES:
		return base_language(household.interpreter_language)
	first = next((row.language for row in household.get("languages") or [] if row.language), None)
	return first or "de"  # a language without templates: `render` writes German and English


def household_email(household) -> str | None:
	"""The tenant record's email address, else the address of its first portal user."""
	if not household.tenant or not household.tenant_doctype:
		return None
	meta = frappe.get_meta(household.tenant_doctype)
	if meta.has_field("email_id"):
		email = frappe.db.get_value(household.tenant_doctype, household.tenant, "email_id")
		if email:
			return email
	user = frappe.db.get_value(
		"Portal User", {"parent": household.tenant, "parenttype": household.tenant_doctype}, "user"
	)
	return frappe.db.get_value("User", user, "email") if user else None


def send_closure_messages(case) -> list[str]:
	"""on_update, when the case was just closed. Returns the Communications sent."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	from mitmenschen.mediation.follow_up import reporter_lang

	account = EmailAccount.find_outgoing(match_by_doctype=DOCTYPE)
	if not account or not account.get("enable_outgoing"):
		return []
	cooperative = (
		frappe.db.get_default("company") or frappe.db.get_single_value("Website Settings", "app_name") or ""
	)
	sent = []
	if case.reporter_email:
		lang = reporter_lang(case)
		context = {"case_name": case.name, "subject": case.subject, "cooperative": cooperative}
		sent.append(_send(case, account, case.reporter_email, *render(REPORTER, lang, context)))
	if case.respondent_household:
		household = frappe.get_doc("Refugee Household", case.respondent_household)
		email = household_email(household)
		if email and email.strip().lower() != (case.reporter_email or "").strip().lower():
			# only the number and the cooperative: nothing of what the reporter wrote or who they are
			context = {"case_name": case.name, "cooperative": cooperative}
			sent.append(
				_send(case, account, email, *render(RESPONDENT, household_language(household), context))
			)
	if sent:
		frappe.db.set_value(DOCTYPE, case.name, "closure_notified_on", now_datetime(), update_modified=False)
	return sent


def _send(case, account, recipient: str, subject: str, content: str) -> str:
	from frappe.core.doctype.communication.email import _make as make_communication

	result = make_communication(
		doctype=DOCTYPE,
		name=case.name,
		subject=subject,
		content=content,
		recipients=[recipient],
		sender=account.default_sender,
		communication_type="Automated Message",
		send_email=True,
	)
	return result["name"]
