# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Closing the loop through a real SMTP server on loopback: closure messages to both parties, the
follow-up question days later, the signed link without a login, the letter, the phone answer, and the
overdue playbook step up the escalation ladder.

These tests commit (the Email Queue commits while sending): they park the site's older timers and mail
and delete only what they created, like the sweep's tests.
"""

import re
import subprocess
import tempfile
import threading
from datetime import datetime, timedelta

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime
from frappe.utils.html_utils import unescape_html

from mitmenschen.escalation import timers
from mitmenschen.escalation.sweep import sweep
from mitmenschen.install import ensure_escalation
from mitmenschen.mediation import follow_up, playbook
from mitmenschen.mediation.follow_up import AlreadyAnsweredError, FollowUpError
from mitmenschen.tests.factories import make_case, make_flat, make_staff_user, make_tenant
from mitmenschen.tests.loop_world import close, make_playbook_category, make_reporter_user, make_respondent
from mitmenschen.tests.mail import (
	CREATED_BY_MAIL_TESTS,
	ForeignWork,
	SMTPSink,
	clean_slate,
	delete_created_since,
	ensure_outgoing_account,
	flush_queue,
	retire_outgoing_account,
)

PORT = 2538
CLERK = "Mit:Menschen Clerk"
SIG = re.compile(r"/f/(?P<case>[^/\"?]+)/(?P<sig>[a-z2-7]+)")


def html_of(message) -> str:
	return message.get_body(("html",)).get_content()


def page(path: str) -> tuple[int, str]:
	"""The page as an anonymous visitor gets it."""
	from frappe.website.serve import get_response

	user = frappe.session.user
	frappe.set_user("Guest")
	try:
		frappe.utils.set_request(method="GET", path=path)
		frappe.local.form_dict = frappe._dict()
		response = get_response(path)
		return response.status_code, frappe.safe_decode(response.get_data())
	finally:
		frappe.set_user(user)


def answer_as_guest(case: str, sig: str, answer: str | None, comment: str | None = None) -> dict:
	user = frappe.session.user
	frappe.set_user("Guest")
	try:
		return follow_up.submit_answer(case, sig, answer, comment)
	finally:
		frappe.set_user(user)


class LoopTestCase(FrappeTestCase):
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
		cls.clerk = make_staff_user(CLERK)
		frappe.db.set_single_value("Mitmenschen Settings", "follow_up_not_solved", "Reopen the Case")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.smtp.stop()
		clean_slate(cls.since)
		delete_created_since(cls.since, [*CREATED_BY_MAIL_TESTS, "Refugee Household", "House Rules", "ToDo"])
		cls.foreign.give_back()
		retire_outgoing_account()
		frappe.db.set_single_value("Mitmenschen Settings", "follow_up_not_solved", "Reopen the Case")
		frappe.db.commit()
		super().tearDownClass()

	def setUp(self) -> None:
		clean_slate(self.since)
		self.smtp.messages.clear()
		frappe.db.set_single_value("Mitmenschen Settings", "follow_up_not_solved", "Reopen the Case")
		frappe.db.commit()

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()

	def closed_case(self, language: str = "tr", follow_up_days: int = 3, **overrides):
		reporter = make_reporter_user(language) if language else None
		category = make_playbook_category(
			[("Nachfassanruf", "Follow-up Call", 7, 0)], follow_up_days=follow_up_days
		)
		values = {"reporter_email": reporter, "assigned_to": self.clerk, **overrides}
		case = make_case(category=category.name, **values)
		close(case)
		case.reload()
		return case

	def follow_up_mail(self, case) -> tuple:
		sweep(now=datetime.combine(getdate(case.follow_up_date), datetime.min.time()) + timedelta(hours=9))
		flush_queue()
		mails = [m for m in self.smtp.to(case.reporter_email) if case.name in m["Subject"]]
		return [m for m in mails if "?" in m["Subject"]]


class TestFollowUp(LoopTestCase):
	def test_the_reporter_is_asked_in_their_language_and_answers_once_without_a_login(self):
		case = self.closed_case("tr", follow_up_days=3)
		calendar = playbook.case_calendar(case)
		self.assertEqual(getdate(case.follow_up_date), playbook.add_working_days(calendar, getdate(), 3))
		self.assertTrue(calendar.is_working_day(getdate(case.follow_up_date)))
		self.assertEqual(case.reporter_language, "tr")
		[timer] = timers.pending("Mediation Case", case.name)[:1] or [None]
		self.assertEqual((timer.clock, str(timer.due_at)), ("Follow-up", f"{case.follow_up_date} 08:00:00"))
		# the follow-up call step waits for the follow-up: due that day, no escalation of its own
		step = case.playbook_steps[0]
		self.assertEqual(str(step.due_date), str(case.follow_up_date))
		self.assertEqual(timers.pending(playbook.STEP, step.name), [])

		# nothing before the day; on the day one mail in Turkish with the signed link
		sweep(now=add_days(now_datetime(), -1))
		flush_queue()
		self.assertFalse([m for m in self.smtp.to(case.reporter_email) if "?" in m["Subject"]])
		[mail] = self.follow_up_mail(case)
		self.assertEqual(mail["Subject"], f"[{case.name}] Sorun çözüldü mü?")
		body = html_of(mail)
		self.assertIn('lang="tr" dir="ltr"', body)
		self.assertIn("Kısmen çözüldü", body)
		found = SIG.search(unescape_html(body))
		self.assertEqual(found["case"], case.name)
		sig = found["sig"]
		self.assertTrue(frappe.db.get_value("Mediation Case", case.name, "follow_up_sent_on"))
		# the sweep's own "escalation" note is not written for the follow-up
		self.assertFalse(
			frappe.db.exists("Comment", {"reference_name": case.name, "content": ["like", "%Follow-up:%"]})
		)

		status, html = page(f"/f/{case.name}/{sig}")
		self.assertEqual(status, 200)
		self.assertIn('dir="ltr"', html)
		self.assertIn("Sorun çözüldü mü?", html)
		self.assertIn('value="partly"', html)
		self.assertNotIn(case.subject, html)

		result = answer_as_guest(case.name, sig, "partly", "Gürültü azaldı <b>ama</b> hâlâ var")
		self.assertEqual(result["message"], "Teşekkürler! Cevabınız kaydedildi.")
		values = frappe.db.get_value(
			"Mediation Case",
			case.name,
			["follow_up_answer", "reporter_satisfaction", "follow_up_answered_via", "status"],
			as_dict=True,
		)
		self.assertEqual(
			(
				values.follow_up_answer,
				values.reporter_satisfaction,
				values.follow_up_answered_via,
				values.status,
			),
			("Partly Solved", 0.6, "Link", "Closed"),
		)
		comment = frappe.get_all(
			"Comment",
			filters={"reference_name": case.name, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertEqual(len(comment), 1)
		self.assertIn("Gürültü azaldı &lt;b&gt;ama&lt;/b&gt; hâlâ var", comment[0])
		self.assertNotIn("<b>ama</b>", comment[0])
		self.assertEqual(frappe.db.get_value(playbook.STEP, step.name, "status"), "Done")

		# works once: a second answer is refused, the page says so and shows nothing of the case
		with self.assertRaises(AlreadyAnsweredError):
			answer_as_guest(case.name, sig, "solved")
		self.assertEqual(
			frappe.db.get_value("Mediation Case", case.name, "follow_up_answer"), "Partly Solved"
		)
		status, html = page(f"/f/{case.name}/{sig}")
		self.assertEqual(status, 410)
		self.assertIn("Bu soru zaten cevaplandı.", html)
		self.assertNotIn('name="answer"', html)
		self.assertNotIn(case.subject, html)

	def test_forged_and_expired_links_get_a_clear_page_with_no_data(self):
		case = self.closed_case("ar")
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		forged = ("a" if sig[0] != "a" else "b") + sig[1:]
		for path in (f"/f/{case.name}/{forged}", f"/f/{case.name}/x", "/f/MC-0000-00000/abc", "/follow-up"):
			status, html = page(path)
			self.assertEqual(status, 404, path)
			self.assertIn("This link is not valid", html, path)
			self.assertNotIn('name="answer"', html, path)
			self.assertNotIn(case.subject, html, path)
		with self.assertRaises(FollowUpError):
			answer_as_guest(case.name, forged, "solved")

		# a link whose day has passed: valid signature, expired
		past = now_datetime() - timedelta(days=1)
		frappe.db.set_value("Mediation Case", case.name, "follow_up_expires_on", past)
		expired = follow_up.signature(
			case.name, frappe.db.get_value("Mediation Case", case.name, "follow_up_expires_on")
		)
		status, html = page(f"/f/{case.name}/{expired}")
		self.assertEqual(status, 410)
		self.assertIn('dir="rtl"', html)
		self.assertIn("انتهت صلاحية هذا الرابط", html)
		self.assertNotIn(case.subject, html)
		with self.assertRaises(FollowUpError):
			answer_as_guest(case.name, expired, "solved")
		# the old link no longer works either: the signature covers the expiry
		status, _ = page(f"/f/{case.name}/{sig}")
		self.assertEqual(status, 404)
		self.assertFalse(frappe.db.get_value("Mediation Case", case.name, "follow_up_answered_on"))

	def test_bad_answers_are_refused_with_clear_messages_and_record_nothing(self):
		case = self.closed_case("de")
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		frappe.local.lang = "de"
		with self.assertRaises(FollowUpError) as empty:
			answer_as_guest(case.name, sig, "")
		self.assertIn("Bitte wählen Sie eine der drei Antworten.", str(empty.exception))
		with self.assertRaises(FollowUpError) as long:
			answer_as_guest(case.name, sig, "solved", "x" * (follow_up.MAX_COMMENT + 1))
		self.assertIn("Ihr Kommentar ist zu lang", str(long.exception))
		self.assertFalse(frappe.db.get_value("Mediation Case", case.name, "follow_up_answered_on"))
		# an empty comment is fine
		answer_as_guest(case.name, sig, "solved", "   ")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "reporter_satisfaction"), 1.0)

	def test_two_answers_at_the_same_moment_count_once(self):
		"""A double submission (two tabs, a double click) from two connections at once: the row lock lets
		one through; the other is told the question was answered."""
		case = self.closed_case("de")
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		frappe.db.commit()
		site, results = frappe.local.site, []
		barrier = threading.Barrier(2)

		def submit(answer: str) -> None:
			frappe.init(site=site)
			frappe.connect()
			try:
				frappe.set_user("Guest")
				barrier.wait()
				follow_up.submit_answer(case.name, sig, answer, f"Antwort {answer}")
				frappe.db.commit()
				results.append("recorded")
			except AlreadyAnsweredError:
				frappe.db.rollback()
				results.append("refused")
			except Exception as e:  # reported below: a thread must not swallow a failure
				results.append(repr(e))
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=submit, args=(a,)) for a in ("solved", "not_solved")]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join()
		self.assertEqual(sorted(results), ["recorded", "refused"], results)
		answer, reopened = frappe.db.get_value(
			"Mediation Case", case.name, ["follow_up_answer", "reopen_count"]
		)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertEqual(len(comments), 1)
		self.assertEqual(reopened, 1 if answer == "Not Solved" else 0)

	def test_an_answer_racing_a_clerks_edit_loses_nothing(self):
		case = self.closed_case("de")
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		clerk_copy = frappe.get_doc("Mediation Case", case.name)
		clerk_copy.reporter_phone = "0421 555 0101"
		answer_as_guest(case.name, sig, "solved", "Alles gut")
		with self.assertRaises(frappe.TimestampMismatchError):
			clerk_copy.save()
		clerk_copy = frappe.get_doc("Mediation Case", case.name)  # the clerk reloads and saves again
		clerk_copy.reporter_phone = "0421 555 0101"
		clerk_copy.save()
		values = frappe.db.get_value(
			"Mediation Case", case.name, ["follow_up_answer", "reporter_satisfaction", "reporter_phone"]
		)
		self.assertEqual(values, ("Solved", 1.0, "0421 555 0101"))

	def test_not_solved_reopens_the_case_and_keeps_its_history(self):
		case = self.closed_case("uk")
		first = frappe.db.get_value(
			"Mediation Case",
			case.name,
			["first_resolved_on", "first_responded_on", "response_working_hours"],
			as_dict=True,
		)
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		answer_as_guest(case.name, sig, "not_solved", "Лай собаки триває")
		reopened = frappe.get_doc("Mediation Case", case.name)
		self.assertEqual(reopened.status, "Reopened")
		self.assertEqual(reopened.reopen_count, 1)
		self.assertTrue(reopened.reopened_on)
		self.assertEqual(reopened.reporter_satisfaction, 0.2)
		self.assertEqual(reopened.first_resolved_on, first.first_resolved_on, "the first resolution stays")
		self.assertEqual(reopened.first_responded_on, first.first_responded_on)
		self.assertEqual(reopened.response_working_hours, first.response_working_hours)
		self.assertIsNone(reopened.resolved_on)
		self.assertEqual(
			[t for t in timers.pending("Mediation Case", case.name) if t.clock == "Follow-up"], []
		)
		# closed again and answered again: counted twice, never more per reopening
		close(reopened)
		again = frappe.get_doc("Mediation Case", case.name)
		self.assertEqual(again.reopen_count, 1)
		self.assertIsNone(again.follow_up_answered_on, "a new closing asks anew")
		new_sig = follow_up.signature(case.name, again.follow_up_expires_on, again.reopen_count)
		status, _ = page(f"/f/{case.name}/{sig}")
		self.assertIn(status, (404, 410), "the first link is spent")
		answer_as_guest(case.name, new_sig, "solved")
		self.assertEqual(
			frappe.db.get_value("Mediation Case", case.name, ["status", "reopen_count"]), ("Closed", 1)
		)

	def test_not_solved_opens_a_linked_case_when_the_setting_says_so(self):
		frappe.db.set_single_value("Mitmenschen Settings", "follow_up_not_solved", "Open a Linked Case")
		case = self.closed_case("fa")
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		answer_as_guest(case.name, sig, "not_solved", "<script>alert(1)</script> هنوز سر و صدا هست")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Closed")
		linked = frappe.get_doc("Mediation Case", {"recurrence_of": case.name})
		self.assertEqual(
			(linked.reporter_email, linked.status, linked.assigned_to),
			(case.reporter_email, "New", self.clerk),
		)
		self.assertIn("&lt;script&gt;", linked.description)
		self.assertNotIn("<script>", linked.description)

	def test_a_reporter_without_email_gets_a_letter_and_the_clerk_records_the_phone_answer(self):
		case = self.closed_case(None, reporter_name="Herr Nachbar ohne E-Mail", reporter_phone="0421 123")
		self.assertFalse(
			self.smtp.messages
			and [m for m in self.smtp.messages if case.name in m["Subject"] and "?" in m["Subject"]]
		)
		sweep(now=datetime.combine(getdate(case.follow_up_date), datetime.min.time()) + timedelta(hours=9))
		flush_queue()
		[digest] = [m for m in self.smtp.to(self.clerk) if m["X-Mitmenschen-References"]]
		self.assertIn(case.name, digest["Subject"] + html_of(digest))
		self.assertTrue(
			frappe.db.exists(
				"Comment", {"reference_name": case.name, "content": ["like", "%no email address%"]}
			)
			or frappe.db.exists(
				"Comment", {"reference_name": case.name, "content": ["like", "%keine E-Mail-Adresse%"]}
			)
		)

		pdf = follow_up.letter_pdf(case.name)
		self.assertIn(case.name, frappe.get_print("Mediation Case", case.name, "Follow-up Letter"))
		with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
			file.write(pdf)
			file.flush()
			text = subprocess.run(
				["pdftotext", file.name, "-"], capture_output=True, text=True, check=True
			).stdout
			images = subprocess.run(
				["pdfimages", "-list", file.name], capture_output=True, text=True, check=True
			).stdout
		sig = follow_up.signature(case.name, case.follow_up_expires_on, case.reopen_count)
		self.assertIn(f"/f/{case.name}/{sig}", text.replace("\n", ""))
		self.assertIn("Ist das Problem gelöst?", text)
		self.assertIn("Herr Nachbar ohne E-Mail", text)
		self.assertGreaterEqual(len(images.strip().splitlines()), 3, "the QR code is an image in the letter")

		frappe.set_user(self.clerk)
		follow_up.record_phone_answer(case.name, "solved", "Am Telefon: <i>alles ruhig</i>")
		frappe.set_user("Administrator")
		values = frappe.db.get_value(
			"Mediation Case",
			case.name,
			["follow_up_answer", "follow_up_answered_via", "reporter_satisfaction"],
		)
		self.assertEqual(values, ("Solved", "Phone", 1.0))
		[comment] = frappe.get_all(
			"Comment", filters={"reference_name": case.name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertIn("&lt;i&gt;alles ruhig&lt;/i&gt;", comment)
		with self.assertRaises(AlreadyAnsweredError):
			follow_up.record_phone_answer(case.name, "not_solved")
		# the letter's link is spent as well
		status, _ = page(f"/f/{case.name}/{sig}")
		self.assertEqual(status, 410)


class TestClosureMessages(LoopTestCase):
	def test_both_parties_hear_of_the_closing_in_their_languages_and_the_respondent_learns_nothing_of_the_reporter(
		self,
	):
		places = make_flat()
		reporter_tenant = make_tenant("Erika Mustermann-Langjährig")
		household, household_email = make_respondent(languages=("ar",))
		reporter = make_reporter_user("tr")
		case = make_case(
			subject="Lärm aus der Wohnung über Frau Mustermann",
			description="<p>Seit Wochen laute Musik nachts, Erika Mustermann, Tel. 0421 987654</p>",
			reporter_email=reporter,
			reporter_name="Erika Mustermann",
			reporter_phone="0421 987654",
			tenant_doctype="Customer",
			reporter_tenant=reporter_tenant.name,
			property_unit=places["flat"],
			respondent_household=household.name,
		)
		close(case)
		frappe.db.commit()  # the reporter's notice leaves after the commit
		flush_queue()
		[to_reporter] = self.smtp.to(reporter)
		self.assertEqual(to_reporter["Subject"], f"[{case.name}] Bildiriminiz kapatıldı")
		self.assertIn(case.subject, html_of(to_reporter))
		[to_household] = self.smtp.to(household_email)
		self.assertEqual(to_household["Subject"], f"[{case.name}] تمت تسوية أمر في مبناك")
		body = html_of(to_household)
		self.assertIn('dir="rtl"', body)
		self.assertIn(case.name, body)
		whole = (to_household["Subject"] + to_household.as_string() + body).lower()
		for field, value in {
			"reporter name": "Erika Mustermann",
			"surname": "Mustermann",
			"reporter email": reporter,
			"reporter phone": "0421 987654",
			"phone digits": "987654",
			"tenant record": reporter_tenant.name,
			"tenant name": reporter_tenant.customer_name,
			"flat": places["flat"],
			"building": places["building"],
			"subject": case.subject,
			"description": "laute Musik",
		}.items():
			self.assertNotIn(value.lower(), whole, f"the respondent's message names the {field}")
		self.assertTrue(frappe.db.get_value("Mediation Case", case.name, "closure_notified_on"))
		# both on the case's timeline, as automated messages
		self.assertEqual(
			frappe.db.count(
				"Communication", {"reference_name": case.name, "communication_type": "Automated Message"}
			),
			2,
		)

	def test_the_templates_are_email_templates_the_cooperative_can_edit(self):
		from mitmenschen.mediation.closure import LANGUAGES, template_name

		for party in ("Reporter", "Respondent"):
			for lang in LANGUAGES:
				self.assertTrue(frappe.db.exists("Email Template", template_name(party, lang)), (party, lang))
		name = template_name("Respondent", "de")
		original = frappe.db.get_value("Email Template", name, "response_html")
		try:
			frappe.db.set_value(
				"Email Template", name, "response_html", "<p>Fall {{ case_name }} ist erledigt. Ihr Team</p>"
			)
			frappe.db.commit()
			household, household_email = make_respondent(languages=("de",))
			case = make_case(respondent_household=household.name)
			close(case)
			flush_queue()
			[mail] = self.smtp.to(household_email)
			self.assertIn(f"Fall {case.name} ist erledigt. Ihr Team", html_of(mail))
		finally:
			frappe.db.set_value("Email Template", name, "response_html", original)
			frappe.db.commit()


class TestOverduePlaybookStep(LoopTestCase):
	def test_an_overdue_step_is_escalated_once_to_the_assignee(self):
		category = make_playbook_category([("Hausordnung senden", "Send House Rules", 1, 0)])
		case = make_case(category=category.name, assigned_to=self.clerk)
		[step] = case.playbook_steps
		later = datetime.combine(getdate(step.due_date), datetime.min.time()) + timedelta(days=1, hours=12)
		sweep(now=later)
		sweep(now=later)  # a second run at the same moment sends nothing again
		flush_queue()
		logs = frappe.get_all(
			"Escalation Log",
			filters={"reference_name": case.name, "clock": "Playbook Step"},
			fields=["level", "recipient"],
		)
		self.assertEqual([(log.level, log.recipient) for log in logs], [(1, self.clerk)])
		mails = [m for m in self.smtp.to(self.clerk) if "Hausordnung senden" in html_of(m)]
		self.assertEqual(len(mails), 1)
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{"reference_name": case.name, "content": ["like", "%Hausordnung senden%überfällig%"]},
			)
			+ frappe.db.count(
				"Comment", {"reference_name": case.name, "content": ["like", "%Hausordnung senden%overdue%"]}
			),
			1,
		)
		# done now: the next rung (managers) is never sent
		playbook.set_step_status(case.name, step.name, "Done")
		frappe.db.commit()
		sweep(now=later + timedelta(days=5))
		self.assertEqual(
			frappe.db.count("Escalation Log", {"reference_name": case.name, "clock": "Playbook Step"}), 1
		)


class TestSendHouseRulesStep(LoopTestCase):
	def test_the_step_sends_the_respondent_household_the_house_rules_in_its_language_and_is_done(self):
		from mitmenschen.tests.house_rules_world import make_house_rules, make_speaking_household

		flat = make_flat()
		rules = make_house_rules(district=flat["district"], valid_from="2026-02-01")
		household = make_speaking_household("ar", district=flat["district"])
		category = make_playbook_category([("Hausordnung senden", "Send House Rules", 2, 1)])
		case = make_case(category=category.name, respondent_household=household.name)
		[step] = case.playbook_steps
		frappe.set_user(self.clerk)
		result = playbook.send_house_rules(case.name, step.name)
		frappe.set_user("Administrator")
		self.assertEqual(result["sent"]["languages"], ["ar"])
		self.assertEqual(
			frappe.db.get_value(playbook.STEP, step.name, ["status", "done_by"]), ("Done", self.clerk)
		)
		self.assertEqual(timers.pending(playbook.STEP, step.name), [])
		flush_queue()
		[mail] = self.smtp.to(household.flags.test_email)
		self.assertIn(str(rules.version), mail["Subject"])
		self.assertIn('dir="rtl"', html_of(mail))
		household.reload()
		self.assertEqual([d.house_rules for d in household.house_rules_deliveries], [rules.name])
