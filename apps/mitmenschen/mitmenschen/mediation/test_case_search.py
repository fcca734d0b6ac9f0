"""A clerk finds a case by its reporter's name however it is spelled, through the desk's own search API
(frappe.desk.search.search_link, as the link fields call it); an unrelated name does not match, and a
partner, who may not read the reporter, finds nothing by the reporter's name."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.tests.factories import make_case, make_category, make_staff_user
from mitmenschen.tests.portal_world import build_organisation

CASE = "Mediation Case"
# (the name on the case, the name the clerk types) — found both ways
VARIANTS = [
	("Muhammad Al-Hamdan", "Mohammed Alhamdan"),
	("Hossein Karimi", "Hussain Karimi"),
	("Abd al-Rahman Yusuf", "Abdurrahman Youssef"),
	("Fatemeh Ahmadi", "Fatima Ahmadi"),
	("مُحَمَّد الحمدان", "محمد الحمدان"),
	("Mebrahtu Haile Selassie", "Mebrahatu Haileselassie"),
	("Şêrko Xalid", "Sherko Khalid"),
]
# (the name on the case, a different name typed)
UNRELATED = [
	("Muhammad Al-Hamdan", "Mahmoud Alhamdan"),
	("Hossein Karimi", "Hassan Karimi"),
	("Şêrko Xalid", "Shirin Xalid"),
]


def found(text: str) -> set[str]:
	return {row["value"] for row in search_link(CASE, text, page_length=50)}


class TestCaseSearchByReporterName(FrappeTestCase):
	def setUp(self) -> None:
		self.clerk = make_staff_user("Mit:Menschen Clerk")
		self.category = make_category().name

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def case_of(self, reporter: str) -> str:
		# a word of its own, so that the site's other cases never crowd this one off the first page
		return make_case(category=self.category, reporter_name=f"{reporter} {random_string(6)}").name

	def test_variant_spellings_find_the_case_both_ways(self) -> None:
		cases = {(a, b): (self.case_of(a), self.case_of(b)) for a, b in VARIANTS}
		frappe.set_user(self.clerk)
		missed = []
		for (a, b), (case_a, case_b) in cases.items():
			if case_a not in found(b):
				missed.append((b, a))
			if case_b not in found(a):
				missed.append((a, b))
		self.assertEqual(missed, [], "typed → on the case")

	def test_an_unrelated_name_does_not_match(self) -> None:
		cases = {typed: self.case_of(on_case) for on_case, typed in UNRELATED}
		frappe.set_user(self.clerk)
		wrongly = [(typed, case) for typed, case in cases.items() if case in found(typed)]
		self.assertEqual(wrongly, [])

	def test_the_number_and_subject_are_still_found(self) -> None:
		case = make_case(category=self.category, subject=f"Lärm im Hinterhof {random_string(6)}")
		frappe.set_user(self.clerk)
		self.assertIn(case.name, found(case.name))
		self.assertIn(case.name, found(case.subject))

	def test_a_partner_finds_a_referred_case_but_not_by_its_confidential_reporter(self) -> None:
		world = build_organisation("A", random_string(6), self.category)
		frappe.set_user(world["user"])
		self.assertIn(world["case_to_accept"], found(world["case_to_accept_subject"]))
		self.assertNotIn(world["case_to_accept"], found(world["reporter_name"]))
		self.assertNotIn(world["case_to_accept"], found("Vertrauliche Nachbarin"))
