"""House rules in every language the portal speaks (issue #22): the sample has a draft for each household
language, marked "to be checked by a native speaker", and a site that still has the untouched sample gets
the drafts of languages added since — never a cooperative's own or edited rules."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.households.house_rules import TO_BE_CHECKED
from mitmenschen.households.house_rules_sample import (
	DRAFTED_BY,
	GERMAN,
	SAMPLE_TITLE,
	TRANSLATIONS,
	add_missing_translations,
)
from mitmenschen.language import HOUSEHOLD_LANGUAGES, ensure_languages

FIRST_FIVE = ("en", "ar", "fa", "uk", "tr")  # the sample's languages before December 2026


def make_rules(german: str = GERMAN, languages=FIRST_FIVE):
	return frappe.get_doc(
		{
			"doctype": "House Rules",
			"title": SAMPLE_TITLE,
			"valid_from": "2026-01-01",
			"applies_to": "All Buildings",
			"german_text": german,
			"translations": [
				{"language": code, "text": TRANSLATIONS[code], "translated_by": DRAFTED_BY}
				for code in languages
			],
		}
	).insert(ignore_permissions=True)


class TestHouseRulesLanguages(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_languages()

	def test_a_draft_in_every_household_language(self) -> None:
		self.assertLessEqual({*HOUSEHOLD_LANGUAGES, "en"}, set(TRANSLATIONS))
		sections = GERMAN.count("<h3>")
		for code, text in TRANSLATIONS.items():
			self.assertEqual(text.count("<h3>"), sections, f"{code}: every rule of the German text")

	def test_the_untouched_sample_gets_the_new_languages_once_each_to_be_checked(self) -> None:
		rules = make_rules()
		added = add_missing_translations()
		self.assertEqual(set(added[rules.name]), set(TRANSLATIONS) - set(FIRST_FIVE))
		rules.reload()
		self.assertEqual({row.language for row in rules.translations}, set(TRANSLATIONS))
		self.assertEqual({row.status for row in rules.translations}, {TO_BE_CHECKED})
		self.assertNotIn(rules.name, add_missing_translations())  # nothing twice

	def test_rules_the_cooperative_edited_stay_as_they_are(self) -> None:
		rules = make_rules(german=GERMAN.replace("22 bis 6 Uhr", "22 bis 7 Uhr"))
		self.assertNotIn(rules.name, add_missing_translations())
		rules.reload()
		self.assertEqual(len(rules.translations), len(FIRST_FIVE))
