"""The connections panels of our own doctypes count what links to a record, as the desk asks for them
(`frappe.desk.notifications.get_open_count`), as a clerk."""

import frappe
from frappe.desk.notifications import get_open_count
from frappe.tests.utils import FrappeTestCase

from mitmenschen.tests.factories import (
	make_action,
	make_case,
	make_contact,
	make_household,
	make_meeting,
	make_partner,
	make_staff_user,
)


def counts(doctype: str, name: str) -> dict[str, int]:
	found = get_open_count(doctype, name)["count"]
	return {
		row["doctype"]: row["count"] for row in found["external_links_found"] + found["internal_links_found"]
	}


class TestConnections(FrappeTestCase):
	def setUp(self) -> None:
		frappe.set_user("Administrator")
		self.partner = make_partner()
		self.other = make_partner()
		self.contact = make_contact(self.partner.name)
		self.household = make_household(
			consents=[
				{
					"purpose": "Referral to Partners",
					"partner_organisation": self.partner.name,
					"given_on": "2026-01-05",
				}
			]
		)
		self.case = make_case(respondent_household=self.household.name, referred_to=self.partner.name)
		self.recurrence = make_case(recurrence_of=self.case.name)
		self.meeting = make_meeting(self.partner.name, self.contact.name)
		make_meeting(self.other.name)
		make_action(
			self.partner.name, self.contact.name, meeting=self.meeting.name, mediation_case=self.case.name
		)
		frappe.set_user(make_staff_user("Mit:Menschen Clerk"))

	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def test_household_lists_its_cases_and_its_consents_partners(self) -> None:
		found = counts("Refugee Household", self.household.name)
		self.assertEqual(found["Mediation Case"], 1)
		self.assertEqual(found["Partner Organisation"], 1)

	def test_partner_lists_referrals_actions_meetings_and_contacts(self) -> None:
		found = counts("Partner Organisation", self.partner.name)
		self.assertEqual(found["Mediation Case"], 1)
		self.assertEqual(found["Round Table Action"], 1)
		self.assertEqual(found["Round Table Meeting"], 1, "through the meeting's attendees")
		self.assertEqual(found["Partner Contact"], 1)

	def test_meeting_lists_its_actions(self) -> None:
		self.assertEqual(counts("Round Table Meeting", self.meeting.name)["Round Table Action"], 1)

	def test_case_lists_its_recurrences_and_actions(self) -> None:
		found = counts("Mediation Case", self.case.name)
		self.assertEqual(found["Mediation Case"], 1)
		self.assertEqual(found["Round Table Action"], 1)
