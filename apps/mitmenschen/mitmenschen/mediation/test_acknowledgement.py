# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The reporter's acknowledgement, delivered through a real SMTP server on loopback. The notice leaves
after the commit (as in production), so the tests commit and delete what they made."""

import frappe
from frappe.utils import now_datetime, random_string

from mitmenschen.mediation.acknowledgement import acknowledge
from mitmenschen.outbound.notices import LOG
from mitmenschen.portal import tenant
from mitmenschen.tests.factories import make_case, make_category
from mitmenschen.tests.mail import (
	CREATED_BY_MAIL_TESTS,
	MailTestCase,
	delete_created_since,
	drop_queued_since,
	flush_queue,
)
from mitmenschen.tests.portal_world import make_tenant_user

PORT = 2537


class TestAcknowledgement(MailTestCase):
	PORT = PORT

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.since = now_datetime()

	@classmethod
	def tearDownClass(cls) -> None:
		frappe.db.rollback()
		delete_created_since(cls.since, [LOG, *CREATED_BY_MAIL_TESTS])
		drop_queued_since(cls.since)
		super().tearDownClass()

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_a_tenants_report_in_arabic_is_acknowledged_in_arabic_right_to_left(self):
		reporter = make_tenant_user(f"mieterin-{random_string(6).lower()}@mieter.example", "Mieterin Test")
		category = make_category().name
		frappe.set_user(reporter["user"])
		name = tenant.create_report(
			reporter["tenant"], category, "Im Treppenhaus liegt seit Tagen Müll.", "ar", "Haus 3", []
		)
		frappe.set_user("Administrator")
		frappe.db.commit()
		flush_queue()

		[message] = self.smtp.to(reporter["user"])
		self.assertTrue(message["Subject"].startswith(f"[{name}] "))
		self.assertEqual(
			message["Subject"], f"[{name}] {frappe._('We have received your report', lang='ar')}"
		)
		self.assertNotIn("We have received", message["Subject"], "not translated to Arabic")
		body = message.get_body(("html",)).get_content()
		self.assertIn('dir="rtl"', body)
		self.assertIn("/my-reports", body)
		self.assertIn(name, body)
		self.assertTrue(message["Message-ID"])

		# on the case's timeline, automated: not the case's first response
		self.assertTrue(
			frappe.db.exists(
				"Communication",
				{
					"reference_name": name,
					"communication_type": "Automated Message",
					"sent_or_received": "Sent",
				},
			)
		)
		self.assertFalse(frappe.db.get_value("Mediation Case", name, "first_responded_on"))

	def test_without_a_reporter_address_nobody_is_mailed(self):
		case = make_case(reporter_name="Nachbar ohne E-Mail")
		self.assertIsNone(acknowledge(case))
		frappe.db.commit()
		flush_queue()
		self.assertEqual(self.smtp.messages, [])

	def test_an_email_reporter_gets_the_sites_language(self):
		case = make_case(reporter_email=f"{random_string(6).lower()}@extern.example", channel="Email")
		self.assertTrue(acknowledge(case))
		frappe.db.commit()
		flush_queue()
		[message] = self.smtp.to(case.reporter_email)
		self.assertIn(frappe._("We have received your report", lang="de"), message["Subject"])
		self.assertNotIn("/my-reports", message.get_body(("html",)).get_content())
