"""An offer, not a verdict: what a clerk does with a signal.

Three kinds of offer, each recorded on the signal (who, when, in which language) with the family's
answer later (taken up or not):

- a talk, with a language mediator where the household needs an interpreter;
- a referral to a debt-counselling or social-services partner (or, for an unmet need, a partner for
  that need): a Household Referral, so the family's consent gate applies exactly as for any referral
  and the partner sees the referral, never the signal;
- a letter in the family's language explaining where to get help (letter.py), mailed through the
  outbound module when the tenant record has an email address, else printed.

Every function here is a staff action: a clerk or manager with write access to the signal.
"""

import frappe
from frappe import _
from frappe.utils import cint, nowdate

from mitmenschen.early_signals.letter import family_language, letter_html, letter_pdf
from mitmenschen.early_signals.sweep import sweep
from mitmenschen.households.house_rules_sending import household_email
from mitmenschen.households.needs import NEED_SERVICE_TYPES, NEEDS
from mitmenschen.outbound import mail as outbound_mail

DOCTYPE = "Early Signal"
TALK, REFERRAL, LETTER = "Talk", "Referral", "Letter"
TAKEN_UP, NOT_TAKEN_UP = "Taken Up", "Not Taken Up"
# needs a signal can refer to besides the derived ones, and the partner directory's service for each
SUPPORT_NEEDS = {"Debt Counselling": "Schuldnerberatung", "Social Counselling": "Sozialberatung"}
EMAIL, PRINT = "Email", "Print"


class SupportOfferError(frappe.ValidationError):
	pass


def open_signal_for_offer(early_signal: str):
	doc = frappe.get_doc(DOCTYPE, early_signal)
	doc.check_permission("write")
	if doc.status != "Open":
		frappe.throw(
			_("This signal is cleared: its cause is gone."), title=_("Signal Cleared"), exc=SupportOfferError
		)
	return doc


def add_offer(doc, offer_type: str, **values) -> dict:
	row = doc.append(
		"offers",
		{"offer_type": offer_type, "offered_on": nowdate(), "offered_by": frappe.session.user, **values},
	)
	doc.first_offered_on = doc.first_offered_on or row.offered_on
	doc.save()
	return row.as_dict()


@frappe.whitelist(methods=["POST"])
def offer_talk(early_signal: str, with_language_mediator: int | None = None) -> dict:
	"""A talk with the family; a language mediator by default when the household needs an interpreter."""
	doc = open_signal_for_offer(early_signal)
	household = frappe.get_doc("Refugee Household", doc.household)
	if with_language_mediator is None:
		with_language_mediator = household.interpreter_needed
	return add_offer(
		doc,
		TALK,
		with_language_mediator=cint(with_language_mediator),
		language=household.interpreter_language or family_language(household),
	)


@frappe.whitelist(methods=["POST"])
def offer_referral(
	early_signal: str,
	partner_organisation: str,
	need: str = "Debt Counselling",
	consent_override_reason: str | None = None,
) -> dict:
	"""A referral of the household to a partner, through the consent gate (the Household Referral's
	own validation refuses it without the family's consent, unless a manager gives a reason)."""
	doc = open_signal_for_offer(early_signal)
	if need not in SUPPORT_NEEDS and need not in NEEDS:
		frappe.throw(_("Unknown need."), title=_("Referral"), exc=SupportOfferError)
	referral = frappe.get_doc(
		{
			"doctype": "Household Referral",
			"household": doc.household,
			"partner_organisation": partner_organisation,
			"need": need,
			"service_type": service_type_of(need),
			"consent_override_reason": (consent_override_reason or "").strip() or None,
		}
	).insert()
	return add_offer(doc, REFERRAL, household_referral=referral.name)


def service_type_of(need: str) -> str | None:
	service = SUPPORT_NEEDS.get(need) or NEED_SERVICE_TYPES.get(need)
	return service if service and frappe.db.exists("Service Type", service) else None


@frappe.whitelist(methods=["POST"])
def offer_letter(early_signal: str) -> dict:
	"""The letter in the family's language: by mail when the tenant record has an address (and the
	site sends mail), else for the clerk to print."""
	doc = open_signal_for_offer(early_signal)
	household = frappe.get_doc("Refugee Household", doc.household)
	lang = family_language(household)
	sent_by = PRINT
	if recipient := household_email(household):
		subject = _("Support for your family", lang=lang)
		attachment = {"fname": f"{doc.name}-{lang}.pdf", "fcontent": letter_pdf(doc)}
		if outbound_mail.send_from_record(
			DOCTYPE, doc.name, recipient, subject, letter_html(doc), attachments=[attachment]
		):
			sent_by = EMAIL
	row = add_offer(doc, LETTER, language=lang, sent_by=sent_by)
	return {**row, "print": sent_by == PRINT}


@frappe.whitelist()
def download_letter(early_signal: str) -> None:
	"""The letter as a PDF (the form's button)."""
	doc = frappe.get_doc(DOCTYPE, early_signal)
	doc.check_permission("print")
	frappe.local.response.filename = f"{doc.name}-letter.pdf"
	frappe.local.response.filecontent = letter_pdf(doc)
	frappe.local.response.type = "pdf"


@frappe.whitelist(methods=["POST"])
def record_answer(early_signal: str, offer: str, taken_up: int) -> dict:
	"""The family's answer to an offer: taken up or not."""
	doc = frappe.get_doc(DOCTYPE, early_signal)
	doc.check_permission("write")
	row = next((row for row in doc.offers if row.name == offer), None)
	if row is None:
		frappe.throw(_("No such offer on this signal."), title=_("Offer"), exc=SupportOfferError)
	row.answer = TAKEN_UP if cint(taken_up) else NOT_TAKEN_UP
	row.answered_on = nowdate()
	doc.save()
	return row.as_dict()


@frappe.whitelist(methods=["POST"])
def check_now() -> dict[str, int]:
	"""The daily sweep at once (the list's button), for staff who may change signals."""
	if not frappe.has_permission(DOCTYPE, "write"):
		raise frappe.PermissionError
	return sweep()
