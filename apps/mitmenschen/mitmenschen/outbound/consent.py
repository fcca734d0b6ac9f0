"""Which channels a person agreed to, dated, and which one a notice takes.

A person (a household, a tenant who reports, a reporter known only on a case, a language mediator) has
at most one "Contact Channels" record: numbers and addresses, the preferred channel, the language, and
one consent row per channel (given on, how: form, signed paper, or verbally to the named clerk;
withdrawn on, how). Letter needs no consent; nobody may be forced onto a digital channel, so without a
consent on record the notice becomes a letter. A reply "STOP" on SMS or WhatsApp withdraws that channel.
"""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from mitmenschen.outbound import phones

PROFILE = "Contact Channels"
SETTINGS = "Messaging Settings"
LETTER, EMAIL, SMS, WHATSAPP = "Letter", "Email", "SMS", "WhatsApp"
# the next channel when the preferred one has no consent: phone first (what families use), then mail
FALLBACK_ORDER = (WHATSAPP, SMS, EMAIL)
ADDRESS_FIELD = {EMAIL: "email", SMS: "mobile", WHATSAPP: "whatsapp"}
STOP_WORDS = {"stop", "stopp", "stop all", "unsubscribe", "abmelden", "توقف", "ستوب"}
REPLY_STOP = "Reply STOP"
MEDIATOR = "Language Mediator"


def default_region() -> str:
	return frappe.db.get_single_value(SETTINGS, "default_region") or phones.DEFAULT_REGION


def party_title(doctype: str | None, name: str | None) -> str | None:
	if not (doctype and name):
		return None
	meta = frappe.get_meta(doctype)
	if meta.has_field("reporter_name"):  # a reporter known only on a case: their name, not the case's title
		return frappe.db.get_value(doctype, name, "reporter_name") or name
	title_field = meta.get_title_field()
	return frappe.db.get_value(doctype, name, title_field) if title_field else name


@frappe.whitelist()
def party_language(doctype: str, name: str) -> str | None:
	"""The language a new Contact Channels record starts with, for the clerk to confirm: a household's
	first language, a reporter's, else the record's own `language`. Frappe would otherwise put the
	clerk's own desk language into any field named `language`, and the family would be written to in
	German."""
	frappe.has_permission(doctype, "read", name, throw=True)
	if doctype == MEDIATOR:  # the pool reads German; its languages are the ones it interprets
		return "de"
	doc = frappe.get_doc(doctype, name)
	for row in doc.get("languages") or []:
		if row.get("language"):
			return row.language
	return doc.get("reporter_language") or doc.get("language") or None


def profile_of(doctype: str, name: str):
	"""The person's Contact Channels document, or None."""
	profile = frappe.db.get_value(PROFILE, {"party_doctype": doctype, "party": name})
	return frappe.get_doc(PROFILE, profile) if profile else None


def consented_channels(profile, on: str | None = None) -> list[str]:
	"""Channels with a consent given on or before `on` (today) and not withdrawn by then."""
	day = getdate(on or nowdate())
	return sorted(
		{
			row.channel
			for row in profile.consents
			if row.given_on
			and getdate(row.given_on) <= day
			and not (row.withdrawn_on and getdate(row.withdrawn_on) <= day)
		}
	)


def choose_channel(profile) -> tuple[str, str | None]:
	"""(channel, address): the preferred channel if consented and an address is known, else the next
	consented one with an address, else a letter (to the postal address, if any)."""
	if profile:
		usable = [c for c in consented_channels(profile) if profile.get(ADDRESS_FIELD[c])]
		for channel in (profile.preferred_channel, *FALLBACK_ORDER):
			if channel in usable:
				return channel, profile.get(ADDRESS_FIELD[channel])
		return LETTER, profile.postal_address
	return LETTER, None


def is_stop(text: str | None) -> bool:
	return (text or "").strip().strip(".!").strip().lower() in STOP_WORDS


def withdraw_by_number(channel: str, number: str, how: str = REPLY_STOP) -> list[str]:
	"""Withdraws today the open consents for `channel` of everybody with this number; returns the
	records changed. Each person's timeline says so (in German, for the clerks)."""
	field = ADDRESS_FIELD[channel]
	changed = []
	for name in frappe.get_all(PROFILE, filters={field: number}, pluck="name"):
		profile = frappe.get_doc(PROFILE, name)
		rows = [row for row in profile.consents if row.channel == channel and not row.withdrawn_on]
		if not rows:
			continue
		for row in rows:
			row.withdrawn_on = nowdate()
			row.withdrawn_how = how
		profile.save(ignore_permissions=True)
		timeline(
			profile.party_doctype,
			profile.party,
			_("Consent to {0} withdrawn by the reply STOP from {1}", lang="de").format(channel, number),
		)
		changed.append(name)
	return changed


def profiles_by_number(number: str) -> list[dict]:
	"""Records with this number for WhatsApp or SMS (a webhook's sender), newest first."""
	return frappe.get_all(
		PROFILE,
		or_filters={"whatsapp": number, "mobile": number},
		fields=["name", "party_doctype", "party", "party_name"],
		order_by="modified desc",
	)


def timeline(doctype: str, name: str, text: str) -> None:
	"""An info line on the record's timeline."""
	if not (doctype and name and frappe.db.exists(doctype, name)):
		return
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": doctype,
			"reference_name": name,
			"content": text,
		}
	).insert(ignore_permissions=True)
