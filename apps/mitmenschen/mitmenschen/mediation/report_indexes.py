"""Covering indexes on Mediation Case for the round table's figures (mitmenschen.evidence and its reports).

A half-year period holds a third or more of all cases, so MariaDB would rather scan the whole (wide)
table than look up that many rows through a single-column index. Each index below holds every column
its figures read, so a report reads only the index (EXPLAIN: "Using index"). Called from the case
controller's `on_doctype_update` (migrate runs it when it syncs the doctype: a new index here comes with a
new `modified` in mediation_case.json); `frappe.db.add_index` does nothing when the index exists.
"""

import frappe

CASE = "Mediation Case"
INDEXES: dict[str, list[str]] = {
	# new cases, backlog, service levels, breaches (by category, district, priority, month)
	"evidence_opened_idx": [
		"opened_on",
		"category",
		"district",
		"priority",
		"first_responded_on",
		"response_due",
		"resolved_on",
		"resolution_due",
		"response_working_hours",
		"resolution_working_hours",
		"escalation_level",
	],
	# closed cases and reporters' satisfaction
	"evidence_resolved_idx": ["resolved_on", "category", "district", "reporter_satisfaction"],
	# referrals and their answers
	"evidence_referral_idx": [
		"referral_requested_on",
		"referred_to",
		"referral_status",
		"referral_responded_on",
		"referral_answer_working_hours",
		"category",
		"district",
	],
	# recurrences per property
	"evidence_property_idx": ["opened_on", "property_unit", "category", "district", "recurrence_of"],
	# the figures of the hotspots listed, looked up by flat and category (evidence/recurrence.py)
	"evidence_unit_idx": ["property_unit", "category", "opened_on", "recurrence_of", "district"],
}


def add_evidence_indexes(doctype: str = CASE) -> None:
	for name, columns in INDEXES.items():
		frappe.db.add_index(doctype, columns, name)
