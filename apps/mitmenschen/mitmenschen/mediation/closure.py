"""When a case is closed, both sides hear it: a short, neutral message in each one's own language.

- The reporter, in their language (`follow_up.reporter_lang`, the way the acknowledgement picks it),
  through the one way out: on their consented channel (else a letter) when Contact Channels are on
  record for them, else by mail to the case's reporter email.
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
from frappe.utils import now_datetime

from mitmenschen.language import PORTAL_LANGUAGES, base_language, text_direction
from mitmenschen.mediation.acknowledgement import reporter_party
from mitmenschen.mediation.follow_up import reporter_lang
from mitmenschen.outbound import templates as templates_kit
from mitmenschen.outbound.consent import profile_of
from mitmenschen.outbound.mail import outgoing_account, send_from_record
from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet

DOCTYPE = "Mediation Case"
HOUSEHOLD = "Refugee Household"
LANGUAGES = PORTAL_LANGUAGES
REPORTER, RESPONDENT = "Reporter", "Respondent"


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


TEMPLATES = {
	REPORTER: TemplateSet("Mit:Menschen Case Closed – Reporter", lambda lang: template_texts(REPORTER, lang)),
	RESPONDENT: TemplateSet(
		"Mit:Menschen Case Closed – Respondent", lambda lang: template_texts(RESPONDENT, lang)
	),
}


def template_name(party: str, lang: str) -> str:
	return TEMPLATES[party].name(lang)


def ensure_email_templates() -> None:
	for templates in TEMPLATES.values():
		templates_kit.ensure(templates, LANGUAGES)


def render(party: str, lang: str, context: dict) -> tuple[str, str]:
	"""In the reader's language; for a language without templates the German with the English below
	(the German subject)."""
	return templates_kit.render(TEMPLATES[party], lang, context)


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
	"""on_update, when the case was just closed. Returns the Outbound Message to the reporter, and the
	Communication (or the Outbound Message, when its contact channels are on record) to the respondent
	household. Each closing tells each side once."""
	mail = outgoing_account(DOCTYPE)
	cooperative = (
		frappe.db.get_default("company") or frappe.db.get_single_value("Website Settings", "app_name") or ""
	)
	sent = []
	reporter, on_record = reporter_party(case)
	if on_record or (mail and case.reporter_email):  # their consented channel or letter, else their mail
		sent.append(
			notify(
				reporter,
				TEMPLATES[REPORTER],
				{"case_name": case.name, "subject": case.subject, "cooperative": cooperative},
				reference=(DOCTYPE, case.name),
				key=f"closure:{case.name}:{case.reopen_count or 0}:reporter",
				language=reporter_lang(case),
				email=None if on_record else case.reporter_email,
			)
		)
	if case.respondent_household:
		household = frappe.get_doc("Refugee Household", case.respondent_household)
		# only the number and the cooperative: nothing of what the reporter wrote or who they are
		context = {"case_name": case.name, "cooperative": cooperative}
		email = household_email(household)
		if profile_of(HOUSEHOLD, household.name):  # its consented channel (SMS, WhatsApp, …) or a letter
			sent.append(
				notify(
					(HOUSEHOLD, household.name),
					TEMPLATES[RESPONDENT],
					context,
					reference=(DOCTYPE, case.name),
					key=f"closure:{case.name}:{case.reopen_count or 0}:respondent",
					language=household_language(household),
				)
			)
		elif mail and email and email.strip().lower() != (case.reporter_email or "").strip().lower():
			sent.append(_send(case, email, *render(RESPONDENT, household_language(household), context)))
	if sent:
		frappe.db.set_value(DOCTYPE, case.name, "closure_notified_on", now_datetime(), update_modified=False)
	return sent


def _send(case, recipient: str, subject: str, content: str) -> str | None:
	return send_from_record(DOCTYPE, case.name, recipient, subject, content)
