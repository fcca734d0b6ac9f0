"""The sweep against a real SMTP server on loopback: what people actually receive.

These tests commit (the Email Queue commits while sending). The site's older timers and unsent mail are
parked while they run (`ForeignWork`), and they count only the mail queued since they began.
"""

import contextlib
import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_url, now_datetime

from mitmenschen.escalation.digest import retry_failed_digests
from mitmenschen.escalation.sweep import sweep
from mitmenschen.install import ensure_escalation
from mitmenschen.tests.factories import (
	make_case,
	make_category,
	make_contact,
	make_language,
	make_partner,
	unique,
)
from mitmenschen.tests.mail import (
	CREATED_BY_MAIL_TESTS,
	ForeignWork,
	SMTPSink,
	clean_slate,
	delete_created_since,
	drop_queued_since,
	ensure_outgoing_account,
	flush_queue,
	retire_outgoing_account,
)

PORT = 2526
LATER = 40  # days: every rung of a fresh case is due by then


def make_user(key: str, language: str = "de", roles: tuple[str, ...] = ("Mit:Menschen Clerk",)) -> str:
	"""One user per key, reused across runs (Frappe throttles creating users to 60 an hour)."""
	email = f"esc-{key}@example.com"
	if not frappe.db.exists("User", email):
		frappe.flags.in_import = True  # skips only that throttle
		try:
			user = frappe.get_doc(
				{"doctype": "User", "email": email, "first_name": key, "send_welcome_email": 0}
			)
			user.insert(ignore_permissions=True)
			user.add_roles(*roles)
		finally:
			frappe.flags.in_import = False
	frappe.db.set_value("User", email, {"language": language, "enabled": 1})
	return email


class SweepTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.since = now_datetime()
		cls.foreign = ForeignWork()
		cls.foreign.park()
		ensure_escalation()
		cls.smtp = SMTPSink(PORT)
		cls.smtp.start()
		ensure_outgoing_account(PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.smtp.stop()
		clean_slate(cls.since)
		cls.foreign.give_back()
		retire_outgoing_account()
		super().tearDownClass()

	def setUp(self) -> None:
		clean_slate(self.since)
		self.smtp.messages.clear()
		self.started = now_datetime()
		self.later = add_days(self.started, LATER)

	def tearDown(self) -> None:
		frappe.db.rollback()
		delete_created_since(self.started, CREATED_BY_MAIL_TESTS)

	def queued_here(self) -> dict:
		return {"creation": [">=", self.since]}

	def sweep_and_deliver(self, **kwargs):
		result = sweep(now=self.later, **kwargs)
		flush_queue()
		return result


class TestDigests(SweepTestCase):
	def setUp(self) -> None:
		super().setUp()
		self.clerk = make_user("clerk-de", "de")
		self.english_clerk = make_user("clerk-en", "en")
		self.category = make_category().name
		self.first = make_case(category=self.category, priority="High", assigned_to=self.clerk)
		self.second = make_case(category=self.category, priority="Low", assigned_to=self.clerk)
		self.third = make_case(category=self.category, priority="Medium", assigned_to=self.english_clerk)
		frappe.db.commit()
		drop_queued_since(self.started)  # Frappe's assignment notices: these tests count digests

	def test_one_digest_per_recipient_in_their_language_with_desk_links(self) -> None:
		result = self.sweep_and_deliver()
		self.assertGreater(result.timers, 0)

		to_clerk = self.smtp.to(self.clerk)
		self.assertEqual(len(to_clerk), 1, "one digest per recipient and run")
		body = to_clerk[0].get_body(("html",)).get_content()
		self.assertIn(get_url(f"/app/mediation-case/{self.first.name}"), body)
		self.assertIn(get_url(f"/app/mediation-case/{self.second.name}"), body)
		self.assertIn("Zielzeit", body, "German: the clerk's language")
		self.assertIn("Aufgaben", to_clerk[0]["Subject"])
		self.assertIn(self.first.name, to_clerk[0]["Subject"])

		to_english = self.smtp.to(self.english_clerk)
		self.assertEqual(len(to_english), 1)
		self.assertIn(
			f"[{self.third.name}]", to_english[0]["Subject"], "one case: its reference in the subject"
		)
		self.assertIn("target missed", to_english[0].get_body(("html",)).get_content())
		self.assertIn(frappe.local.site, to_english[0]["Message-ID"])

	def test_escalation_is_on_the_timeline_in_the_log_and_on_the_case(self) -> None:
		self.sweep_and_deliver()
		logged = frappe.get_all(
			"Escalation Log",
			filters={"reference_name": self.first.name},
			fields=["recipient", "email_queue", "level"],
		)
		self.assertTrue(any(row.recipient == self.clerk for row in logged))
		self.assertTrue(all(row.email_queue for row in logged))
		comments = frappe.get_all(
			"Comment",
			filters={
				"reference_doctype": "Mediation Case",
				"reference_name": self.first.name,
				"comment_type": "Info",
			},
			pluck="content",
		)
		self.assertTrue(any(self.clerk in c for c in comments))
		case = frappe.get_doc("Mediation Case", self.first.name)
		self.assertEqual(case.sla_status, "Breached")
		self.assertEqual(case.escalation_level, 3)

	def test_running_twice_sends_nothing_twice(self) -> None:
		self.sweep_and_deliver()
		count = len(self.smtp.messages)
		result = self.sweep_and_deliver()
		self.assertEqual(result.timers, 0)
		self.assertEqual(len(self.smtp.messages), count)

	def test_crash_before_commit_loses_nothing_and_the_next_run_sends_once(self) -> None:
		def crash(result):
			raise RuntimeError("worker killed")

		with self.assertRaises(RuntimeError):
			sweep(now=self.later, before_commit=crash)
		frappe.db.rollback()
		self.assertEqual(
			frappe.db.count("Email Queue", self.queued_here()), 0, "no mail queued by the crashed run"
		)
		self.assertGreater(frappe.db.count("Escalation Timer", {"status": "Pending"}), 0)

		self.sweep_and_deliver()
		self.assertEqual(len(self.smtp.to(self.clerk)), 1)
		self.assertEqual(
			frappe.db.count("Escalation Timer", {"status": "Pending", "due_at": ["<=", self.later]}), 0
		)

	def test_concurrent_sweeps_send_each_step_once(self) -> None:
		site, results, errors = frappe.local.site, [], []

		def worker():
			frappe.init(site=site)
			frappe.connect()
			try:
				results.append(sweep(now=self.later).timers)
			except Exception as e:  # reported below: a thread must not swallow a failure
				errors.append(e)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=worker) for _ in range(3)]
		for t in threads:
			t.start()
		for t in threads:
			t.join()
		self.assertFalse(errors, errors)
		due = frappe.db.count("Escalation Timer", {"due_at": ["<=", self.later]})
		self.assertEqual(sum(results), due, "every due step claimed by exactly one sweep")
		flush_queue()
		pairs = frappe.get_all("Escalation Log", fields=["escalation_timer", "recipient"])
		self.assertEqual(
			len(pairs), len({(p.escalation_timer, p.recipient) for p in pairs}), "no step told twice"
		)
		queued = frappe.get_all("Email Queue", filters=self.queued_here(), pluck="name")
		self.assertEqual(len(self.smtp.messages), len(queued), "every queued digest delivered, once")
		self.assertTrue(self.smtp.to(self.clerk) and self.smtp.to(self.english_clerk))

	def test_smtp_outage_delays_and_loses_nothing(self) -> None:
		self.smtp.stop()
		try:
			sweep(now=self.later)
			# beyond Frappe's retry limit the queue marks mails as errors; Frappe aborts a batch after
			# 10 failures (there is a digest per manager of the site), so flush until it has
			for _ in range(40):
				with contextlib.suppress(frappe.ValidationError):
					flush_queue()
				if frappe.db.count("Email Queue", {"status": "Error", **self.queued_here()}):
					break
			self.assertGreater(frappe.db.count("Email Queue", {"status": "Error", **self.queued_here()}), 0)
		finally:
			self.smtp.start()
		self.assertGreater(retry_failed_digests(), 0)
		frappe.db.commit()
		flush_queue()
		self.assertEqual(len(self.smtp.to(self.clerk)), 1)
		self.assertEqual(len(self.smtp.to(self.english_clerk)), 1)
		self.assertEqual(frappe.db.count("Email Queue", {"status": ["!=", "Sent"], **self.queued_here()}), 0)
		flush_queue()
		self.assertEqual(len(self.smtp.to(self.clerk)), 1, "delivered once")


