"""The day-before reminder reaches a language mediator (and the family) with contact channels on the
consented channel, against a real SMS gateway, WhatsApp Cloud API and SMTP server on loopback: the
appointment's time, place and language and the mediator's link, nothing of the case; the preferred
channel without consent falls back; no consent at all makes it a letter; reminded twice, sent once."""

import frappe
from frappe.utils import format_date, random_string

from mitmenschen.interpreting import links, offers
from mitmenschen.interpreting.reminders import remind
from mitmenschen.interpreting.test_interpreting import make_mediator, next_weekday
from mitmenschen.outbound.notices import LOG
from mitmenschen.tests.factories import make_case, make_household, make_staff_user
from mitmenschen.tests.mail import flush_queue
from mitmenschen.tests.notice_world import NoticeTestCase

MEDIATOR, BOOKING, HOUSEHOLD = "Language Mediator", "Interpreter Booking", "Refugee Household"
PLACE = "Gemeinschaftsraum, Am Deich 4"


class TestAppointmentNotices(NoticeTestCase):
	SMS_PORT, CLOUD_PORT, SMTP_PORT = 2723, 2724, 2725
	CREATED = (BOOKING, MEDIATOR, "Mediation Case", HOUSEHOLD, "Case Category", "Communication")

	def setUp(self) -> None:
		super().setUp()
		self.secret = f"Streit-{random_string(8)}"
		self.clerk = make_staff_user("Mit:Menschen Clerk")

	def confirmed(self, mediator_channels: dict | None = None, household=None):
		"""A booking on a case whose subject is a secret, accepted by a mediator of its own dialect."""
		dialect = f"Syrisch-{random_string(5)}"
		mediator = make_mediator(dialect=dialect)
		if mediator_channels is not None:
			self.channels(MEDIATOR, mediator, **mediator_channels)
		case = make_case(subject=self.secret, description=f"{self.secret}: der Nachbar ruft nachts an")
		booking = frappe.get_doc(
			{
				"doctype": BOOKING,
				"purpose_type": "Mediation Talk",
				"mediation_case": case.name,
				"household": household,
				"interpreter_language": "ar",
				"dialect": dialect,
				"date": next_weekday(1),
				"start_time": "10:00:00",
				"duration_hours": 1,
				"mode": "In Person",
				"place": PLACE,
				"clerk": self.clerk,
			}
		).insert()
		[offer] = [row.name for row in booking.offers if row.mediator == mediator]
		self.assertEqual(offers.accept(booking.name, offer), "accepted")
		frappe.db.commit()
		self.gateway.clear()
		self.cloud.clear()
		return frappe.get_doc(BOOKING, booking.name), mediator, offer

	def assert_only_the_appointment(self, text: str, booking, offer: str, mediator: str) -> None:
		self.assertIn(format_date(booking.date, "dd.MM.yyyy"), text)
		self.assertIn("10:00", text)
		self.assertIn(PLACE, text)
		self.assertIn("Arabisch", text)
		self.assertIn(links.url(links.OFFER, offer, mediator), text)
		self.assertNotIn(self.secret, text)
		self.assertNotIn(booking.mediation_case, text)
		self.assertNotIn("Nachbar", text)

	def test_by_sms_when_whatsapp_is_preferred_without_consent_once(self):
		booking, mediator, offer = self.confirmed(
			{
				"consents": ["SMS"],
				"preferred": "WhatsApp",
				"mobile": "0176 3000 0001",
				"whatsapp": "0176 3000 0001",
			}
		)
		self.assertEqual(remind(booking.name), ["SMS +4917630000001"])
		frappe.db.commit()
		self.assertEqual(self.cloud.requests, [])
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917630000001")
		self.assert_only_the_appointment(sms["text"], booking, offer, mediator)
		name = frappe.db.get_value(LOG, {"party_doctype": MEDIATOR, "party": mediator}, "name")
		self.assertEqual(frappe.db.get_value(LOG, name, ["status", "reference_name"]), ("Sent", booking.name))
		self.assertTrue(any("SMS an" in line for line in self.timeline(BOOKING, booking.name)))
		remind(booking.name)  # the timer fired twice
		frappe.db.commit()
		self.assertEqual(len(self.gateway.requests), 1)

	def test_by_whatsapp(self):
		booking, mediator, offer = self.confirmed(
			{"consents": ["WhatsApp"], "preferred": "WhatsApp", "whatsapp": "+4917630000002"}
		)
		remind(booking.name)
		frappe.db.commit()
		[message] = self.cloud.sent()
		self.assertEqual(message["to"], "4917630000002")
		self.assert_only_the_appointment(
			message["template"]["components"][0]["parameters"][0]["text"], booking, offer, mediator
		)
		self.assertEqual(self.gateway.requests, [])

	def test_by_email(self):
		address = f"{random_string(8).lower()}@mittler.example"
		booking, mediator, offer = self.confirmed(
			{"consents": ["Email"], "preferred": "Email", "email": address}
		)
		remind(booking.name)
		frappe.db.commit()
		flush_queue()
		[mail] = self.smtp.to(address)
		self.assert_only_the_appointment(mail.get_body(("html",)).get_content(), booking, offer, mediator)
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])

	def test_without_any_consent_a_letter(self):
		booking, mediator, _offer = self.confirmed(
			{"preferred": "SMS", "mobile": "+4917630000003", "postal_address": "Weg 1\n28195 Bremen"}
		)
		self.assertEqual(remind(booking.name), [frappe._("Letter")])
		frappe.db.commit()
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])
		message = frappe.get_doc(LOG, {"party_doctype": MEDIATOR, "party": mediator})
		self.assertEqual(
			(message.channel, message.status, message.address), ("Letter", "Queued", "Weg 1\n28195 Bremen")
		)
		self.assertNotIn(self.secret, message.message)

	def test_the_family_in_its_language_on_its_channel(self):
		household = make_household()
		self.channels(
			HOUSEHOLD,
			household.name,
			consents=["SMS"],
			preferred="SMS",
			mobile="+4917630000004",
			language="ar",
		)
		booking, _mediator, _offer = self.confirmed(
			{"consents": ["WhatsApp"], "preferred": "WhatsApp", "whatsapp": "+4917630000005"}, household.name
		)
		remind(booking.name)
		frappe.db.commit()
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917630000004")
		self.assertIn(
			frappe._("Reminder: your appointment tomorrow with an interpreter", lang="ar"), sms["text"]
		)
		self.assertIn(PLACE, sms["text"])
		self.assertNotIn(self.secret, sms["text"])
		self.assertEqual(len(self.cloud.sent()), 1)  # the mediator's

	def test_the_mediators_and_the_households_channels_are_in_their_connections(self):
		from frappe.desk.notifications import get_open_count

		mediator = make_mediator(dialect=f"Syrisch-{random_string(5)}")
		household = make_household()
		self.channels(MEDIATOR, mediator, consents=["SMS"], preferred="SMS", mobile="+4917630000009")
		self.channels(HOUSEHOLD, household.name, consents=["SMS"], preferred="SMS", mobile="+4917630000010")
		for doctype, name in ((MEDIATOR, mediator), (HOUSEHOLD, household.name)):
			found = get_open_count(doctype, name)["count"]["external_links_found"]
			self.assertIn({"doctype": "Contact Channels", "count": 1, "open_count": 0}, found, doctype)
