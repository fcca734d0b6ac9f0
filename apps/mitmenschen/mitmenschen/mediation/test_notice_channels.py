"""The acknowledgement of a report, the closure message and the follow-up question reach the reporter
through the one way out, against a real SMS gateway, a WhatsApp Cloud API and an SMTP server on
loopback: by email, SMS, WhatsApp (template while the 24-hour window is closed) and letter; the
preferred channel without consent falls back; each is sent once however often it is triggered; the
follow-up's answer link works from the text of an SMS.

Delivery happens after commit (as in production), so these tests commit and delete what they made.
"""

import re

import frappe
from frappe.utils import add_to_date, now_datetime, random_string

from mitmenschen.mediation import closure, follow_up
from mitmenschen.mediation.acknowledgement import acknowledge
from mitmenschen.mediation.escalation_source import load_cases
from mitmenschen.outbound.notices import LOG, QUEUED, SENT
from mitmenschen.portal import tenant as tenant_portal
from mitmenschen.tests.factories import make_case, make_category, make_household, make_tenant
from mitmenschen.tests.loop_world import close
from mitmenschen.tests.mail import CREATED_BY_MAIL_TESTS, flush_queue
from mitmenschen.tests.notice_world import NoticeTestCase
from mitmenschen.tests.portal_world import make_tenant_user

CASE = "Mediation Case"
LINK = re.compile(r"/f/(?P<case>[A-Z0-9-]+)/(?P<sig>[a-z2-7]+)")


class ReporterNoticeCase(NoticeTestCase):
	SMS_PORT, CLOUD_PORT, SMTP_PORT = 2700, 2701, 2702
	CREATED = ("Refugee Household", *CREATED_BY_MAIL_TESTS)

	def messages(self, case: str) -> list[dict]:
		return frappe.get_all(
			LOG, filters={"reference_name": case}, fields=["name", "kind", "channel", "status", "message"]
		)


