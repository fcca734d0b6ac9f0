# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""House rules reach households through a real SMTP server on loopback: in the household's language
with the right version's pictogram page attached, German plus English when there is no translation,
and a new version to every household of an older one exactly once.

Run under `flock /tmp/mm-mail.lock` (the loopback port must not be bound twice)."""

import subprocess
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import formatdate, now_datetime

from mitmenschen.households.house_rules_sending import (
	NoRecipientError,
	OutdatedTranslationError,
	pictogram_pdf,
	record_explanation,
	send_house_rules,
	send_new_version,
	send_to_older_version_households,
)
from mitmenschen.tests.factories import make_flat, make_staff_user
from mitmenschen.tests.house_rules_world import explain, make_house_rules, make_speaking_household
from mitmenschen.tests.mail import (
	SMTPSink,
	delete_created_since,
	ensure_outgoing_account,
	flush_queue,
	retire_outgoing_account,
)

PORT = 2541
CREATED = ["Refugee Household", "House Rules", "Customer", "Email Queue"]


def pdf_text(content: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
		pdf.write(content)
		pdf.flush()
		return subprocess.run(["pdftotext", pdf.name, "-"], capture_output=True, text=True, check=True).stdout


def attachments(message) -> dict[str, bytes]:
	return {part.get_filename(): part.get_content() for part in message.iter_attachments()}


class TestHouseRulesSending(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.since = now_datetime()
		cls.smtp = SMTPSink(PORT)
		cls.smtp.start()
		ensure_outgoing_account(PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.smtp.stop()
		retire_outgoing_account()
		frappe.db.rollback()
		delete_created_since(cls.since, CREATED)
		frappe.db.delete("File", {"attached_to_doctype": "House Rules", "creation": [">=", cls.since]})
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self) -> None:
		self.smtp.messages.clear()
		self.clerk = make_staff_user("Mit:Menschen Clerk")

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_a_clerk_sends_the_house_rules_in_arabic_with_the_versions_pictogram_page(self):
		flat = make_flat()
		make_house_rules(district=flat["district"], valid_from="2025-01-01")
		rules = make_house_rules(district=flat["district"], valid_from="2026-02-01")
		household = make_speaking_household("ar", district=flat["district"])
		frappe.set_user(self.clerk)
		result = send_house_rules(household.name)
		frappe.set_user("Administrator")
		self.assertEqual((result["languages"], result["fallback"]), (["ar"], False))
		flush_queue()

		[message] = self.smtp.to(household.flags.test_email)
		self.assertEqual(
			message["Subject"],
			frappe._("The house rules of your building (version {0})", lang="ar").format(rules.version),
		)
		self.assertNotIn("house rules", message["Subject"], "not translated to Arabic")
		body = message.get_body(("html",)).get_content()
		self.assertIn('dir="rtl"', body)
		self.assertIn("وقت الراحة الليلية", body)  # the Arabic translation's text
		self.assertNotIn("Nachtruhe", body)
		files = attachments(message)
		self.assertEqual(list(files), [f"{rules.name.replace(' ', '-')}-ar.pdf"])
		sheet = pdf_text(files[f"{rules.name.replace(' ', '-')}-ar.pdf"])
		self.assertIn(formatdate(rules.valid_from, "dd.MM.yyyy"), sheet)  # this version's line
		self.assertNotIn("Nachtruhe", sheet)  # the Arabic sheet, not the German one

		household.reload()
		[delivery] = household.house_rules_deliveries
		self.assertEqual(
			(
				delivery.house_rules,
				delivery.languages,
				delivery.channel,
				delivery.recipient,
				delivery.sent_by,
			),
			(rules.name, "ar", "Email", household.flags.test_email, self.clerk),
		)

	def test_without_a_translation_german_and_english_go_and_the_household_gets_a_note(self):
		flat = make_flat()
		rules = make_house_rules(district=flat["district"])
		household = make_speaking_household("ps", district=flat["district"])  # Pashto: no translation
		frappe.set_user(self.clerk)
		result = send_house_rules(household.name)
		frappe.set_user("Administrator")
		self.assertEqual((result["languages"], result["fallback"]), (["de", "en"], True))
		flush_queue()

		[message] = self.smtp.to(household.flags.test_email)
		self.assertIn(
			frappe._("The house rules of your building (version {0})", lang="de").format(1),
			message["Subject"],
		)
		self.assertIn("The house rules of your building (version 1)", message["Subject"])
		body = message.get_body(("html",)).get_content()
		self.assertIn("Nachtruhe", body)
		self.assertIn("Night rest", body)
		self.assertIn("German and English", body)
		slug = rules.name.replace(" ", "-")
		self.assertEqual(sorted(attachments(message)), [f"{slug}-de.pdf", f"{slug}-en.pdf"])
		notes = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Refugee Household",
				"reference_name": household.name,
				"comment_type": "Comment",
			},
			pluck="content",
		)
		self.assertEqual(len(notes), 1)
		self.assertIn(rules.name, notes[0])
		# the clerk reads the languages' names in their own language (CLDR), not in the languages' scripts
		self.assertRegex(notes[0], r"(German|Deutsch) \+ (English|Englisch)")
		self.assertRegex(notes[0], "Pashto|Paschtu")

	def test_an_outdated_translation_is_sent_only_when_confirmed(self):
		flat = make_flat()
		rules = make_house_rules(district=flat["district"])
		rules.translations[1].checked_by, rules.translations[1].checked_on = "Samira Haddad", "2026-02-01"
		rules.save()
		rules.german_text += "<p>Neu: Rauchen im Treppenhaus ist verboten.</p>"
		rules.save()
		household = make_speaking_household("ar", district=flat["district"])
		frappe.set_user(self.clerk)
		with self.assertRaises(OutdatedTranslationError):
			send_house_rules(household.name, rules.name)
		self.assertEqual(frappe.db.count("House Rules Delivery", {"parent": household.name}), 0)
		send_house_rules(household.name, rules.name, confirm_outdated=True)
		frappe.set_user("Administrator")
		flush_queue()
		self.assertEqual(len(self.smtp.to(household.flags.test_email)), 1)

	def test_print_for_a_home_visit_needs_no_address(self):
		flat = make_flat()
		rules = make_house_rules(district=flat["district"])
		household = make_speaking_household("uk", district=flat["district"], email=False)
		frappe.set_user(self.clerk)
		with self.assertRaises(NoRecipientError):
			send_house_rules(household.name, rules.name)
		result = send_house_rules(household.name, rules.name, channel="Print")
		frappe.set_user("Administrator")
		self.assertIn("download_pictograms", result["pdf_url"])
		self.assertIn("language=uk", result["pdf_url"])
		self.assertEqual(
			frappe.get_all(
				"House Rules Delivery", filters={"parent": household.name}, fields=["channel", "languages"]
			),
			[{"channel": "Print", "languages": "uk"}],
		)

	def test_the_explanation_is_recorded_with_version_language_interpreter_and_member(self):
		flat = make_flat()
		rules = make_house_rules(district=flat["district"])
		household = make_speaking_household("ar", district=flat["district"])
		member = household.members[0].member_name
		frappe.set_user(self.clerk)
		record_explanation(
			household.name,
			"2026-11-30",
			"ar",
			interpreter_used=1,
			interpreter="Samira Haddad",
			acknowledged_by=member,
		)
		with self.assertRaises(frappe.ValidationError):
			record_explanation(household.name, "2026-11-30", "ar", acknowledged_by="Jemand Fremdes")
		frappe.set_user("Administrator")
		household.reload()
		[row] = household.house_rules_explanations
		self.assertEqual(
			(
				row.house_rules,
				row.language,
				row.explained_by,
				row.interpreter_used,
				row.interpreter,
				row.acknowledged_by,
			),
			(rules.name, "ar", self.clerk, 1, "Samira Haddad", member),
		)

	def test_a_new_version_reaches_each_household_of_an_older_one_once_also_when_run_twice(self):
		flat = make_flat()
		district = flat["district"]
		old = make_house_rules(district=district, valid_from="2025-01-01")
		new = make_house_rules(district=district, title=old.title, valid_from="2026-03-01")
		arabic = make_speaking_household("ar", district=district)
		explain(arabic, old.name, "2025-02-01", "ar")
		ukrainian = make_speaking_household("uk", district=district)
		explain(ukrainian, None, "2024-05-01", "uk")  # migrated from before versions existed
		no_address = make_speaking_household("ar", district=district, email=False)
		explain(no_address, old.name, "2025-02-01", "ar")
		knows_new = make_speaking_household("ar", district=district)
		explain(knows_new, new.name, "2026-03-02", "ar")
		elsewhere = make_speaking_household("ar")
		explain(elsewhere, old.name, "2025-02-01", "ar")
		never_told = make_speaking_household("ar", district=district)
		frappe.db.commit()  # the job commits household by household

		first = send_new_version(new.name)
		second = send_new_version(new.name)
		flush_queue()

		self.assertEqual(first, {"sent": 2, "already": 0, "without_email": 1})
		self.assertEqual(
			second, {"sent": 0, "already": 0, "without_email": 1}, "the sent ones are no longer concerned"
		)
		self.assertEqual(len(self.smtp.to(arabic.flags.test_email)), 1)
		self.assertEqual(len(self.smtp.to(ukrainian.flags.test_email)), 1)
		for other in (knows_new, elsewhere, never_told):
			self.assertEqual(self.smtp.to(other.flags.test_email), [], other.name)
		[to_arabic] = self.smtp.to(arabic.flags.test_email)
		[to_ukrainian] = self.smtp.to(ukrainian.flags.test_email)
		self.assertEqual(
			to_arabic["Subject"],
			frappe._("The house rules of your building (version {0})", lang="ar").format(2),
		)
		self.assertEqual(
			to_ukrainian["Subject"],
			frappe._("The house rules of your building (version {0})", lang="uk").format(2),
		)
		slug = new.name.replace(" ", "-")
		self.assertEqual(list(attachments(to_ukrainian)), [f"{slug}-uk.pdf"])
		deliveries = frappe.get_all(
			"House Rules Delivery",
			filters={"house_rules": new.name},
			fields=["parent", "mass_send", "languages"],
		)
		self.assertEqual(
			sorted((d.parent, d.mass_send, d.languages) for d in deliveries),
			sorted([(arabic.name, 1, "ar"), (ukrainian.name, 1, "uk")]),
		)
		summary = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "House Rules", "reference_name": new.name},
			pluck="content",
		)
		self.assertTrue(any(no_address.family_name in line for line in summary), summary)

	def test_the_clerk_queues_the_mass_send_and_confirms_an_outdated_translation(self):
		flat = make_flat()
		old = make_house_rules(district=flat["district"], valid_from="2025-01-01")
		new = make_house_rules(district=flat["district"], title=old.title, valid_from="2026-03-01")
		for language in ("ar", "uk"):
			explain(make_speaking_household(language, district=flat["district"]), old.name, "2025-02-01")
		new.translations[2].checked_by, new.translations[2].checked_on = "Olena Koval", "2026-02-01"
		new.save()
		new.german_text += "<p>Neu: Rauchen im Treppenhaus ist verboten.</p>"
		new.save()

		frappe.set_user(self.clerk)
		with self.assertRaises(OutdatedTranslationError):
			send_to_older_version_households(new.name)
		# queued after the commit under one job id (the rollback here drops it)
		self.assertEqual(send_to_older_version_households(new.name, confirm_outdated=True), {"households": 2})
		frappe.set_user(make_staff_user("Partner User"))
		with self.assertRaises(frappe.PermissionError):
			send_to_older_version_households(new.name, confirm_outdated=True)

	def test_the_pictogram_page_is_rendered_once_per_version_and_language(self):
		rules = make_house_rules()
		first = pictogram_pdf(rules, "ar")
		self.assertEqual(pictogram_pdf(rules, "ar"), first)
		self.assertNotEqual(pictogram_pdf(rules, "uk"), first)
		frappe.db.set_value("House Rules", rules.name, "modified", frappe.utils.add_to_date(None, minutes=1))
		rules.reload()  # the version changed after the page was made
		again = pictogram_pdf(rules, "ar")
		self.assertNotEqual(again, first)
		self.assertFalse(frappe.db.exists("File", first))
