# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The patch on a site that still holds the three old house-rules fields: their values become an
explanation row, the old columns go, and running it again changes nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, now_datetime

from mitmenschen.patches import house_rules_explanations as patch
from mitmenschen.tests.factories import make_household
from mitmenschen.tests.mail import delete_created_since

OLD_COLUMNS = {
	"house_rules_explained_on": "date",
	"house_rules_language": "varchar(140)",
	"house_rules_explained_by": "varchar(140)",
	"house_rules_interpreter_used": "int(1) not null default 0",
}


def add_old_columns() -> None:
	"""The table as it was before the patch (DDL: MariaDB commits here)."""
	patch.forget_columns()
	have = set(frappe.db.get_table_columns("Refugee Household"))
	for column, definition in OLD_COLUMNS.items():
		if column not in have:
			frappe.db.sql_ddl(f"alter table `tabRefugee Household` add column `{column}` {definition}")
	patch.forget_columns()


def set_old_values(household: str, explained_on: str, language: str, by: str, interpreter: int) -> None:
	table = frappe.qb.Table("tabRefugee Household")
	(
		frappe.qb.update(table)
		.set(table.house_rules_explained_on, explained_on)
		.set(table.house_rules_language, language)
		.set(table.house_rules_explained_by, by)
		.set(table.house_rules_interpreter_used, interpreter)
		.where(table.name == household)
	).run()


def explanations(household: str) -> list[dict]:
	return frappe.get_all(
		"House Rules Explanation",
		filters={"parent": household, "parenttype": "Refugee Household"},
		fields=[
			"explained_on",
			"language",
			"explained_by",
			"interpreter_used",
			"house_rules",
			"parentfield",
			"idx",
		],
	)


class TestHouseRulesExplanationsPatch(FrappeTestCase):
	def setUp(self) -> None:
		self.since = now_datetime()

	def tearDown(self) -> None:
		frappe.db.rollback()
		patch.execute()  # never leave the old columns behind
		delete_created_since(self.since, ["Refugee Household"])

	def test_the_old_fields_become_an_explanation_row_and_go(self):
		add_old_columns()
		told = make_household(family_name="Familie Altdaten")
		untold = make_household(family_name="Familie Ohne Erklärung")
		frappe.db.commit()
		set_old_values(told.name, "2024-03-05", "ar", "Administrator", 1)
		frappe.db.commit()

		patch.execute()

		self.assertEqual(
			explanations(told.name),
			[
				{
					"explained_on": getdate("2024-03-05"),
					"language": "ar",
					"explained_by": "Administrator",
					"interpreter_used": 1,
					"house_rules": None,
					"parentfield": "house_rules_explanations",
					"idx": 1,
				}
			],
		)
		self.assertEqual(explanations(untold.name), [])
		self.assertFalse(set(OLD_COLUMNS) & set(frappe.db.get_table_columns("Refugee Household")))
		# the household form loads its row
		self.assertEqual(
			frappe.get_doc("Refugee Household", told.name).house_rules_explanations[0].language, "ar"
		)

		patch.execute()  # again: nothing left to migrate
		self.assertEqual(len(explanations(told.name)), 1)

	def test_a_row_already_migrated_is_not_added_twice(self):
		add_old_columns()
		told = make_household()
		frappe.db.commit()
		set_old_values(told.name, "2025-06-01", "uk", "Administrator", 0)
		frappe.db.commit()
		self.assertEqual(patch.migrate_rows(list(OLD_COLUMNS)), 1)
		self.assertEqual(patch.migrate_rows(list(OLD_COLUMNS)), 0)
		self.assertEqual(len(explanations(told.name)), 1)
