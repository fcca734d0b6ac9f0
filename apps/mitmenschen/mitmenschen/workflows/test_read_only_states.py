# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Issue #23: a closed case and approved minutes stay as they were approved (their workflow steps
still work: a closed case can be reopened, the reporter's answer still recorded); a meeting that has
not begun cannot be marked held nor its minutes approved."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from mitmenschen.mediation import follow_up, playbook
from mitmenschen.mediation.playbook import PlaybookStepError
from mitmenschen.round_table.doctype.round_table_meeting.round_table_meeting import MeetingNotYetHeldError
from mitmenschen.tests.desk_world import make_desk_user
from mitmenschen.tests.factories import make_case, unique
from mitmenschen.tests.loop_world import make_playbook_category
from mitmenschen.workflows.definitions import seed_state
from mitmenschen.workflows.rules import ReadOnlyStateError, apply_workflow


class ReadOnlyTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# the desk smoke test's users, reused across runs (tearDown rolls back each test)
		cls.clerk, cls.manager = make_desk_user("clerk"), make_desk_user("manager")
		frappe.db.commit()

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		frappe.db.rollback()

	def as_user(self, user: str) -> None:
		frappe.set_user(user)
		frappe.local.lang = "de"


class TestClosedCase(ReadOnlyTestCase):
	def closed_case(self):
		category = make_playbook_category([("Gespräch", "Other", 0, 0), ("Nachfassanruf", "Follow-up Call", 2, 0)])
		case = make_case(category=category.name, resolution="<p>Einigung erzielt.</p>")
		seed_state(case.doctype, case.name, "Closed")
		return frappe.get_doc(case.doctype, case.name)

	def test_what_was_written_cannot_be_changed(self):
		case = self.closed_case()
		self.as_user(self.manager)
		for field, value in (("subject", "Anders"), ("resolution", "<p>Umgeschrieben</p>")):
			doc = frappe.get_doc(case.doctype, case.name)
			doc.set(field, value)
			with self.assertRaises(ReadOnlyStateError) as refused:
				doc.save()
			self.assertIn("kann nicht mehr geändert werden", str(refused.exception))
		self.assertEqual(frappe.db.get_value(case.doctype, case.name, "subject"), case.subject)

	def test_the_playbook_stays_but_the_follow_up_answer_ticks_its_step(self):
		case = self.closed_case()
		talk, call = case.playbook_steps
		self.as_user(self.clerk)
		with self.assertRaises(PlaybookStepError):
			playbook.set_step_status(case.name, talk.name, "Done")
		follow_up.record_phone_answer(case.name, "solved")
		statuses = dict(frappe.get_all("Mediation Case Step", {"parent": case.name}, ["name", "status"], as_list=True))
		self.assertEqual(statuses, {talk.name: "Open", call.name: "Done"})

	def test_it_can_still_be_reopened_and_is_editable_again(self):
		case = self.closed_case()
		self.as_user(self.clerk)
		apply_workflow({"doctype": case.doctype, "name": case.name}, "Reopen")
		doc = frappe.get_doc(case.doctype, case.name)
		self.assertEqual(doc.status, "Reopened")
		doc.subject = "Wieder offen"
		doc.save()

	def test_the_reporters_contact_stays_editable_for_the_follow_up(self):
		case = self.closed_case()
		self.as_user(self.clerk)
		doc = frappe.get_doc(case.doctype, case.name)
		doc.reporter_phone = "0471 555 0101"
		doc.save()
		self.assertEqual(frappe.db.get_value(case.doctype, case.name, "reporter_phone"), "0471 555 0101")


class TestMeeting(ReadOnlyTestCase):
	def meeting(self, days: int, state: str = "Invited"):
		doc = frappe.get_doc(
			{
				"doctype": "Round Table Meeting",
				"title": unique("Runder Tisch"),
				"starts_on": add_to_date(now_datetime(), days=days),
				"chair": self.clerk,
				"minutes": "<p>Protokoll</p>",
			}
		).insert()
		seed_state(doc.doctype, doc.name, state)
		return doc

	def test_a_meeting_months_ahead_cannot_be_marked_held(self):
		meeting = self.meeting(days=90)
		self.as_user(self.clerk)
		with self.assertRaises(MeetingNotYetHeldError) as refused:
			apply_workflow({"doctype": meeting.doctype, "name": meeting.name}, "Mark Held")
		self.assertIn("beginnt erst am", str(refused.exception))  # in German, with the date
		self.assertEqual(frappe.db.get_value(meeting.doctype, meeting.name, "status"), "Invited")

	def test_nor_its_minutes_approved(self):
		meeting = self.meeting(days=90, state="Minutes Draft")
		self.as_user(self.manager)
		with self.assertRaises(MeetingNotYetHeldError):
			apply_workflow({"doctype": meeting.doctype, "name": meeting.name}, "Approve Minutes")
		self.assertEqual(frappe.db.get_value(meeting.doctype, meeting.name, "status"), "Minutes Draft")

	def test_a_held_meeting_cannot_be_moved_into_the_future(self):
		meeting = self.meeting(days=-1, state="Held")
		doc = frappe.get_doc(meeting.doctype, meeting.name)
		doc.starts_on = add_to_date(now_datetime(), days=30)
		with self.assertRaises(MeetingNotYetHeldError):
			doc.save()

	def test_a_meeting_that_began_is_marked_held(self):
		meeting = self.meeting(days=-1)
		self.as_user(self.clerk)
		apply_workflow({"doctype": meeting.doctype, "name": meeting.name}, "Mark Held")
		self.assertEqual(frappe.db.get_value(meeting.doctype, meeting.name, "status"), "Held")

	def test_approved_minutes_cannot_be_changed(self):
		meeting = self.meeting(days=-3, state="Minutes Approved")
		self.as_user(self.manager)
		doc = frappe.get_doc(meeting.doctype, meeting.name)
		doc.minutes = "<p>Nachträglich geändert</p>"
		with self.assertRaises(ReadOnlyStateError):
			doc.save()
		workflow = frappe.get_doc("Workflow", "Round Table Meeting Minutes")
		self.assertEqual(
			{row.allow_edit for row in workflow.states if row.state == "Minutes Approved"}, {"System Manager"}
		)
