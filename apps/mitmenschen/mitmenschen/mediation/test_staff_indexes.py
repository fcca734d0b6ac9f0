# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The indexes the clerks' desk reads from exist after migrate (benchmarks/staff.py measures why).

A later change to the doctype (a field renamed, an index name reused, `on_doctype_update` rewritten)
must not drop one silently: the case list at 100,000 cases then sorts every row again.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.mediation.staff_indexes import INDEXES

# every list a clerk opens, and the column the desk sorts it by (the doctype's sort field)
STAFF_LISTS = ("Mediation Case", "Refugee Household", "Partner Organisation", "Round Table Action")


def indexes_of(doctype: str) -> dict[str, list[str]]:
	"""index name -> its columns in order, as MariaDB reports them."""
	rows = frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True)
	result: dict[str, list[str]] = {}
	for row in sorted(rows, key=lambda r: (r.Key_name, r.Seq_in_index)):
		result.setdefault(row.Key_name, []).append(row.Column_name)
	return result


class TestStaffIndexes(FrappeTestCase):
	def test_every_staff_index_of_the_case_list_exists_with_its_columns(self) -> None:
		existing = indexes_of("Mediation Case")
		for name, columns in INDEXES.items():
			self.assertEqual(existing.get(name), columns, f"index {name} on Mediation Case")

	def test_the_staff_indexes_name_the_filters_the_list_offers_and_end_in_the_sort(self) -> None:
		sort_field = frappe.get_meta("Mediation Case").sort_field
		self.assertEqual(sort_field, "creation")
		filtered = {
			columns[0] for columns in INDEXES.values() if columns[-1] == sort_field and len(columns) == 2
		}
		self.assertEqual(filtered, {"status", "district", "sla_status", "category"})
		self.assertIn(["creation"], INDEXES.values())
		self.assertIn(["recurrence_of"], INDEXES.values())  # the connections panel's count
		self.assertIn(["escalation_level", "status"], INDEXES.values())  # workspace: open escalations

	def test_every_staff_list_can_read_its_default_order_from_an_index(self) -> None:
		for doctype in STAFF_LISTS:
			sort_field = frappe.get_meta(doctype).sort_field or "modified"
			leading = {columns[0] for columns in indexes_of(doctype).values()}
			self.assertIn(sort_field, leading, f"{doctype} is listed by {sort_field}")
