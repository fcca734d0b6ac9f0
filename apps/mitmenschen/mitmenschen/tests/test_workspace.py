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
		# the app's own reports; one a user saves from a report (a Report of its own, not standard) is theirs
		reports = frappe.get_all(
			"Report", filters={"module": ["in", MODULES], "disabled": 0, "is_standard": "Yes"}, pluck="name"
		)
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


class TestCharts(FrappeTestCase):
	"""Issue #23: charts format their values with the site's decimal comma (a chart's fieldtype lets the
	desk format them) and give category and partner names room before frappe-charts cuts them."""

	def test_report_charts_with_fractional_values_declare_their_fieldtype(self):
		from mitmenschen.mediation.report.reporter_satisfaction.reporter_satisfaction import (
			execute as satisfaction,
		)
		from mitmenschen.mediation.report.sla_compliance.sla_compliance import execute as sla

		for name, execute in (("Reporter Satisfaction", satisfaction), ("SLA Compliance", sla)):
			with self.subTest(report=name):
				chart = execute({})[3]
				self.assertIn(chart.get("fieldtype"), ("Float", "Percent"))

	def test_charts_by_name_leave_room_for_their_labels(self):
		for chart in ("SLA Compliance by Category", "Reporter Satisfaction by Category", "Referrals per Partner"):
			with self.subTest(chart=chart):
				options = frappe.parse_json(frappe.db.get_value("Dashboard Chart", chart, "custom_options") or "{}")
				self.assertGreaterEqual(options.get("axisOptions", {}).get("seriesLabelSpaceRatio", 0), 1)
		content = frappe.parse_json(frappe.db.get_value("Workspace", WORKSPACE, "content"))
		widths = {b["data"]["chart_name"]: b["data"]["col"] for b in content if b["type"] == "chart"}
		self.assertEqual((widths["SLA Compliance by Category"], widths["Referrals per Partner"]), (12, 12))
