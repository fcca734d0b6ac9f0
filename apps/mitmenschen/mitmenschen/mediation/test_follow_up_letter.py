# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Issue #23: the follow-up letter says who writes, when, and which number to call, and its link points
to the site's public address — read from the PDF's text, as the reporter reads it."""

import subprocess
import tempfile

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import format_date, nowdate

from mitmenschen.mediation import follow_up
from mitmenschen.tests.factories import make_case
from mitmenschen.tests.loop_world import close, make_playbook_category

SETTINGS = "Mitmenschen Settings"
IDENTITY = {
	"cooperative_name": "Wohnungsgenossenschaft Unterweser eG",
	"help_phone": "0471 555 1234",
	"help_days": "Monday to Friday",
	"help_from": "09:00",
	"help_until": "16:00",
	"public_url": "https://mitmachen.unterweser.example",
}


def pdf_text(pdf: bytes) -> str:
	with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
		file.write(pdf)
		file.flush()
		return subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True, check=True).stdout


class TestFollowUpLetter(FrappeTestCase):
	def setUp(self) -> None:
		for field, value in IDENTITY.items():
			frappe.db.set_single_value(SETTINGS, field, value)
		frappe.clear_document_cache(SETTINGS, SETTINGS)

	def tearDown(self) -> None:
		frappe.db.rollback()
		frappe.clear_document_cache(SETTINGS, SETTINGS)

	def closed_case(self, **values):
		category = make_playbook_category([("Nachfassanruf", "Follow-up Call", 7, 0)])
		case = make_case(category=category.name, reporter_name="Frau Nachbarin", reporter_language="de", **values)
		close(case)
		return frappe.get_doc("Mediation Case", case.name)

	def test_the_letter_names_sender_date_and_the_number_to_call(self):
		case = self.closed_case()
		text = " ".join(pdf_text(follow_up.letter_pdf(case.name)).split())
		self.assertIn("Wohnungsgenossenschaft Unterweser eG", text)
		self.assertIn("0471 555 1234", text)
		self.assertIn("Sie können uns auch unter 0471 555 1234 anrufen", text)
		self.assertIn("Montag bis Freitag, 09:00–16:00", text)
		self.assertIn(f"Datum: {format_date(nowdate(), 'dd.MM.yyyy')}", text)
		self.assertIn("Mit freundlichen Grüßen", text)

	def test_its_link_is_on_the_public_address(self):
		case = self.closed_case()
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		context = follow_up.letter_context(case)
		self.assertEqual(context["url"], f"https://mitmachen.unterweser.example/f/{case.name}/{sig}")
		self.assertEqual(context["short_url"], f"mitmachen.unterweser.example/f/{case.name}/{sig}")
		text = pdf_text(follow_up.letter_pdf(case.name)).replace("\n", "")
		self.assertIn(f"mitmachen.unterweser.example/f/{case.name}/{sig}", text)
		self.assertNotIn("localhost", text)

	def test_without_a_help_line_the_letter_does_not_say_call_us(self):
		frappe.db.set_single_value(SETTINGS, "help_phone", "")
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		case = self.closed_case()
		phone = follow_up.letter_context(case)["phone"]
		self.assertEqual(phone, "Sie können uns auch mit einem Brief antworten.")
