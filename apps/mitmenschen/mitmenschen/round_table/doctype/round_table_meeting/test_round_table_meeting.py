# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, add_months, add_to_date, getdate, now_datetime, nowdate

from mitmenschen.round_table.agenda import prefill_agenda
from mitmenschen.tests.factories import (
	make_case,
	make_category,
	make_contact,
	make_flat,
	make_partner,
	unique,
)


def make_meeting(**overrides):
	return frappe.get_doc(
		{
			"doctype": "Round Table Meeting",
			"title": unique("Runder Tisch"),
			"starts_on": now_datetime(),
			**overrides,
		}
	).insert()


def make_action(**overrides):
	return frappe.get_doc(
		{
			"doctype": "Round Table Action",
			"title": unique("Aufgabe"),
			"due_date": nowdate(),
			"owner_user": "Administrator",
			**overrides,
		}
	).insert()


class TestRoundTableMeeting(FrappeTestCase):
	def test_next_meeting_is_proposed_six_months_later(self):
		meeting = make_meeting(starts_on="2026-03-10 17:00:00")
		self.assertEqual(getdate(meeting.next_meeting_on), add_months(getdate("2026-03-10"), 6))

	def test_meeting_ending_before_it_starts_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_meeting(starts_on=now_datetime(), ends_on=add_to_date(now_datetime(), hours=-1))

	def test_attendee_contact_brings_its_organisation(self):
		partner = make_partner()
		contact = make_contact(partner.name)
		meeting = make_meeting(attendees=[{"contact": contact.name, "rsvp": "Accepted"}])
		self.assertEqual(meeting.attendees[0].partner_organisation, partner.name)

	def test_empty_attendee_row_is_refused(self):
		with self.assertRaises(frappe.ValidationError):
			make_meeting(attendees=[{"rsvp": "Accepted"}])

	def test_agenda_is_prefilled_from_escalated_recurring_and_overdue_once(self):
		escalated = make_case()
		frappe.db.set_value("Mediation Case", escalated.name, "escalation_level", 2)
		category = make_category().name
		flat = make_flat()["flat"]
		make_case(category=category, property_unit=flat)
		recurring = make_case(category=category, property_unit=flat)
		overdue = make_action(due_date=add_days(nowdate(), -3))
		closed = make_case()
		frappe.db.set_value("Mediation Case", closed.name, {"escalation_level": 1, "status": "Closed"})
		meeting = make_meeting()

		self.assertGreaterEqual(prefill_agenda(meeting.name), 3)
		meeting.reload()
		sources = {(row.source, row.mediation_case or row.round_table_action) for row in meeting.agenda}
		self.assertIn(("Escalated Case", escalated.name), sources)
		self.assertIn(("Recurring Problem", recurring.name), sources)
		self.assertIn(("Overdue Action", overdue.name), sources)
		self.assertNotIn(closed.name, {row.mediation_case for row in meeting.agenda})
		self.assertEqual(prefill_agenda(meeting.name), 0)


class TestRoundTableAction(FrappeTestCase):
	def test_action_without_owner_is_refused(self):
		with self.assertRaises(frappe.MandatoryError):
			make_action(owner_user=None)

	def test_owner_contact_sets_the_owning_organisation(self):
		partner = make_partner()
		action = make_action(owner_user=None, owner_contact=make_contact(partner.name).name)
		self.assertEqual(action.partner_organisation, partner.name)
