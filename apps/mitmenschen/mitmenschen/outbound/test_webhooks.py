"""The doors in, over HTTP through Frappe's own request handling: WhatsApp's subscription check, a
forged signature refused without a trace, delivery statuses on the log, a voice note from a known
number on the person's open case (private file, fetched from the Cloud API on loopback), from an
unknown number as a report to triage, a duplicate delivery changing nothing, STOP withdrawing."""

import hashlib
import hmac
import json
import random

import frappe
from frappe.tests.test_api import get_test_client, make_request
from frappe.utils import nowdate, random_string

from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG, notify
from mitmenschen.outbound.test_notices import NOTICE, NoticeWorld
from mitmenschen.tests.factories import make_case

WEBHOOK = "/api/method/mitmenschen.outbound.webhooks.whatsapp_webhook"
SMS_HOOK = "/api/method/mitmenschen.outbound.webhooks.sms"
SECRET = "app-secret"
OGG = b"OggS\x00\x02" + b"\x00" * 200  # the start of an Ogg/Opus voice note


def signed(payload: dict, secret: str = SECRET) -> tuple[bytes, dict]:
	raw = json.dumps(payload).encode()
	signature = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
	return raw, {"X-Hub-Signature-256": signature}


def envelope(*, messages=(), statuses=(), wa_id: str = "", name: str = "Abu Karim") -> dict:
	value = {
		"messaging_product": "whatsapp",
		"metadata": {"display_phone_number": "4930123456", "phone_number_id": "106540352242922"},
	}
	if messages:
		value["contacts"] = [{"profile": {"name": name}, "wa_id": wa_id}]
		value["messages"] = list(messages)
	if statuses:
		value["statuses"] = list(statuses)
	return {"object": "whatsapp_business_account", "entry": [{"id": "WABA", "changes": [{"value": value, "field": "messages"}]}]}


def random_mobile() -> str:
	"""A German mobile number no earlier run used (E.164 without the plus, as WhatsApp writes it)."""
	return f"49151{random.randint(10000000, 99999999)}"


def voice_note(sender: str, media_id: str) -> dict:
	return {
		"from": sender,
		"id": f"wamid.{random_string(20)}",
		"timestamp": "1765000000",
		"type": "audio",
		"audio": {"mime_type": "audio/ogg; codecs=opus", "sha256": "x", "id": media_id, "voice": True},
	}


