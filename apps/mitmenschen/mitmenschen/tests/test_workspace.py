"""The clerk's desk (issue #23): the app's workspace links every report and record its users work with."""

import frappe
from frappe.tests.utils import FrappeTestCase

WORKSPACE = "Mit Menschen"
# the modules whose records and reports the app's workspace gathers (others bring workspaces of their own)
MODULES = ("Mediation", "Households", "Partners", "Round Table", "Mitmenschen Setup", "Early Signals")


class TestWorkspaceLinks(FrappeTestCase):
	def linked(self) -> set[tuple[str, str]]:
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		return {(link.link_type, link.link_to) for link in workspace.links if link.type == "Link"}

	def test_every_report_of_the_apps_modules_is_linked(self):
		reports = frappe.get_all("Report", filters={"module": ["in", MODULES], "disabled": 0}, pluck="name")
		self.assertGreaterEqual(len(reports), 9)
		self.assertEqual({r for r in reports if ("Report", r) not in self.linked()}, set())

	def test_every_record_type_of_the_apps_modules_is_linked(self):
		doctypes = frappe.get_all("DocType", filters={"module": ["in", MODULES], "istable": 0}, pluck="name")
		unlinked = {d for d in doctypes if ("DocType", d) not in self.linked()}
		self.assertEqual(unlinked, set())

	def test_card_link_counts_match_their_links(self):
		workspace = frappe.get_doc("Workspace", WORKSPACE)
		count = None
		for link in workspace.links:
			if link.type == "Card Break":
				if count is not None:
					self.assertEqual(count, 0, "a card's link_count is larger than its links")
				count = link.link_count
			else:
				count -= 1
		self.assertEqual(count, 0)
