"""Federation on one site: a package round-trips, a local change is never overwritten silently, a
forged package changes nothing; figures leave with no group under five and combine by the same rule.
(tests/test_federation_sites.py exchanges a package and figures between two real sites.)"""

import copy

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.federation import figures, package
from mitmenschen.federation.package import CREATED, KEPT, UNCHANGED, UPDATED
from mitmenschen.tests.factories import unique


def house_rules(title: str):
	return frappe.get_doc(
		{
			"doctype": "House Rules",
			"title": title,
			"valid_from": "2026-01-01",
			"german_text": "<p>Ruhezeit ab 22 Uhr.</p>",
			"translations": [
				{
					"language": "ar",
					"text": "<p>الهدوء بعد الساعة 22</p>",
					"checked_by": "Frau Haddad",
					"checked_on": "2026-02-01",
				},
				{"language": "fa", "text": "<p>سکوت از ساعت ۲۲</p>"},
			],
		}
	).insert()


def actions(log_name: str) -> dict[str, str]:
	return {row.item: row.action for row in frappe.get_doc("Federation Import", log_name).items}


class TestPackage(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def published(self, rules) -> dict:
		data = package.publish([package.HOUSE_RULES])
		data["items"] = [item for item in data["items"] if item["name"] == rules.name]
		return data

	def test_a_published_version_is_created_with_its_check_states(self) -> None:
		rules = house_rules(unique("Hausordnung"))
		data = self.published(rules)
		frappe.delete_doc("House Rules", rules.name, force=True)
		log = package.import_package(data)
		self.assertEqual(actions(log), {rules.name: CREATED})
		imported = frappe.get_doc("House Rules", rules.name)
		states = {row.language: row.status for row in imported.translations}
		self.assertEqual(states, {"ar": "Checked", "fa": "To be checked by a native speaker"})
		self.assertEqual(imported.german_text, rules.german_text)

	def test_same_content_is_unchanged_and_a_publishers_update_reaches_an_unedited_copy(self) -> None:
		rules = house_rules(unique("Hausordnung"))
		first = self.published(rules)
		self.assertEqual(actions(package.import_package(first)), {rules.name: UNCHANGED})
		changed = copy.deepcopy(first)
		item = changed["items"][0]
		item["data"]["german_text"] = "<p>Ruhezeit ab 21 Uhr.</p>"
		item["hash"] = package.content_hash(item["data"])
		self.assertEqual(actions(package.import_package(changed)), {rules.name: UPDATED})
		self.assertIn("21 Uhr", frappe.db.get_value("House Rules", rules.name, "german_text"))

	def test_a_local_change_is_kept_and_reported(self) -> None:
		rules = house_rules(unique("Hausordnung"))
		first = self.published(rules)
		package.import_package(first)
		rules.reload()
		rules.german_text = "<p>Bei uns: Ruhezeit ab 23 Uhr.</p>"
		rules.save()
		changed = copy.deepcopy(first)
		item = changed["items"][0]
		item["data"]["german_text"] = "<p>Ruhezeit ab 21 Uhr.</p>"
		item["hash"] = package.content_hash(item["data"])
		log = package.import_package(changed)
		self.assertEqual(actions(log), {rules.name: KEPT})
		self.assertEqual(frappe.db.get_value("Federation Import", log, "kept_local"), 1)
		self.assertIn("23 Uhr", frappe.db.get_value("House Rules", rules.name, "german_text"))

	def test_playbooks_and_templates_travel_too(self) -> None:
		category = frappe.get_doc(
			{
				"doctype": "Case Category",
				"category_name": unique("Waschküche"),
				"playbook": [
					{"step": "Hausordnung schicken", "action_type": "Send House Rules", "days_after": 2}
				],
			}
		).insert()
		data = package.publish([package.CATEGORY, package.EMAIL_TEMPLATE])
		kinds = {item["kind"] for item in data["items"]}
		self.assertEqual(kinds, {package.CATEGORY, package.EMAIL_TEMPLATE})
		data["items"] = [item for item in data["items"] if item["name"] == category.name]
		frappe.delete_doc("Case Category", category.name, force=True)
		package.import_package(data)
		steps = frappe.get_doc("Case Category", category.name).playbook
		self.assertEqual(
			[(s.step, s.action_type, s.days_after) for s in steps],
			[("Hausordnung schicken", "Send House Rules", 2)],
		)

	def test_a_tampered_or_foreign_package_is_refused_and_changes_nothing(self) -> None:
		rules = house_rules(unique("Hausordnung"))
		data = self.published(rules)
		data["items"][0]["data"]["german_text"] = "<p>untergeschoben</p>"  # the hash no longer fits
		before = frappe.db.count("Federation Import")
		for bad in (data, {"format": 99, "items": []}, None, {"format": 1, "items": [{"kind": "User"}]}):
			with self.assertRaises(package.InvalidPackageError):
				package.import_package(bad)
		self.assertEqual(frappe.db.count("Federation Import"), before)
		self.assertNotIn("untergeschoben", frappe.db.get_value("House Rules", rules.name, "german_text"))


class TestFigures(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.db.rollback()

	def test_no_group_under_five_leaves_the_site(self) -> None:
		raw = {key: 0 for key in figures.COUNTS} | {
			"new_cases": 12,
			"closed_cases": 3,
			"referrals_answered": 4,
			"households_moved_in": 0,
			"response_within_target": 75.0,
			"resolution_within_target": 66.7,
			"median_resolution_hours": 30.0,
			"referral_acceptance": 50.0,
		}
		out = figures.anonymise(raw, {"Lärm": 7, "Müll": 2, "": 1})
		self.assertEqual(out["figures"]["new_cases"], 12)
		self.assertIsNone(out["figures"]["closed_cases"])  # 3
		self.assertEqual(out["figures"]["households_moved_in"], 0)  # nobody is not a small group
		self.assertEqual(out["figures"]["response_within_target"], 75.0)  # over 12 cases
		self.assertIsNone(out["figures"]["resolution_within_target"])  # over 3 closed cases
		self.assertIsNone(out["figures"]["median_resolution_hours"])
		self.assertIsNone(out["figures"]["referral_acceptance"])  # over 4 answers
		self.assertEqual(out["cases_per_category"], {"Lärm": 7})
		self.assertEqual(
			sorted(out["suppressed"]),
			sorted(
				[
					"closed_cases",
					"referrals_answered",
					"resolution_within_target",
					"median_resolution_hours",
					"referral_acceptance",
					"category:Müll",
					"category:",
				]
			),
		)

	def test_the_export_of_this_site_is_anonymised_and_accepted_by_the_federation(self) -> None:
		data = figures.export_figures("2026-01-01", "2026-06-30")
		self.assertEqual(
			(data["format"], data["from_date"], data["to_date"]), (1, "2026-01-01", "2026-06-30")
		)
		self.assertTrue(all(not figures.small(n) for n in data["cases_per_category"].values()))
		self.assertTrue(all(not figures.small(v) for k, v in data["figures"].items() if k in figures.COUNTS))
		name = figures.receive(data)
		self.assertEqual(frappe.db.get_value("Federation Member Figures", name, "member"), data["member"])

	def test_combined_sums_counts_weights_shares_and_applies_the_rule_again(self) -> None:
		a = {
			"member": "A",
			"figures": {"new_cases": 10, "closed_cases": None, "response_within_target": 80.0},
			"cases_per_category": {"Lärm": 5},
		}
		b = {
			"member": "B",
			"figures": {"new_cases": 30, "closed_cases": 6, "response_within_target": 40.0},
			"cases_per_category": {"Lärm": 6, "Müll": 5},
		}
		combined = figures.combine([a, b])
		self.assertEqual(combined["members"], 2)
		self.assertEqual(combined["figures"]["new_cases"], 40)
		self.assertEqual(combined["figures"]["closed_cases"], 6)
		self.assertIn("closed_cases", combined["incomplete"])  # A's count was under five
		self.assertEqual(combined["figures"]["response_within_target"], 50.0)  # (80*10 + 40*30) / 40
		self.assertEqual(combined["cases_per_category"], {"Lärm": 11, "Müll": 5})

	def test_a_file_with_a_small_group_or_no_numbers_is_refused(self) -> None:
		good = {
			"format": 1,
			"member": "A",
			"from_date": "2026-01-01",
			"to_date": "2026-06-30",
			"figures": {"new_cases": 9},
		}
		for bad in (
			{**good, "cases_per_category": {"Lärm": 2}},
			{**good, "figures": {"new_cases": "neun"}},
			{**good, "from_date": None},
			{**good, "format": 7},
		):
			with self.assertRaises(figures.InvalidFiguresError):
				figures.receive(bad)
		figures.receive(good)
		figures.receive({**good, "figures": {"new_cases": 11}})  # a newer file replaces the older one
		self.assertEqual(figures.combined_for("2026-01-01", "2026-06-30")["figures"]["new_cases"], 11)
