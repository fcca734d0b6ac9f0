"""Notices to families through one door, against a real SMS gateway and a Cloud API on loopback: the
consented channel (preferred, else the next, else a letter), once per key, logged on the timeline in
German, an outage retried without a second delivery, the 24-hour window deciding template or text.

Delivery happens after commit (as in production), so these tests commit and clean up after themselves.
"""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_to_date, now_datetime, nowdate, random_string

from mitmenschen.outbound import consent, letters
from mitmenschen.outbound.notices import FAILED, LOG, QUEUED, SENT, notify, retry_due
from mitmenschen.outbound.phones import InvalidNumberError, normalise
from mitmenschen.outbound.templates import TemplateSet
from mitmenschen.tests.factories import make_case, make_household
from mitmenschen.tests.gateways import CloudAPI, SMSGateway, configure_sms, configure_whatsapp

SMS_PORT, CLOUD_PORT = 2681, 2682

TEXTS = {
	"de": ("Ihr Anliegen {{ case }}", "<p>Wir haben Ihr Anliegen {{ case }} abgeschlossen.</p>"),
	"en": ("Your concern {{ case }}", "<p>We have closed your concern {{ case }}.</p>"),
	"ar": ("طلبك {{ case }}", "<p>لقد أغلقنا طلبك {{ case }}.</p>"),
}
NOTICE = TemplateSet("Mit:Menschen Test Notice", lambda lang: TEXTS.get(lang, TEXTS["en"]))


