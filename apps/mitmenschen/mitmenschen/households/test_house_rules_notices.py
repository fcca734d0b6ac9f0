"""The house rules reach a household with contact channels on its consented channel, against a real SMS
gateway, WhatsApp Cloud API and SMTP server on loopback: a short text with a signed link to the
picture page in the family's language (SMS, WhatsApp), the page attached (email) or printed behind the
letter (letter queue); the preferred channel without consent falls back; sent once when sent twice."""

import io
from urllib.parse import parse_qs, urlparse

import frappe
from pypdf import PdfReader

from mitmenschen.households.house_rules_sending import (
	AGREED,
	pictogram_pdf,
	send_house_rules,
	send_new_version,
	send_options,
	sheet,
)
from mitmenschen.outbound import letters
from mitmenschen.outbound.notices import LOG, attachments_of
from mitmenschen.tests.factories import make_flat, make_staff_user
from mitmenschen.tests.house_rules_world import explain, make_house_rules, make_speaking_household
from mitmenschen.tests.mail import flush_queue
from mitmenschen.tests.notice_world import NoticeTestCase

HOUSEHOLD = "Refugee Household"
# the Arabic of "The picture page with the most important rules: {0}" (its start)
ARABIC_LINK_LINE = frappe._("The picture page with the most important rules: {0}", lang="ar").split("{0}")[0]


def query(url: str) -> dict:
	return {key: values[0] for key, values in parse_qs(urlparse(url).query).items()}


def sheet_link(text: str) -> str:
	return next(word for word in text.split() if "house_rules_sending.sheet" in word).strip("<>\"'")


