# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Versions, where they apply, and translations that go out of date when the German master changes."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.households.doctype.house_rules.house_rules import (
	DuplicateTranslationError,
	mark_translation_checked,
)
from mitmenschen.households.house_rules import (
	CHECKED,
	OUTDATED,
	TO_BE_CHECKED,
	households_of_older_versions,
	languages_to_send,
	version_in_force,
)
from mitmenschen.households.house_rules_sample import SAMPLE_TITLE, ensure_sample
from mitmenschen.language import PORTAL_LANGUAGES
from mitmenschen.tests.factories import make_flat, make_staff_user
from mitmenschen.tests.house_rules_world import explain, make_house_rules, make_speaking_household


def statuses(doc) -> dict[str, str]:
	return {row.language: row.status for row in doc.translations}


class TestHouseRules(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_versions_number_themselves_per_title(self):
		first = make_house_rules()
		second = make_house_rules(title=first.title, valid_from="2026-07-01")
		self.assertEqual((first.version, second.version), (1, 2))
		self.assertEqual(second.name, f"{first.title} v2")

	def test_a_new_translation_waits_for_a_native_speaker(self):
		doc = make_house_rules()
		self.assertEqual(set(statuses(doc).values()), {TO_BE_CHECKED})
		self.assertEqual((doc.translations_to_check, doc.translations_outdated), (3, 0))

	def test_a_checked_translation_is_outdated_when_the_german_words_change(self):
		doc = make_house_rules()
		doc.translations[1].checked_by = "Samira Haddad"  # ar
		doc.translations[1].checked_on = "2026-02-01"
		doc.save()
		self.assertEqual(statuses(doc), {"en": TO_BE_CHECKED, "ar": CHECKED, "uk": TO_BE_CHECKED})

		doc.german_text = doc.german_text.replace("<p>", '<p style="color: red">')  # markup only
		doc.save()
		self.assertEqual(statuses(doc)["ar"], CHECKED, "reformatting the German text outdates nothing")

		doc.german_text = doc.german_text.replace("22 bis 6 Uhr", "22 bis 7 Uhr")
		doc.save()
		self.assertEqual(statuses(doc)["ar"], OUTDATED)
		self.assertEqual((doc.translations_to_check, doc.translations_outdated), (2, 1))
		self.assertEqual(frappe.db.get_value("House Rules", doc.name, "translations_outdated"), 1)

		# checked again by a native speaker: in date again
		clerk = make_staff_user("Mit:Menschen Clerk")
		frappe.set_user(clerk)
		self.assertEqual(mark_translation_checked(doc.name, "ar", "Samira Haddad"), CHECKED)
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual(statuses(doc)["ar"], CHECKED)
		self.assertEqual(doc.translations_outdated, 0)

	def test_a_changed_german_pdf_outdates_too(self):
		doc = make_house_rules()
		doc.translations[0].checked_by, doc.translations[0].checked_on = "Jane Doe", "2026-02-01"
		doc.save()
		doc.german_pdf = "/private/files/hausordnung-2026.pdf"
		doc.save()
		self.assertEqual(statuses(doc)["en"], OUTDATED)

	def test_german_is_not_a_translation_and_each_language_only_once(self):
		with self.assertRaises(DuplicateTranslationError):
			make_house_rules(translations=[{"language": "de", "text": "<p>Doppelt</p>"}])
		with self.assertRaises(DuplicateTranslationError):
			make_house_rules(
				translations=[{"language": "ar", "text": "<p>أ</p>"}, {"language": "ar", "text": "<p>ب</p>"}]
			)

	def test_a_language_without_translation_falls_back_to_german_and_english(self):
		doc = make_house_rules()
		self.assertEqual(languages_to_send(doc, "ar"), (["ar"], False))
		self.assertEqual(languages_to_send(doc, "ar-SA"), (["ar"], False))
		self.assertEqual(languages_to_send(doc, "de"), (["de"], False))
		self.assertEqual(languages_to_send(doc, "ps"), (["de", "en"], True))

	def test_the_version_in_force_is_the_latest_that_covers_the_flat(self):
		north, south = make_flat(), make_flat()
		old = make_house_rules(district=north["district"], valid_from="2025-01-01")
		new = make_house_rules(district=north["district"], title=old.title, valid_from="2026-03-01")
		building_only = make_house_rules(district=north["building"], valid_from="2026-03-01")
		future = make_house_rules(district=north["district"], title=old.title, valid_from="2099-01-01")

		self.assertEqual(version_in_force(north["flat"], north["district"], on="2025-06-01"), old.name)
		# same day: the rules of the building itself win over the district's
		self.assertEqual(
			version_in_force(north["flat"], north["district"], on="2026-06-01"), building_only.name
		)
		other_flat = make_flat(district=north["district"])
		self.assertEqual(version_in_force(other_flat["flat"], north["district"], on="2026-06-01"), new.name)
		self.assertNotEqual(version_in_force(south["flat"], south["district"], on="2026-06-01"), new.name)
		self.assertEqual(
			version_in_force(north["flat"], north["district"]), building_only.name, "not the future one"
		)
		self.assertEqual(version_in_force(north["flat"], north["district"], on="2099-02-01"), future.name)

	def test_a_new_version_lists_the_households_of_older_ones(self):
		flat = make_flat()
		district = flat["district"]
		old = make_house_rules(district=district, valid_from="2025-01-01")
		new = make_house_rules(district=district, title=old.title, valid_from="2026-03-01")
		told = make_speaking_household("ar", district=district)
		explain(told, old.name, "2025-02-01")
		before_versions = make_speaking_household("uk", district=district)
		explain(before_versions, None, "2024-05-01")  # migrated from the old fields
		knows_new = make_speaking_household("ar", district=district)
		explain(knows_new, old.name, "2025-02-01")
		explain(knows_new, new.name, "2026-03-02")
		moved_out = make_speaking_household("ar", district=district, status="Moved Out")
		explain(moved_out, old.name, "2025-02-01")
		elsewhere = make_speaking_household("ar")
		explain(elsewhere, old.name, "2025-02-01")
		make_speaking_household("ar", district=district)  # never told
		only_mailed = make_speaking_household("tr", district=district)
		only_mailed.append(
			"house_rules_deliveries",
			{"house_rules": old.name, "sent_on": "2025-03-01 10:00:00", "channel": "Email"},
		)
		only_mailed.save()
		mailed_new = make_speaking_household("tr", district=district)
		for version in (old, new):
			mailed_new.append(
				"house_rules_deliveries",
				{"house_rules": version.name, "sent_on": "2026-03-02 10:00:00", "channel": "Email"},
			)
		mailed_new.save()

		listed = {row.name: row for row in households_of_older_versions(new)}
		self.assertEqual(set(listed), {told.name, before_versions.name, only_mailed.name})
		self.assertEqual(listed[only_mailed.name].house_rules, old.name)
		self.assertIsNone(listed[only_mailed.name].acknowledged_by)

	def test_the_sample_is_created_once_with_drafts_to_be_checked(self):
		if not frappe.db.exists("House Rules", {"title": SAMPLE_TITLE}):
			frappe.db.delete("House Rules")
			ensure_sample()
		self.assertIsNone(ensure_sample(), "a site with house rules gets no second sample")
		sample = frappe.get_doc("House Rules", {"title": SAMPLE_TITLE, "version": 1})
		# every language the portal speaks (German is the master)
		self.assertEqual({row.language for row in sample.translations}, set(PORTAL_LANGUAGES) - {"de"})
		self.assertIn("Gelbe Tonne", sample.german_text)
		for topic in (
			"Nachtruhe",
			"Sonntagen",
			"Braune Tonne",
			"Treppenhaus",
			"Lüften",
			"Fahrräder",
			"Grillen",
			"Waschküche",
		):
			self.assertIn(topic, sample.german_text)
		self.assertTrue(all(row.status == TO_BE_CHECKED for row in sample.translations))

	def test_partners_and_tenants_cannot_read_house_rules(self):
		doc = make_house_rules()
		for role in ("Partner User", "Customer"):
			user = make_staff_user(role)
			self.assertFalse(frappe.has_permission("House Rules", "read", doc, user=user), role)
		clerk = make_staff_user("Mit:Menschen Clerk")
		self.assertTrue(frappe.has_permission("House Rules", "write", doc, user=clerk))
		self.assertFalse(frappe.has_permission("House Rules", "delete", doc, user=clerk))
		self.assertTrue(
			frappe.has_permission("House Rules", "delete", doc, user=make_staff_user("Mit:Menschen Manager"))
		)
