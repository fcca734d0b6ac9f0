"""A person's contact channels (numbers, addresses, dated consents per channel) and the notices sent to
them are personal data: the Art. 15 export lists them, erasure and the retention job delete them with
their trail. Deleted, not anonymised: a number without its person serves no figure.

The people of a household are the household itself, its tenant record (the family as tenant) and the
reporters known only on its cases; each may have a Contact Channels record and Outbound Messages.
"""

import frappe

from mitmenschen.outbound.consent import PROFILE
from mitmenschen.outbound.notices import LOG
from mitmenschen.privacy.trail import scrub_trail

CONSENT_ROW = "Channel Consent"


def parties_of_households(names: list[str]) -> list[tuple[str, str]]:
	"""The households and their tenant records (read before the tenant link is cleared)."""
	parties = [("Refugee Household", name) for name in names]
	if names:
		rows = frappe.get_all(
			"Refugee Household",
			filters={"name": ("in", names), "tenant": ("is", "set")},
			fields=["tenant_doctype", "tenant"],
		)
		parties += [(row.tenant_doctype, row.tenant) for row in rows if row.tenant_doctype]
	return parties


def records_of(parties: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
	"""(Contact Channels, Outbound Messages) of these people."""
	profiles, messages = [], []
	for doctype in {doctype for doctype, _name in parties}:
		names = [name for d, name in parties if d == doctype]
		profiles += frappe.get_all(PROFILE, filters={"party_doctype": doctype, "party": ("in", names)}, pluck="name")
		messages += frappe.get_all(LOG, filters={"party_doctype": doctype, "party": ("in", names)}, pluck="name")
	return profiles, messages


def export_channels(parties: list[tuple[str, str]]) -> dict:
	profiles, messages = records_of(parties)
	return {
		"contact_channels": [frappe.get_doc(PROFILE, name).as_dict() for name in profiles],
		"outbound_messages": [frappe.get_doc(LOG, name).as_dict() for name in messages],
	}


def delete_channels(parties: list[tuple[str, str]], include_unindexed_logs: bool = False) -> int:
	"""Deletes the records, their consent rows and their trail, without copies in Deleted Document."""
	profiles, messages = records_of(parties)
	for doctype, names in ((PROFILE, profiles), (LOG, messages)):
		if names:
			scrub_trail(doctype, names, include_unindexed_logs=include_unindexed_logs)
			frappe.db.delete(doctype, {"name": ("in", names)})
	if profiles:
		frappe.db.delete(CONSENT_ROW, {"parenttype": PROFILE, "parent": ("in", profiles)})
	return len(profiles) + len(messages)


def delete_notices_about(doctype: str, names: list[str], include_unindexed_logs: bool = False) -> int:
	"""The notices about these records, whoever got them: a tenant's acknowledgement quotes its case's
	subject and does not outlive the case's retention."""
	if not names:
		return 0
	filters = {"reference_doctype": doctype, "reference_name": ("in", names)}
	messages = frappe.get_all(LOG, filters=filters, pluck="name")
	if messages:
		scrub_trail(LOG, messages, include_unindexed_logs=include_unindexed_logs)
		frappe.db.delete(LOG, {"name": ("in", messages)})
	return len(messages)