class TestWebhooks(NoticeWorld):
	client = get_test_client()

	def request(self, method, *args, **kwargs):
		"""A request in Frappe's own handling, on its own connection: what we made is committed first,
		and our next read starts a new snapshot to see what the request committed."""
		frappe.db.commit()
		response = make_request(target=method, args=args, kwargs=kwargs)
		frappe.db.commit()
		return response

	def post(self, raw: bytes, headers: dict):
		return self.request(self.client.post, WEBHOOK, data=raw, headers=headers, content_type="application/json")

	def track_cases_of(self, phone: str) -> list[str]:
		cases = frappe.get_all("Mediation Case", filters={"reporter_phone": phone}, pluck="name")
		self.created.extend(("Mediation Case", c) for c in cases)
		return cases

	def tearDown(self) -> None:
		frappe.db.rollback()
		for doctype, name in self.created:
			if doctype == "Mediation Case":
				for file in frappe.get_all("File", filters={"attached_to_doctype": doctype, "attached_to_name": name}, pluck="name"):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				frappe.db.delete("Communication", {"reference_doctype": doctype, "reference_name": name})
		super().tearDown()

	def test_subscription_check_answers_the_challenge_only_to_the_verify_token(self) -> None:
		ok = self.request(self.client.get, f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444")
		self.assertEqual((ok.status_code, ok.get_data(as_text=True)), (200, "1158201444"))
		wrong = self.request(self.client.get, f"{WEBHOOK}?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444")
		self.assertEqual(wrong.status_code, 403)
		self.assertNotIn("1158201444", wrong.get_data(as_text=True))

	def test_a_forged_signature_is_refused_and_changes_nothing(self) -> None:
		phone = "+" + random_mobile()
		self.cloud.media["m-forged"] = (OGG, "audio/ogg")
		payload = envelope(messages=[voice_note(phone.lstrip("+"), "m-forged")], wa_id=phone.lstrip("+"))
		communications = frappe.db.count("Communication")
		for headers in (signed(payload, secret="not-the-secret")[1], {}, {"X-Hub-Signature-256": "sha256=00"}):
			raw = json.dumps(payload).encode()
			response = self.post(raw, headers)
			self.assertEqual(response.status_code, 403)
		self.assertEqual(frappe.db.count("Communication"), communications)
		self.assertEqual(self.track_cases_of(phone), [])
		self.assertEqual([r for r in self.cloud.requests if "m-forged" in r.get("path", "")], [])

	def test_statuses_update_the_log(self) -> None:
		household, _profile = self.person(channels=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944123460")
		message = notify(("Refugee Household", household.name), NOTICE, {"case": "S"}, key=f"test:{random_string(8)}")
		frappe.db.commit()
		wamid = frappe.db.get_value(LOG, message, "provider_message_id")
		status = {"id": wamid, "status": "delivered", "timestamp": "1765000001", "recipient_id": "963944123460"}
		response = self.post(*signed(envelope(statuses=[status])))
		self.assertEqual(response.status_code, 200)
		self.assertEqual(frappe.db.get_value(LOG, message, "delivery_status"), "delivered")

	def test_a_voice_note_from_a_known_number_lands_on_the_open_case_once(self) -> None:
		household, profile = self.person(channels=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944123461")
		case = make_case(respondent_household=household.name)
		self.created.append(("Mediation Case", case.name))
		frappe.db.commit()
		self.cloud.media["m-known"] = (OGG, "audio/ogg")
		payload = envelope(messages=[voice_note("963944123461", "m-known")], wa_id="963944123461")
		for _delivery in range(2):  # WhatsApp delivers at least once
			self.assertEqual(self.post(*signed(payload)).status_code, 200)
		[communication] = frappe.get_all(
			"Communication",
			filters={"reference_doctype": "Mediation Case", "reference_name": case.name},
			fields=["communication_medium", "sent_or_received", "phone_no", "content", "message_id"],
		)
		self.assertEqual(
			(communication.communication_medium, communication.sent_or_received, communication.phone_no),
			("Chat", "Received", "+963944123461"),
		)
		[file] = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Mediation Case", "attached_to_name": case.name},
			fields=["name", "is_private", "file_url"],
		)
		self.assertEqual(file.is_private, 1)
		self.assertTrue(file.file_url.startswith("/private/files/voice-"))
		with open(frappe.get_doc("File", file.name).get_full_path(), "rb") as stored:
			self.assertEqual(stored.read(), OGG)
		self.assertIn(file.file_url, communication.content)
		# the message opened the 24-hour window
		self.assertIsNotNone(frappe.db.get_value(consent.PROFILE, profile.name, "whatsapp_last_inbound"))

	def test_a_message_from_an_unknown_number_opens_a_report_to_triage(self) -> None:
		self.cloud.media["m-unknown"] = (OGG, "audio/ogg")
		number = random_mobile()
		message = voice_note(number, "m-unknown")
		text = {"from": number, "id": f"wamid.{random_string(20)}", "timestamp": "1765000002", "type": "text", "text": {"body": "Im Keller steht Wasser"}}
		self.assertEqual(self.post(*signed(envelope(messages=[text], wa_id=number, name="Leyla"))).status_code, 200)
		[case] = self.track_cases_of("+" + number)
		values = frappe.db.get_value("Mediation Case", case, ["status", "reporter_name", "description"], as_dict=True)
		self.assertEqual((values.status, values.reporter_name), ("New", "Leyla"))
		self.assertIn("Im Keller steht Wasser", values.description)
		# the voice note that follows joins the same report
		self.assertEqual(self.post(*signed(envelope(messages=[message], wa_id=number))).status_code, 200)
		self.assertEqual(self.track_cases_of("+" + number), [case])
		self.assertEqual(frappe.db.count("Communication", {"reference_name": case, "reference_doctype": "Mediation Case"}), 2)
		self.assertTrue(frappe.db.exists("File", {"attached_to_name": case, "is_private": 1}))

	def test_stop_withdraws_whatsapp_and_sms_with_the_token(self) -> None:
		household, profile = self.person(
			channels=["WhatsApp", "SMS"], preferred="WhatsApp", whatsapp="+963944123462", mobile="+963944123462"
		)
		frappe.db.commit()
		stop = {"from": "963944123462", "id": f"wamid.{random_string(20)}", "timestamp": "1765000003", "type": "text", "text": {"body": " Stopp "}}
		self.assertEqual(self.post(*signed(envelope(messages=[stop], wa_id="963944123462"))).status_code, 200)
		profile.reload()
		self.assertEqual(consent.consented_channels(profile), ["SMS"])
		self.assertEqual([r.withdrawn_how for r in profile.consents if r.channel == "WhatsApp"], ["Reply STOP"])
		self.assertEqual(self.track_cases_of("+963944123462"), [])
		refused = self.request(self.client.post, SMS_HOOK, data={"token": "guess", "from": "+963944123462", "text": "STOP"})
		self.assertEqual(refused.status_code, 403)
		profile.reload()
		self.assertEqual(consent.consented_channels(profile), ["SMS"])
		accepted = self.request(
			self.client.post,
			SMS_HOOK,
			data={"token": "sms-inbound-token", "from": "+963944123462", "text": "STOP", "id": "sms-1"},
		)
		self.assertEqual(accepted.status_code, 200)
		profile.reload()
		self.assertEqual(consent.consented_channels(profile), [])
		self.assertEqual(consent.choose_channel(profile)[0], "Letter")
		self.assertTrue(any("STOP" in line for line in self.timeline("Refugee Household", household.name)))
		self.assertEqual(nowdate(), str(profile.consents[0].withdrawn_on))
