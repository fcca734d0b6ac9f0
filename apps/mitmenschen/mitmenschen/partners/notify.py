"""Partner contacts as recipients of escalations: their address, language and the portal.

A contact reads mail in the language of its portal user if our emails are translated into it, else in
the first language it speaks that they are, else in German.
"""

import frappe

from mitmenschen.escalation.recipients import DEFAULT_LANGUAGE, Recipient
from mitmenschen.language import portal_language
from mitmenschen.partners.routing import get_responsible_contact


def contact_recipients(contacts: list[str]) -> list[Recipient]:
	contacts = [c for c in set(contacts) if c]
	if not contacts:
		return []
	rows = frappe.get_all(
		"Partner Contact",
		filters={"name": ["in", contacts], "active": 1},
		fields=["name", "email", "user"],
	)
	spoken: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Spoken Language",
		filters={"parent": ["in", contacts], "parenttype": "Partner Contact"},
		fields=["parent", "language"],
		order_by="idx asc",
	):
		spoken.setdefault(row.parent, []).append(row.language)
	user_languages = dict(
		frappe.get_all(
			"User",
			filters={"name": ["in", [r.user for r in rows if r.user]]},
			fields=["name", "language"],
			as_list=True,
		)
	)
	return [
		Recipient(row.email, _language(user_languages.get(row.user), spoken.get(row.name, [])), portal=True)
		for row in rows
		if row.email
	]


def hotline_recipients(
	organisation: str | None, category: str | None, district: str | None
) -> list[Recipient]:
	"""The organisation's hot-line contact for the category (and district) with its deputy, and the
	hot-line address; the organisation's hot-line address alone when no contact is assigned."""
	if not organisation:
		return []
	rows = frappe.get_all(
		"Hotline Assignment",
		filters={"parent": organisation, "parenttype": "Partner Organisation", "case_category": category},
		fields=["district", "contact", "deputy"],
		order_by="idx asc",
	)
	row = next((r for r in rows if district and r.district == district), None) or next(
		(r for r in rows if not r.district), None
	)
	contacts = [row.contact, row.deputy] if row else []
	if row and not row.deputy:
		contacts.append(frappe.db.get_value("Partner Contact", row.contact, "deputy"))
	recipients = contact_recipients([c for c in contacts if c])
	hotline_email = frappe.db.get_value("Partner Organisation", organisation, "hotline_email")
	if hotline_email and hotline_email.lower() not in {r.key for r in recipients}:
		language = recipients[0].language if recipients else DEFAULT_LANGUAGE
		recipients.append(Recipient(hotline_email, language, portal=True))
	return recipients


class HotLine:
	"""The escalation ladders' recipient kind "Partner Hot Line" (registered in hooks:
	`escalation_recipient_kinds`): the hot line of the record's `partner_organisation`, else of the
	organisation responsible for its `category` and `district`. Made once per sweep batch, so each
	organisation's hot line is read once."""

	def __init__(self, records: list[dict]) -> None:
		self._found: dict[tuple, list[Recipient]] = {}

	def __call__(self, record: dict) -> list[Recipient]:
		organisation, category, district = (
			record.get("partner_organisation"),
			record.get("category"),
			record.get("district"),
		)
		if not organisation and category:
			match = get_responsible_contact(category, district)
			organisation = match.partner_organisation if match else None
		key = (organisation, category, district)
		if key not in self._found:
			self._found[key] = hotline_recipients(organisation, category, district)
		return self._found[key]


def _language(user_language: str | None, spoken: list[str]) -> str:
	for lang in (user_language, *spoken):
		if own := portal_language(lang):
			return own
	return DEFAULT_LANGUAGE
