"""The desk in German (issue #23, item 3): what the app adds and what it can translate of Frappe's desk
for its clerks — timeline lines, people by name, languages by their German name beside their own."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.language import HOUSEHOLD_LANGUAGES, language_name
from mitmenschen.mitmenschen_setup import staff_desk

# Frappe's timeline lines its own German catalogue leaves in English (our de.po translates them)
TIMELINE = {
	"{0} added 1 row to {1}": "{0} hat 1 Zeile zu {1} hinzugefügt",
	"{0} added {1} rows to {2}": "{0} hat {1} Zeilen zu {2} hinzugefügt",
	"{0} removed 1 row from {1}": "{0} hat 1 Zeile aus {1} entfernt",
	"{0} assigned {1}: {2}": "{0} hat {1} zugewiesen: {2}",
	"Onboarding plan {0} created with {1} steps.": "Einzugsplan {0} mit {1} Schritten erstellt.",
}


class TestDeskGerman(FrappeTestCase):
	def test_timeline_lines_are_german(self):
		for source, german in TIMELINE.items():
			with self.subTest(source=source):
				self.assertEqual(frappe._(source, lang="de"), german)

	def test_languages_show_their_german_name_beside_their_own(self):
		for code in HOUSEHOLD_LANGUAGES:
			own = frappe.db.get_value("Language", code, "language_name")
			with self.subTest(code=code):
				self.assertEqual(frappe._(own, lang="de"), f"{language_name(code, 'de')} ({own})")

	def test_people_show_by_name_in_links(self):
		staff_desk.show_people_by_name()
		frappe.clear_cache(doctype="User")
		self.assertTrue(frappe.get_meta("User").show_title_field_in_link)