class NoticeWorld(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.gateway = SMSGateway(SMS_PORT).start()
		cls.cloud = CloudAPI(CLOUD_PORT).start()
		configure_sms(cls.gateway)
		configure_whatsapp(cls.cloud)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.gateway.stop()
		cls.cloud.stop()
		super().tearDownClass()

	def setUp(self) -> None:
		self.gateway.clear()
		self.cloud.clear()
		self.gateway.down = self.cloud.down = False
		self.created: list[tuple[str, str]] = []

	def tearDown(self) -> None:
		frappe.db.rollback()
		for doctype, name in reversed(self.created):
			for message in frappe.get_all(LOG, filters={"party": name}, pluck="name"):
				frappe.delete_doc(LOG, message, force=True, ignore_permissions=True)
			if frappe.db.exists(doctype, name):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		frappe.db.commit()

	def person(self, *, channels=(), preferred="Letter", language=None, **addresses):
		household = make_household()
		self.created.append(("Refugee Household", household.name))
		profile = frappe.get_doc(
			{
				"doctype": consent.PROFILE,
				"party_doctype": "Refugee Household",
				"party": household.name,
				"preferred_channel": preferred,
				"language": language,
				"consents": [{"channel": c, "given_on": nowdate(), "how": "Form"} for c in channels],
				**addresses,
			}
		).insert()
		self.created.append((consent.PROFILE, profile.name))
		return household, profile

	def case(self):
		case = make_case()
		self.created.append(("Mediation Case", case.name))
		return case

	def timeline(self, doctype: str, name: str) -> list[str]:
		return frappe.get_all(
			"Comment",
			filters={"reference_doctype": doctype, "reference_name": name, "comment_type": "Info"},
			pluck="content",
		)


class TestChannels(NoticeWorld):
	def test_sms_with_consent_is_sent_once_and_logged_in_german(self) -> None:
		household, profile = self.person(channels=["SMS"], preferred="SMS", mobile="0176 1234 5678")
		self.assertEqual(profile.mobile, "+4917612345678")
		case = self.case()
		key = f"test:{random_string(8)}"
		name = notify(("Refugee Household", household.name), NOTICE, {"case": case.name}, reference=("Mediation Case", case.name), key=key)
		self.assertEqual(self.gateway.requests, [])  # nothing before the caller's commit
		frappe.db.commit()
		[sms] = self.gateway.delivered()
		self.assertEqual((sms["to"], sms["api_key"]), ("+4917612345678", "k-123"))
		self.assertIn(f"Wir haben Ihr Anliegen {case.name} abgeschlossen.", sms["text"])
		self.assertEqual(frappe.db.get_value(LOG, name, ["status", "attempts", "channel"]), (SENT, 1, "SMS"))
		self.assertIn(f"SMS an {household.family_name} (+4917612345678) gesendet", self.timeline("Mediation Case", case.name))
		# the same key again: the first message, nothing sent
		self.assertEqual(notify(("Refugee Household", household.name), NOTICE, {"case": case.name}, key=key), name)
		frappe.db.commit()
		self.assertEqual(len(self.gateway.requests), 1)

	def test_a_rolled_back_save_sends_nothing(self) -> None:
		household, _profile = self.person(channels=["SMS"], preferred="SMS", mobile="+4917612345679")
		frappe.db.commit()
		notify(("Refugee Household", household.name), NOTICE, {"case": "X"}, key=f"test:{random_string(8)}")
		frappe.db.rollback()
		frappe.db.commit()
		self.assertEqual(self.gateway.requests, [])

	def test_preferred_channel_without_consent_falls_back_to_the_next(self) -> None:
		household, _profile = self.person(
			channels=["SMS"], preferred="WhatsApp", mobile="+4917612345670", whatsapp="+4917612345670"
		)
		name = notify(("Refugee Household", household.name), NOTICE, {"case": "A"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value(LOG, name, "channel"), "SMS")
		self.assertEqual(self.cloud.requests, [])
		self.assertEqual(len(self.gateway.delivered()), 1)

	def test_without_consent_or_after_withdrawal_a_letter_is_printed(self) -> None:
		household, profile = self.person(channels=["SMS"], preferred="SMS", mobile="+4917612345671", postal_address="Am Hang 3\n12345 Stadt")
		profile.consents[0].withdrawn_on = nowdate()
		profile.save()
		nobody = make_household()
		self.created.append(("Refugee Household", nobody.name))
		first = notify(("Refugee Household", household.name), NOTICE, {"case": "B"}, key=f"test:{random_string(8)}", language="ar")
		second = notify(("Refugee Household", nobody.name), NOTICE, {"case": "C"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		self.assertEqual(self.gateway.requests, [])
		self.assertEqual(frappe.db.get_value(LOG, first, ["channel", "status"]), ("Letter", QUEUED))
		self.assertEqual(frappe.db.get_value(LOG, second, "channel"), "Letter")
		frappe.set_user("Administrator")
		result = letters.print_letters()
		self.assertGreaterEqual(result["count"], 2)
		self.assertTrue(result["file_url"].startswith("/private/files/letters-"))
		pdf = frappe.get_doc("File", {"file_url": result["file_url"]}).get_content()
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertEqual(frappe.db.get_value(LOG, first, "status"), SENT)
		self.assertIn(f"Brief an {household.family_name} gedruckt", self.timeline("Refugee Household", household.name))
		self.assertEqual(letters.print_letters()["count"], 0)  # printed once
		frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": result["file_url"]}), force=True)

	def test_an_outage_loses_nothing_and_sends_nothing_twice(self) -> None:
		household, _profile = self.person(channels=["SMS"], preferred="SMS", mobile="+4917612345672")
		self.gateway.down = True
		name = notify(("Refugee Household", household.name), NOTICE, {"case": "D"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value(LOG, name, ["status", "attempts"]), (FAILED, 1))
		self.assertEqual(len(self.gateway.requests), 1)
		self.assertEqual(self.gateway.delivered(), [])
		retry_due()  # not due yet: nothing
		self.assertEqual(len(self.gateway.requests), 1)
		self.gateway.down = False
		frappe.db.set_value(LOG, name, "next_attempt_on", add_to_date(now_datetime(), minutes=-1))
		frappe.db.commit()
		retry_due()
		retry_due()
		self.assertEqual(len(self.gateway.delivered()), 1)
		self.assertEqual(frappe.db.get_value(LOG, name, ["status", "attempts"]), (SENT, 2))

	def test_an_attempt_cut_off_by_a_crash_is_never_sent_again(self) -> None:
		household, _profile = self.person(channels=["SMS"], preferred="SMS", mobile="+4917612345673")
		name = notify(("Refugee Household", household.name), NOTICE, {"case": "K"}, key=f"test:{random_string(8)}")
		# as if a worker had claimed it and died before the gateway answered
		frappe.db.set_value(LOG, name, "sending_since", add_to_date(now_datetime(), minutes=-20))
		frappe.db.commit()
		retry_due()
		self.assertEqual(self.gateway.requests, [])
		values = frappe.db.get_value(LOG, name, ["status", "next_attempt_on", "sending_since"], as_dict=True)
		self.assertEqual((values.status, values.next_attempt_on, values.sending_since), (FAILED, None, None))
		self.assertTrue(any("Zustellung ungewiss" in line for line in self.timeline("Refugee Household", household.name)))
		retry_due()
		self.assertEqual(self.gateway.requests, [])

	def test_a_number_that_is_no_phone_number_is_refused_clearly(self) -> None:
		with self.assertRaises(InvalidNumberError):
			normalise("12ab")
		self.assertEqual(normalise("+49 (0)30 901820"), "+4930901820")
		self.assertEqual(normalise("00963 944 123 456"), "+963944123456")
		household = make_household()
		self.created.append(("Refugee Household", household.name))
		with self.assertRaises(InvalidNumberError):
			frappe.get_doc({"doctype": consent.PROFILE, "party_doctype": "Refugee Household", "party": household.name, "mobile": "0176"}).insert()


class TestWhatsApp(NoticeWorld):
	def test_template_outside_the_window_text_inside_it(self) -> None:
		household, profile = self.person(channels=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944123456", language="ar")
		closed = notify(("Refugee Household", household.name), NOTICE, {"case": "E"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		[template] = self.cloud.sent()
		self.assertEqual(self.cloud.requests[0]["path"], "/v19.0/106540352242922/messages")
		self.assertEqual(template["to"], "963944123456")
		self.assertEqual(template["type"], "template")
		self.assertEqual(template["template"]["name"], "mitmenschen_notice")
		self.assertEqual(template["template"]["language"], {"code": "ar"})
		self.assertIn("لقد أغلقنا طلبك E.", template["template"]["components"][0]["parameters"][0]["text"])
		self.assertEqual(frappe.db.get_value(LOG, closed, ["whatsapp_mode", "provider_message_id"]), ("Template", "wamid.TEST%08d" % self.cloud.counter))
		# the person wrote an hour ago: free text
		frappe.db.set_value(consent.PROFILE, profile.name, "whatsapp_last_inbound", add_to_date(now_datetime(), hours=-1))
		opened = notify(("Refugee Household", household.name), NOTICE, {"case": "F"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		text = self.cloud.sent()[-1]
		self.assertEqual(text["type"], "text")
		self.assertIn("لقد أغلقنا طلبك F.", text["text"]["body"])
		self.assertEqual(frappe.db.get_value(LOG, opened, "whatsapp_mode"), "Text")
		self.assertIn(f"WhatsApp-Nachricht an {household.family_name} (+963944123456) gesendet", self.timeline("Refugee Household", household.name))

	def test_a_day_old_window_is_closed(self) -> None:
		household, profile = self.person(channels=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944123457")
		profile.db_set("whatsapp_last_inbound", add_to_date(now_datetime(), hours=-25))
		notify(("Refugee Household", household.name), NOTICE, {"case": "G"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		self.assertEqual(self.cloud.sent()[0]["type"], "template")
		self.assertEqual(self.cloud.sent()[0]["template"]["language"], {"code": "de"})  # no language: German

	def test_cloud_api_outage_is_retried_once_it_answers(self) -> None:
		household, _profile = self.person(channels=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944123458")
		self.cloud.down = True
		name = notify(("Refugee Household", household.name), NOTICE, {"case": "H"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		self.assertEqual(frappe.db.get_value(LOG, name, "status"), FAILED)
		self.cloud.down = False
		frappe.db.set_value(LOG, name, "next_attempt_on", add_days(now_datetime(), -1))
		frappe.db.commit()
		retry_due()
		self.assertEqual(len(self.cloud.sent()), 1)
		self.assertEqual(frappe.db.get_value(LOG, name, "status"), SENT)