class TestPartnersAndThreads(SweepTestCase):
	def test_partner_hot_line_gets_portal_links_in_arabic(self) -> None:
		make_language("ar", "Arabic")
		category = make_category().name
		partner = make_partner(hotline_email=f"{unique('hl').replace(' ', '')}@partner.example")
		contact = make_contact(
			partner.name,
			email=f"{unique('c').replace(' ', '')}@partner.example",
			active=1,
			languages=[{"language": "ar"}],
		)
		partner.append("hotline_assignments", {"case_category": category, "contact": contact.name})
		partner.save()
		case = make_case(category=category, priority="Medium", referred_to=partner.name)
		frappe.db.commit()
		self.sweep_and_deliver()
		received = self.smtp.to(contact.email)
		self.assertEqual(len(received), 1)
		body = received[0].get_body(("html",)).get_content()
		self.assertIn(get_url(f"/partner/cases/{case.name}"), body)
		self.assertNotIn("/app/mediation-case", body)
		self.assertIn('dir="rtl"', body)
		self.assertIn("الهدف", received[0]["Subject"] + body)
		self.assertEqual(len(self.smtp.to(partner.hotline_email)), 1)

	def test_mail_about_one_case_answers_its_first_mail(self) -> None:
		clerk = make_user("clerk-thread", "de")
		case = make_case(priority="High", assigned_to=clerk)
		message_id = f"{frappe.generate_hash(length=10)}@tenant.example"
		frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"sent_or_received": "Received",
				"subject": case.subject,
				"sender": "tenant@tenant.example",
				"content": "Lärm",
				"message_id": message_id,
				"reference_doctype": "Mediation Case",
				"reference_name": case.name,
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		self.sweep_and_deliver()
		received = self.smtp.to(clerk)
		self.assertEqual(len(received), 1)
		self.assertEqual(received[0]["In-Reply-To"].strip("<>"), message_id)
		self.assertIn(f"[{case.name}]", received[0]["Subject"])

	def test_urgent_case_reaches_the_hot_line_at_once(self) -> None:
		category = make_category().name
		partner = make_partner()
		contact = make_contact(
			partner.name, email=f"{unique('u').replace(' ', '')}@partner.example", active=1
		)
		partner.append("hotline_assignments", {"case_category": category, "contact": contact.name})
		partner.save()
		case = make_case(category=category, priority="Urgent")
		frappe.db.commit()
		sweep()  # now, not later: the hot-line step is due at creation
		flush_queue()
		received = self.smtp.to(contact.email)
		self.assertEqual(len(received), 1)
		self.assertIn(case.name, received[0]["Subject"])


class TestWithoutMail(FrappeTestCase):
	def test_without_an_outgoing_account_steps_wait_instead_of_failing(self) -> None:
		retire_outgoing_account()
		if frappe.db.exists("Email Account", {"enable_outgoing": 1, "default_outgoing": 1}):
			self.skipTest("this site has a real outgoing account")
		case = make_case(priority="High")
		result = sweep(now=add_days(now_datetime(), LATER))
		self.assertEqual(result.timers, 0)
		self.assertTrue(
			frappe.db.exists("Escalation Timer", {"reference_name": case.name, "status": "Pending"}),
			"still pending: sent once mail is configured",
		)
