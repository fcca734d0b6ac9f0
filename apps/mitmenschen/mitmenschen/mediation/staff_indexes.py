"""Indexes for the clerks' desk: every case list a clerk opens reads its page of 20 from an index.

The desk lists Mediation Cases in the doctype's sort order, `creation desc`. Without an index on it
MariaDB reads and sorts all 100,000 rows for each page (29.5 ms as Administrator, measured by
benchmarks/isolation.py; ERPNext's Issue list sorts by `modified`, which Frappe indexes, and answers in
1 ms). Each filter the list and the workspace offer (status, district, SLA status, category) gets an
index that holds the filter *and* the sort, so a filtered page, too, is read in order and the read
stops after 20 rows; "assigned to me" (`_assign like`) can use no index and walks the creation index
until it has 20 of the user's cases. The connections panel counts a case's recurrences
(`recurrence_of`). Two of the workspace's figures read an index of their own: "Open Escalations"
(`escalation_level > 0`, few rows) and the chart of open cases by category, which MariaDB otherwise
answers by walking the category index and fetching every row (2.8x ERPNext's equivalent chart).
Called from the controller's `on_doctype_update`, which migrate runs when it syncs the doctype (a change
here therefore comes with a new `modified` in mediation_case.json); `frappe.db.add_index` does nothing
when an index of that name exists. benchmarks/staff.py measures every path, test_staff_indexes.py
checks that the indexes exist.
"""

import frappe

CASE = "Mediation Case"
INDEXES: dict[str, list[str]] = {
	"staff_creation_idx": ["creation"],
	"staff_status_idx": ["status", "creation"],
	"staff_district_idx": ["district", "creation"],
	"staff_sla_status_idx": ["sla_status", "creation"],
	"staff_category_idx": ["category", "creation"],
	"staff_recurrence_idx": ["recurrence_of"],
	"staff_escalated_idx": ["escalation_level", "status"],
	"staff_open_by_category_idx": ["category", "status", "docstatus"],
}


def add_staff_indexes(doctype: str = CASE) -> None:
	for name, columns in INDEXES.items():
		frappe.db.add_index(doctype, columns, name)