class TestAcknowledgementByChannel(ReporterNoticeCase):
	def test_a_reporter_known_on_the_case_gets_an_sms_in_their_language_once(self) -> None:
		reporter = f"Nachbarin {random_string(5)}"
		case = make_case(reporter_name=reporter)
		self.channels(
			CASE, case.name, consents=["SMS"], preferred="SMS", mobile="0176 2700 0001", language="ar"
		)
		first = acknowledge(case)
		self.assertEqual(self.gateway.requests, [], "nothing leaves before the commit")
		frappe.db.commit()
		self.assertEqual(
			acknowledge(case), first
		)  # a second trigger (the form sent again, a mail pulled twice)
		frappe.db.commit()
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917627000001")
		self.assertIn(case.name, sms["text"])
		self.assertIn(frappe._("We have received your report", lang="ar"), sms["text"])
		self.assertNotIn("<p>", sms["text"])
		self.assertEqual(
			frappe.db.get_value(LOG, first, ["status", "channel", "kind"]),
			(SENT, "SMS", "Mit:Menschen Report Received"),
		)
		self.assertIn(f"SMS an {reporter} (+4917627000001) gesendet", self.timeline(CASE, case.name))

	def test_a_tenants_portal_report_reaches_them_on_whatsapp_by_template(self) -> None:
		reporter = make_tenant_user(f"mieter-{random_string(6).lower()}@mieter.example", "Mieter Whatsapp")
		self.channels(
			"Customer",
			reporter["tenant"],
			consents=["WhatsApp"],
			preferred="WhatsApp",
			whatsapp="+963 944 270 002",
			language="ar",
		)
		category = make_category().name
		frappe.set_user(reporter["user"])
		name = tenant_portal.create_report(
			reporter["tenant"], category, "Im Hof brennt nachts das Licht nicht.", "ar", "Haus 2", []
		)
		frappe.set_user("Administrator")
		frappe.db.commit()
		flush_queue()
		[template] = self.cloud.sent()
		self.assertEqual((template["to"], template["type"]), ("963944270002", "template"))
		self.assertEqual(template["template"]["language"], {"code": "ar"})
		text = template["template"]["components"][0]["parameters"][0]["text"]
		self.assertIn(name, text)
		self.assertIn("/my-reports", text)  # the portal's page, written out
		self.assertEqual(self.smtp.to(reporter["user"]), [], "the consented channel, not the login's mail")
		[message] = self.messages(name)
		self.assertEqual((message.channel, message.status), ("WhatsApp", SENT))

	def test_the_household_living_as_the_reporting_tenant_gets_mail_at_its_address(self) -> None:
		tenant = make_tenant()
		household = make_household(tenant_doctype="Customer", tenant=tenant.name)
		self.channels(
			"Refugee Household",
			household.name,
			consents=["Email"],
			preferred="Email",
			email="familie-2700@mieter.example",
			language="tr",
		)
		case = make_case(
			tenant_doctype="Customer", reporter_tenant=tenant.name, reporter_email="alt-2700@mieter.example"
		)
		acknowledge(case)
		frappe.db.commit()
		flush_queue()
		[mail] = self.smtp.to("familie-2700@mieter.example")
		self.assertEqual(
			mail["Subject"], f"[{case.name}] {frappe._('We have received your report', lang='tr')}"
		)
		self.assertIn('lang="tr"', mail.get_body(("html",)).get_content())
		self.assertEqual(self.smtp.to("alt-2700@mieter.example"), [])
		self.assertTrue(
			frappe.db.exists(
				"Communication", {"reference_name": case.name, "communication_type": "Automated Message"}
			)
		)
		self.assertFalse(frappe.db.get_value(CASE, case.name, "first_responded_on"))

	def test_the_preferred_channel_without_consent_falls_back_then_to_a_letter(self) -> None:
		fallback = make_case(reporter_name="Herr Rückfall")
		self.channels(
			CASE,
			fallback.name,
			consents=["SMS"],
			preferred="WhatsApp",
			mobile="+4917627000003",
			whatsapp="+4917627000003",
		)
		letter = make_case(reporter_name="Frau Brief", reporter_email="brief-2700@mieter.example")
		self.channels(
			CASE,
			letter.name,
			preferred="SMS",
			mobile="+4917627000004",
			postal_address="Am Hang 3\n28195 Bremen",
		)
		acknowledge(fallback)
		acknowledge(letter)
		frappe.db.commit()
		flush_queue()
		self.assertEqual(self.cloud.requests, [])
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917627000003")
		[queued] = self.messages(letter.name)
		self.assertEqual((queued.channel, queued.status), ("Letter", QUEUED))
		self.assertIn(letter.name, queued.message)
		self.assertEqual(self.smtp.to("brief-2700@mieter.example"), [], "no consent to mail: a letter")
		self.assertIn(
			"Brief an Frau Brief (Am Hang 3\n28195 Bremen) zum Druck vorgemerkt",
			self.timeline(CASE, letter.name),
		)