class TestHouseRulesNotices(NoticeTestCase):
	SMS_PORT, CLOUD_PORT, SMTP_PORT = 2720, 2721, 2722
	CREATED = (HOUSEHOLD, "House Rules", "Customer", "Communication")

	def setUp(self) -> None:
		super().setUp()
		self.clerk = make_staff_user("Mit:Menschen Clerk")
		flat = make_flat()
		self.district = flat["district"]
		self.rules = make_house_rules(district=self.district)

	def household(self, language="ar", tenant_email=False, **channels):
		household = make_speaking_household(language, district=self.district, email=tenant_email)
		if channels:
			# the clerk records the family's language with its channels
			self.channels(HOUSEHOLD, household.name, language=language, **channels)
		return household

	def send(self, household, **kwargs) -> dict:
		frappe.set_user(self.clerk)
		try:
			return send_house_rules(household.name, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def deliveries(self, household) -> list[tuple]:
		return [
			(row.channel, row.recipient)
			for row in frappe.get_all(
				"House Rules Delivery", filters={"parent": household.name}, fields=["channel", "recipient"]
			)
		]

	def test_by_sms_a_short_arabic_text_with_a_signed_link_to_the_arabic_page_once(self):
		# WhatsApp is preferred but only SMS is consented: SMS
		household = self.household(
			consents=["SMS"], preferred="WhatsApp", mobile="0176 2000 0001", whatsapp="0176 2000 0001"
		)
		frappe.set_user(self.clerk)
		self.assertEqual(tuple(send_options(household.name)["agreed"]), ("SMS", "+4917620000001"))
		frappe.set_user("Administrator")
		result = self.send(household)
		self.assertEqual((result["channel"], result["recipient"]), ("SMS", "+4917620000001"))
		self.assertEqual(self.gateway.requests, [], "nothing leaves before the commit")
		frappe.db.commit()
		self.assertEqual(self.cloud.requests, [])
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917620000001")
		self.assertIn(ARABIC_LINK_LINE.strip(), sms["text"])
		self.assertLess(len(sms["text"]), 600, "a short text, not the house rules")
		self.assertNotIn("وقت الراحة الليلية", sms["text"])
		link = query(sheet_link(sms["text"]))
		self.assertEqual((link["house_rules"], link["language"]), (self.rules.name, "ar"))
		sheet(**link)
		self.assertTrue(frappe.local.response.filecontent.startswith(b"%PDF"))
		self.assertTrue(frappe.local.response.filename.endswith("-ar.pdf"))
		with self.assertRaises(frappe.PermissionError):
			sheet(link["house_rules"], "uk", link["sig"])  # the signature is for the Arabic page only
		for house_rules, sig in ((link["house_rules"] + "x", link["sig"]), ("x" * 500, "y" * 500)):
			with self.assertRaises(frappe.PermissionError):  # the same answer: no version is told to exist
				sheet(house_rules, "ar", sig)
		self.assertEqual(self.deliveries(household), [("SMS", "+4917620000001")])
		self.assertIn(
			f"SMS an {household.family_name} (+4917620000001) gesendet",
			self.timeline(HOUSEHOLD, household.name),
		)
		# sent twice: once
		again = self.send(household)
		frappe.db.commit()
		self.assertTrue(again["already"])
		self.assertEqual(len(self.gateway.requests), 1)
		self.assertEqual(len(self.deliveries(household)), 1)

	def test_by_whatsapp_the_link_in_the_template_message(self):
		household = self.household(consents=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944200002")
		self.assertEqual(self.send(household)["channel"], "WhatsApp")
		frappe.db.commit()
		[message] = self.cloud.sent()
		self.assertEqual(message["to"], "963944200002")
		text = message["template"]["components"][0]["parameters"][0]["text"]
		self.assertIn(ARABIC_LINK_LINE.strip(), text)
		self.assertEqual(query(sheet_link(text))["language"], "ar")
		self.assertEqual(self.gateway.requests, [])

	def test_by_email_the_page_attached_and_linked(self):
		household = self.household(
			language="uk", consents=["Email"], preferred="Email", email="familie-hr@haushalt.example"
		)
		self.assertEqual(self.send(household)["channel"], "Email")
		frappe.db.commit()
		flush_queue()
		[mail] = self.smtp.to("familie-hr@haushalt.example")
		self.assertEqual(
			mail["Subject"], frappe._("The house rules of your building (version {0})", lang="uk").format(1)
		)
		files = [part.get_filename() for part in mail.iter_attachments()]
		self.assertEqual(files, [f"{self.rules.name.replace(' ', '-')}-uk.pdf"])
		self.assertIn("house_rules_sending.sheet", mail.get_body(("html",)).get_content())
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])

	def test_without_consent_a_letter_with_the_page_printed_behind_it(self):
		household = self.household(
			preferred="SMS", mobile="+4917620000003", postal_address="Am Hang 3\n12345 Stadt"
		)
		result = self.send(household)
		frappe.db.commit()
		self.assertEqual(result["channel"], "Letter")
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])
		message = frappe.get_doc(LOG, result["outbound_message"])
		self.assertNotIn("house_rules_sending.sheet", message.message, "no link on paper")
		[page] = attachments_of(message.name)
		sheet_pages = len(PdfReader(io.BytesIO(frappe.get_doc("File", page).get_content())).pages)
		# the version changes before the clerk prints: its page is rendered anew, the letter's stays
		frappe.db.set_value(
			"House Rules", self.rules.name, "modified", frappe.utils.add_to_date(None, minutes=1)
		)
		self.rules.reload()
		pictogram_pdf(self.rules, "ar")
		pdf = PdfReader(io.BytesIO(letters.letters_pdf([message])))
		self.assertEqual(len(pdf.pages), 1 + sheet_pages)
		frappe.set_user("Administrator")
		printed = letters.print_letters()
		self.assertGreaterEqual(printed["count"], 1)
		self.assertEqual(frappe.db.get_value(LOG, message.name, "status"), "Sent")
		self.assertIn(f"Brief an {household.family_name} gedruckt", self.timeline(HOUSEHOLD, household.name))
		frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": printed["file_url"]}), force=True)

	def test_without_contact_channels_the_dialog_offers_email_as_before(self):
		household = self.household(tenant_email=True)
		frappe.set_user(self.clerk)
		options = send_options(household.name)
		frappe.set_user("Administrator")
		self.assertIsNone(options["agreed"])
		self.assertEqual(options["recipient"], household.flags.test_email)
		with self.assertRaises(frappe.ValidationError):
			self.send(household, channel=AGREED)

	def test_a_new_version_reaches_a_household_without_email_on_its_channel_once(self):
		new = make_house_rules(district=self.district, title=self.rules.title, valid_from="2026-03-01")
		household = self.household(consents=["SMS"], preferred="SMS", mobile="+4917620000004")
		explain(household, self.rules.name, "2026-02-01", "ar")
		frappe.db.commit()
		first = send_new_version(new.name)
		second = send_new_version(new.name)
		self.assertEqual(first["sent"], 1)
		self.assertEqual(second["sent"], 0)
		self.assertEqual([sms["to"] for sms in self.gateway.delivered()], ["+4917620000004"])
		self.assertEqual(self.deliveries(household), [("SMS", "+4917620000004")])
