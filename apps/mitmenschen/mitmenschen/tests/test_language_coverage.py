# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Every string households, tenants and partner contacts read is translated into every portal language,
the Language Coverage report counts what this test counts, and a native speaker's check entered in the
desk reaches the mails at once and outlives a migrate.

The strings are found in the portal and mail files (`mitmenschen.translations.coverage.reader_messages`),
not listed here. Compile before running:  bench compile-po-to-mo --app mitmenschen --force
"""

import re

import frappe
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_mo_path, get_po_path, get_translations_from_mo
from frappe.tests.utils import FrappeTestCase
from frappe.translate import clear_cache, get_all_translations

from mitmenschen.language import (
	HOUSEHOLD_LANGUAGES,
	LANGUAGE_RECORDS,
	PORTAL_LANGUAGES,
	TENANT_FORM_LANGUAGES,
	ensure_languages,
	is_rtl,
	mail_languages,
	translation_or_fallback,
)
from mitmenschen.mitmenschen_setup.report.language_coverage.language_coverage import execute
from mitmenschen.tests.factories import make_staff_user
from mitmenschen.translations.coverage import (
	CHECKED,
	OUTDATED,
	TO_BE_CHECKED,
	coverage_languages,
	house_rules_summary,
	po_marks,
	reader_messages,
	states,
)

APP = "mitmenschen"
NEW_LANGUAGES = ("ckb", "kmr", "ti", "ps", "prs", "ru")
PLACEHOLDER = re.compile(r"\{\d*\}")
COMPILE_HINT = "Run `bench compile-po-to-mo --app mitmenschen --force` and `bench --site <site> clear-cache`."
ACK_LINE = "We will get back to you. Please quote the number when you write to us."


def missing_in(lang: str, messages) -> list[str]:
	"""Computed here on its own: the strings neither our catalogue nor a Translation record translates."""
	translations = get_all_translations(lang)
	return sorted(
		f"{where}: {source!r}" + (f" (context {context})" if context else "")
		for (source, context), where in messages.items()
		if not ((context and translations.get(f"{source}:{context}")) or translations.get(source))
	)


class TestLanguageCoverage(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		ensure_languages()
		clear_cache()
		cls.messages = reader_messages()

	def setUp(self) -> None:
		self.made: list[str] = []

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		for name in self.made:
			frappe.delete_doc("Translation", name, force=True, ignore_permissions=True)
		frappe.db.commit()
		clear_cache()

	def add_translation(self, lang: str, source: str, text: str, checked: int = 1, user: str | None = None):
		if user:
			frappe.set_user(user)
		doc = frappe.get_doc(
			{
				"doctype": "Translation",
				"language": lang,
				"source_text": source,
				"translated_text": text,
				"mm_checked": checked,
			}
		).insert()
		frappe.set_user("Administrator")
		self.made.append(doc.name)
		frappe.db.commit()
		return doc

	# --- the strings and the catalogues --------------------------------------------------------------

	def test_the_strings_are_found_in_the_portal_and_mail_files(self) -> None:
		keys = set(self.messages)
		for expected in [
			("Report a Problem", None),  # tenant form (HTML)
			("We have received your report", None),  # acknowledgement subject, inside an f-string
			("Quiet at night", None),  # pictogram page
			("Household referrals waiting for your answer", None),  # partner portal
			("{0}: target missed", None),  # digest lines
			("Being reviewed", None),  # tenant status label, translated at run time
			("Follow-up", "Escalation"),  # escalation clock
			("Open the meeting", None),  # invitation, inside an f-string
		]:
			self.assertIn(expected, keys)
		# desk-only messages of the same modules are not the readers'
		self.assertNotIn(("{0} sent by email to {1} in {2}.", None), keys)
		self.assertNotIn(("Reopened: the reporter answered Not Solved.", None), keys)
		self.assertGreater(len(keys), 150)

	def test_every_reader_string_is_translated_in_every_portal_language(self) -> None:
		problems = {lang: missing_in(lang, self.messages) for lang in coverage_languages()}
		problems = {lang: missing for lang, missing in problems.items() if missing}
		if problems:
			self.fail(
				"Strings households, tenants or partners read have no translation; add them to "
				f"locale/<lang>.po. {COMPILE_HINT}\n"
				+ "\n".join(f"{lang}: {line}" for lang, lines in problems.items() for line in lines)
			)

	def test_household_language_files_are_served_and_marked_to_be_checked(self) -> None:
		for lang in NEW_LANGUAGES:
			with open(get_po_path(APP, lang), "rb") as f:
				catalog = read_po(f)
			compiled = get_translations_from_mo(lang, APP)
			marks = po_marks(lang)
			problems = []
			for message in catalog:
				if not message.id:
					continue
				key = f"{message.id}:{message.context}" if message.context else message.id
				if not message.string or message.fuzzy:
					problems.append(f"untranslated or fuzzy: {key!r}")
				elif compiled.get(key) != message.string:
					problems.append(f"not in the .mo: {key!r}. {COMPILE_HINT}")
				if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
					problems.append(f"placeholders differ: {key!r}")
				if marks.get((message.id, message.context)) != TO_BE_CHECKED:
					problems.append(f"not marked to be checked by a native speaker: {key!r}")
			if problems:
				self.fail(f"locale/{lang}.po:\n" + "\n".join(problems))
			self.assertTrue(get_mo_path(APP, lang).exists())

	# --- the report counts what the test counts -----------------------------------------------------

	def test_the_report_shows_the_same_numbers(self) -> None:
		columns, rows = execute({})
		self.assertEqual([row["language"] for row in rows], list(coverage_languages()))
		for row in rows:
			lang = row["language"]
			missing = len(missing_in(lang, self.messages))
			self.assertEqual(row["strings"], len(self.messages), lang)
			self.assertEqual(row["missing"], missing, lang)
			self.assertEqual(row["translated"], len(self.messages) - missing, lang)
			self.assertEqual(row["translated"], row["checked"] + row["to_be_checked"] + row["outdated"], lang)
		by_lang = {row["language"]: row for row in rows}
		# German is the master; the new languages wait for a native speaker
		self.assertEqual(by_lang["de"]["checked"], len(self.messages))
		for lang in NEW_LANGUAGES:
			self.assertEqual(by_lang[lang]["to_be_checked"], len(self.messages), lang)
		self.assertIn("house_rules_missing", {column["fieldname"] for column in columns})

	def test_house_rules_translations_counted_by_their_rows(self) -> None:
		from mitmenschen.households.doctype.house_rules.house_rules import mark_translation_checked

		before = house_rules_summary()
		rules = frappe.get_doc(
			{
				"doctype": "House Rules",
				"title": "Hausordnung Sprachtest",
				"valid_from": "2099-01-01",
				"applies_to": "All Buildings",
				"german_text": "<p>Nachts ist Ruhe.</p>",
				"translations": [
					{
						"language": "ar",
						"text": "<p>الهدوء ليلاً.</p>",
						"checked_by": "Amal",
						"checked_on": "2026-11-30",
					},
					{
						"language": "ti",
						"text": "<p>ምሸት ህድኣት።</p>",
						"checked_by": "Senait",
						"checked_on": "2026-11-30",
					},
					{"language": "fa", "text": "<p>شب‌ها سکوت.</p>"},
				],
			}
		).insert(ignore_permissions=True)
		try:
			rules.german_text = "<p>Von 22 bis 6 Uhr ist Ruhe.</p>"  # both checks are now outdated ...
			rules.save(ignore_permissions=True)
			mark_translation_checked(rules.name, "ar", "Amal")  # ... and Arabic is checked again
			after = house_rules_summary()
			delta = {
				lang: {state: after[lang][state] - before[lang][state] for state in after[lang]}
				for lang in ("de", "ar", "ti", "fa", "ckb")
			}
			none = {CHECKED: 0, TO_BE_CHECKED: 0, OUTDATED: 0, "Missing": 0}
			self.assertEqual(
				delta,
				{
					"de": {**none, CHECKED: 1},  # the German master
					"ar": {**none, CHECKED: 1},
					"ti": {**none, OUTDATED: 1},
					"fa": {**none, TO_BE_CHECKED: 1},
					"ckb": {**none, "Missing": 1},
				},
			)
			rows = {row["language"]: row for row in execute({})[1]}
			self.assertEqual(rows["ti"]["house_rules_outdated"], after["ti"][OUTDATED])
			self.assertEqual(rows["ckb"]["house_rules_missing"], after["ckb"]["Missing"])
			self.assertEqual(rows["ar"]["house_rules_versions"], frappe.db.count("House Rules"))
		finally:
			frappe.delete_doc("House Rules", rules.name, force=True, ignore_permissions=True)
			frappe.db.commit()

	# --- a native speaker's check, entered in the desk ---------------------------------------------

	def test_a_checked_translation_from_the_desk_reaches_the_mail_at_once_and_survives_migrate(self) -> None:
		from mitmenschen.install import after_migrate
		from mitmenschen.mediation.acknowledgement import message_in

		translator = make_staff_user("Translator")
		before = {row["language"]: row for row in execute({"language": "kmr"})[1]}["kmr"]
		text = "Em ê bersiva we bidin. Ji kerema xwe hejmarê binivîsin dema ku hûn ji me re dinivîsin."
		doc = self.add_translation("kmr", ACK_LINE, text, user=translator)

		self.assertEqual(doc.mm_checked_by, translator)
		self.assertTrue(doc.mm_checked_on)
		self.assertEqual(
			doc.mm_checked_german,
			"Wir melden uns bei Ihnen. Bitte nennen Sie die Nummer, wenn Sie uns schreiben.",
		)
		case = frappe._dict(name="MC-TEST-1", subject="Lärm", channel="Email")
		self.assertIn(text, message_in(case, "kmr"))  # the next mail, no deploy
		after = {row["language"]: row for row in execute({"language": "kmr"})[1]}["kmr"]
		self.assertEqual(after["checked"], before["checked"] + 1)
		self.assertEqual(after["to_be_checked"], before["to_be_checked"] - 1)
		self.assertEqual(states("kmr", self.messages)[(ACK_LINE, None)], CHECKED)

		# what `bench migrate` runs after the schema: Frappe's translation cache goes, our hooks run
		clear_cache()
		after_migrate()
		frappe.db.commit()
		clear_cache()
		self.assertTrue(frappe.db.get_value("Translation", doc.name, "mm_checked"))
		self.assertEqual(frappe._(ACK_LINE, lang="kmr"), text)
		self.assertIn(text, message_in(case, "kmr"))

	def test_a_check_is_outdated_when_the_german_changes(self) -> None:
		source = "Thank you for telling us."
		self.add_translation("ti", source, "ስለ ዝሓበርኩምና ነመስግን።")
		self.assertEqual(states("ti", self.messages)[(source, None)], CHECKED)
		self.add_translation("de", source, "Vielen Dank für Ihren Hinweis.", checked=0)  # the German changed
		clear_cache()
		self.assertEqual(states("ti", self.messages)[(source, None)], OUTDATED)
		row = {row["language"]: row for row in execute({"language": "ti"})[1]}["ti"]
		self.assertEqual(row["outdated"], 1)
		strings = execute({"language": "ti", "view": "Strings", "status": OUTDATED})[1]
		self.assertEqual([r["source_text"] for r in strings], [source])

	def test_unticking_the_check_clears_who_and_when(self) -> None:
		doc = self.add_translation("ps", "Thank you for telling us.", "مننه چې موږ ته مو خبر راکړ.")
		doc.mm_checked = 0
		doc.save()
		self.assertFalse(doc.mm_checked_by or doc.mm_checked_on or doc.mm_checked_german)
		self.assertEqual(states("ps", self.messages)[("Thank you for telling us.", None)], TO_BE_CHECKED)

	# --- languages, directions, fallback --------------------------------------------------------------

	def test_languages_frappe_lacks_exist_and_read_in_their_direction(self) -> None:
		for code, name in LANGUAGE_RECORDS.items():
			self.assertEqual(frappe.db.get_value("Language", code, "language_name"), name)
		self.assertEqual(set(NEW_LANGUAGES) - set(TENANT_FORM_LANGUAGES), set())
		self.assertEqual(set(HOUSEHOLD_LANGUAGES) | {"de", "en"}, set(PORTAL_LANGUAGES))
		self.assertEqual(
			{code: is_rtl(code) for code in NEW_LANGUAGES},
			{"ckb": True, "kmr": False, "ti": False, "ps": True, "prs": True, "ru": False},
		)
		self.assertEqual(frappe._("Report a Problem", lang="ti"), "ጸገም ሓብሩ")
		self.assertEqual(frappe._("Report a Problem", lang="kmr"), "Pirsgirêkekê ragihîne")

	def test_a_language_without_translations_gets_german_with_english_beside_it(self) -> None:
		self.assertEqual(mail_languages("so"), ["de", "en"])
		self.assertEqual(mail_languages(None), ["de", "en"])
		self.assertEqual(mail_languages("ar-SA"), ["ar"])
		self.assertEqual(mail_languages("prs"), ["prs"])
		self.assertEqual(
			translation_or_fallback("Report a Problem", "so"), "Problem melden / Report a Problem"
		)
		self.assertEqual(translation_or_fallback("Report a Problem", "ckb"), "ڕاپۆرتکردنی کێشەیەک")
		self.assertEqual(translation_or_fallback("Report a Problem", "de"), "Problem melden")
		self.assertEqual(translation_or_fallback("Report a Problem", "en"), "Report a Problem")

		from mitmenschen.mediation.closure import REPORTER, render

		context = {"case_name": "MC-1", "subject": "Lärm", "cooperative": "WG Lehe"}
		subject, body = render(REPORTER, "so", context)
		self.assertIn("Ihre Meldung ist abgeschlossen", subject)
		self.assertIn("wir haben Ihre Meldung MC-1", body)
		self.assertIn("we have closed your report MC-1", body)
		subject, body = render(REPORTER, "ti", context)
		self.assertIn("ጸብጻብኩም ተዓጽዩ", subject)
		self.assertNotIn("we have closed", body)

	def test_a_partner_contact_reads_digests_in_a_language_the_mails_speak(self) -> None:
		from mitmenschen.partners.notify import _language

		self.assertEqual(_language("ckb", []), "ckb")
		self.assertEqual(_language("fr", ["ti", "de"]), "ti")  # the portal user's language has no mails
		self.assertEqual(_language(None, ["so", "ps"]), "ps")
		self.assertEqual(_language(None, ["so"]), "de")
