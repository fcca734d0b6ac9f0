"""The family is reminded of an onboarding appointment the day before, on its consented channel, against
a real SMS gateway, WhatsApp Cloud API and SMTP server on loopback: in its language, with when and
where and whom to call, never the step's working title; the preferred channel without consent falls
back, no consent makes a letter; the hourly job run twice reminds once; a moved appointment again."""

from datetime import datetime, timedelta

import frappe
from frappe.utils import nowdate, random_string

from mitmenschen.households.onboarding import OnboardingStepError, get_checklist, set_step_appointment
from mitmenschen.households.onboarding_visits import remind_due
from mitmenschen.outbound.notices import LOG
from mitmenschen.tests.factories import make_household, make_staff_user
from mitmenschen.tests.mail import flush_queue
from mitmenschen.tests.notice_world import NoticeTestCase

HOUSEHOLD, PLAN = "Refugee Household", "Onboarding Plan"
STEP_TITLE = "Begrüßungsbesuch in der neuen Wohnung"


class TestOnboardingVisits(NoticeTestCase):
	SMS_PORT, CLOUD_PORT, SMTP_PORT = 2726, 2727, 2728
	CREATED = (HOUSEHOLD, PLAN, "Communication")

	def setUp(self) -> None:
		super().setUp()
		# the day before a visit at 10:30, 09:00: the reminder is due
		self.visit = datetime.combine(
			datetime.now().date() + timedelta(days=30), datetime.min.time()
		).replace(hour=10, minute=30)
		self.now = self.visit - timedelta(hours=25, minutes=30)
		self.clerk = make_staff_user("Mit:Menschen Clerk")
		frappe.db.set_value("User", self.clerk, "phone", "+49 421 555 0123")

	def household(self, language="ar", **channels):
		household = make_household(
			languages=[{"language": language}], family_name=f"Haddad {random_string(5)}"
		)
		frappe.db.set_value(HOUSEHOLD, household.name, "owner", self.clerk)
		if channels:
			self.channels(HOUSEHOLD, household.name, language=language, **channels)
		plan = frappe.get_doc(
			{
				"doctype": PLAN,
				"household": household.name,
				"move_in_date": nowdate(),
				"steps": [
					{
						"step": STEP_TITLE,
						"due_date": self.visit.date(),
						"visit_on": self.visit,
						"visit_place": "Am Deich 4, 2. OG",
						"responsible_type": "User",
						"responsible": self.clerk,
					},
					{"step": "Mülltrennung gezeigt", "due_date": self.visit.date()},  # no appointment
				],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		return household, plan

	def messages(self, household) -> list:
		return frappe.get_all(
			LOG, filters={"party": household.name}, fields=["name", "channel", "status", "address", "message"]
		)

	def test_by_sms_in_arabic_when_whatsapp_is_preferred_without_consent_once(self):
		household, _plan = self.household(
			consents=["SMS"], preferred="WhatsApp", mobile="+4917640000001", whatsapp="+4917640000001"
		)
		remind_due(self.now - timedelta(hours=2))
		self.assertEqual(self.messages(household), [], "not before 08:00 the day before")
		remind_due(self.now)
		remind_due(self.now + timedelta(hours=1))  # the hourly job again: the same message, not a second
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917640000001")
		self.assertIn(frappe._("Reminder: your appointment tomorrow", lang="ar"), sms["text"])
		self.assertIn(self.visit.strftime("%d.%m.%Y"), sms["text"])
		self.assertIn("10:30", sms["text"])
		self.assertIn("Am Deich 4, 2. OG", sms["text"])
		self.assertIn("+49 421 555 0123", sms["text"])
		self.assertNotIn(STEP_TITLE, sms["text"])
		self.assertEqual(self.cloud.requests, [])
		self.assertEqual(len(self.messages(household)), 1)
		self.assertTrue(any("SMS an" in line for line in self.timeline(HOUSEHOLD, household.name)))

	def test_by_whatsapp(self):
		self.household(language="ti", consents=["WhatsApp"], preferred="WhatsApp", whatsapp="+4917640000002")
		remind_due(self.now)
		[message] = self.cloud.sent()
		self.assertEqual(message["to"], "4917640000002")
		self.assertIn(
			frappe._("Reminder: your appointment tomorrow", lang="ti"),
			message["template"]["components"][0]["parameters"][0]["text"],
		)
		self.assertEqual(self.gateway.requests, [])

	def test_by_email(self):
		address = f"familie-{random_string(6).lower()}@haushalt.example"
		self.household(language="uk", consents=["Email"], preferred="Email", email=address)
		remind_due(self.now)
		flush_queue()
		[mail] = self.smtp.to(address)
		self.assertEqual(mail["Subject"], frappe._("Reminder: your appointment tomorrow", lang="uk"))
		self.assertIn("Am Deich 4", mail.get_body(("html",)).get_content())
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])

	def test_without_consent_a_letter_and_a_moved_appointment_is_reminded_again(self):
		household, plan = self.household(
			preferred="SMS", mobile="+4917640000003", postal_address="Am Deich 4\n28195 Bremen"
		)
		remind_due(self.now)
		[letter] = self.messages(household)
		self.assertEqual(
			(letter.channel, letter.status, letter.address), ("Letter", "Queued", "Am Deich 4\n28195 Bremen")
		)
		self.assertEqual(self.gateway.requests + self.cloud.requests, [])
		plan.reload()
		plan.steps[0].visit_on = self.visit + timedelta(days=1)
		plan.save(ignore_permissions=True)
		frappe.db.commit()
		remind_due(self.now)
		self.assertEqual(len(self.messages(household)), 1, "the moved appointment is not due yet")
		remind_due(self.now + timedelta(days=1))
		self.assertEqual(len(self.messages(household)), 2)

	def test_a_done_step_reminds_nobody(self):
		household, plan = self.household(consents=["SMS"], preferred="SMS", mobile="+4917640000004")
		plan.reload()
		plan.steps[0].status = "Done"
		plan.save(ignore_permissions=True)
		frappe.db.commit()
		remind_due(self.now)
		self.assertEqual(self.messages(household), [])
		self.assertEqual(self.gateway.requests, [])

	def test_the_clerk_sets_the_appointment_on_the_households_checklist(self):
		household, plan = self.household(consents=["SMS"], preferred="SMS", mobile="+4917640000005")
		step = plan.steps[1]  # the step without an appointment
		frappe.set_user(self.clerk)
		with self.assertRaises(OnboardingStepError):
			set_step_appointment(plan.name, step.name, "morgen früh")
		with self.assertRaises(frappe.DoesNotExistError):
			set_step_appointment(plan.name, "kein-schritt", str(self.visit))
		set_step_appointment(
			plan.name, step.name, str(self.visit + timedelta(hours=3)), "<b>Büro</b> Am Deich 4"
		)
		[row] = [s for s in get_checklist(household.name)["steps"] if s["name"] == step.name]
		frappe.set_user("Administrator")
		self.assertEqual(
			(str(row["visit_on"]), row["visit_place"]),
			(str(self.visit + timedelta(hours=3)), "Büro Am Deich 4"),
		)
		frappe.db.commit()
		remind_due(self.now)
		self.assertEqual(len(self.messages(household)), 2, "both appointments of the household")
		frappe.set_user(make_staff_user("Partner User"))
		with self.assertRaises(frappe.PermissionError):
			set_step_appointment(plan.name, step.name, None)