class TestFollowUpByChannel(ReporterNoticeCase):
	def closed(self, **values):
		case = make_case(**values)
		close(case)
		return frappe.get_doc(CASE, case.name)

	def ask(self, name: str) -> None:
		"""As the sweep asks: the case as the escalation source loads it."""
		follow_up.ask(list(load_cases([name], follow_up.FIELDS).values()))
		frappe.db.commit()

	def test_an_sms_carries_the_answer_link_and_goes_once_per_closing(self) -> None:
		case = self.closed(reporter_name=f"Nachbar {random_string(5)}")
		self.channels(
			CASE, case.name, consents=["SMS"], preferred="SMS", mobile="+4917627000011", language="tr"
		)
		self.assertEqual(follow_up.channel(case), follow_up.BY_NOTICE)
		self.ask(case.name)
		self.ask(case.name)  # the sweep twice
		[sms] = self.gateway.delivered()
		self.assertIn(frappe._("Is the problem solved?", lang="tr"), sms["text"])
		found = LINK.search(sms["text"])
		self.assertEqual(found["case"], case.name)
		self.assertNotIn("\\", sms["text"])  # no Markdown escapes in a link
		# a short text: the answers to click are the mail's
		self.assertNotIn(frappe._("Partly Solved", lang="tr"), sms["text"])
		self.assertEqual(follow_up.check_link(case.name, found["sig"])[0], follow_up.VALID)
		self.assertTrue(frappe.db.get_value(CASE, case.name, "follow_up_sent_on"))
		# closed again after a reopening: a new question with a new link
		frappe.db.set_value(CASE, case.name, "reopen_count", 1)
		frappe.db.commit()
		self.ask(case.name)
		second = self.gateway.delivered()[1]
		self.assertNotEqual(LINK.search(second["text"])["sig"], found["sig"])

	def test_whatsapp_template_outside_the_window_text_inside_it(self) -> None:
		closed_window = self.closed(reporter_name="Frau Fenster")
		self.channels(
			CASE,
			closed_window.name,
			consents=["WhatsApp"],
			preferred="WhatsApp",
			whatsapp="+963944270012",
			language="ar",
		)
		open_window = self.closed(reporter_name="Herr Fenster")
		profile = self.channels(
			CASE, open_window.name, consents=["WhatsApp"], preferred="WhatsApp", whatsapp="+963944270013"
		)
		profile.db_set("whatsapp_last_inbound", add_to_date(now_datetime(), hours=-2))
		self.ask(closed_window.name)
		self.ask(open_window.name)
		template, text = self.cloud.sent()
		self.assertEqual((template["type"], template["template"]["language"]), ("template", {"code": "ar"}))
		parameter = template["template"]["components"][0]["parameters"][0]["text"]
		self.assertEqual(LINK.search(parameter)["case"], closed_window.name)
		self.assertEqual(text["type"], "text")
		self.assertEqual(LINK.search(text["text"]["body"])["case"], open_window.name)

	def test_mail_to_the_consented_address_with_an_answer_link_each(self) -> None:
		case = self.closed(reporter_name="Frau Post")
		self.channels(
			CASE,
			case.name,
			consents=["Email"],
			preferred="Email",
			email="post-2700@mieter.example",
			language="de",
		)
		self.ask(case.name)
		flush_queue()
		[mail] = [m for m in self.smtp.to("post-2700@mieter.example") if "?" in m["Subject"]]
		self.assertEqual(mail["Subject"], f"[{case.name}] Ist das Problem gelöst?")
		html = mail.get_body(("html",)).get_content()
		for key in follow_up.ANSWERS:
			self.assertIn(f"answer={key}", html)
		self.assertIn(
			"E-Mail an Frau Post (post-2700@mieter.example) gesendet", self.timeline(CASE, case.name)
		)

	def test_without_a_consented_channel_the_question_waits_in_the_letter_queue(self) -> None:
		case = self.closed(reporter_name="Herr Papier")
		self.channels(
			CASE,
			case.name,
			preferred="WhatsApp",
			whatsapp="+963944270014",
			postal_address="Weg 1\n28195 Bremen",
		)
		self.ask(case.name)
		self.assertEqual((self.cloud.requests, self.gateway.requests), ([], []))
		[letter] = [m for m in self.messages(case.name) if m.kind == follow_up.TEMPLATES.prefix]
		self.assertEqual((letter.channel, letter.status), ("Letter", QUEUED))
		self.assertEqual(LINK.search(letter.message)["case"], case.name)
		self.assertNotIn("answer=", letter.message)  # paper has no links to click
		# the letter queue prints it: the assignee is not asked to print the follow-up letter
		self.assertFalse(
			[
				line
				for line in self.timeline(CASE, case.name)
				if "Nachfassbrief" in line or "follow-up letter" in line
			]
		)


class TestClosureToTheReporterByChannel(ReporterNoticeCase):
	def test_the_reporter_hears_of_the_closing_on_their_channel_once(self) -> None:
		case = make_case(reporter_name="Frau Abschluss", reporter_email="abschluss-2700@mieter.example")
		self.channels(
			CASE,
			case.name,
			consents=["WhatsApp"],
			preferred="WhatsApp",
			whatsapp="+963944270021",
			language="ar",
		)
		close(case)
		closure.send_closure_messages(frappe.get_doc(CASE, case.name))  # the hook running twice
		frappe.db.commit()
		flush_queue()
		[template] = self.cloud.sent()
		self.assertEqual((template["type"], template["template"]["language"]), ("template", {"code": "ar"}))
		self.assertIn(case.name, template["template"]["components"][0]["parameters"][0]["text"])
		self.assertEqual(
			self.smtp.to("abschluss-2700@mieter.example"), [], "the consented channel, not the typed address"
		)
		self.assertIn(
			"WhatsApp-Nachricht an Frau Abschluss (+963944270021) gesendet", self.timeline(CASE, case.name)
		)
		self.assertTrue(frappe.db.get_value(CASE, case.name, "closure_notified_on"))
