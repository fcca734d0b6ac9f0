# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.language import is_rtl, text_direction
from mitmenschen.portal import partner_api, partner_queries, tenant
from mitmenschen.portal.guard import PortalNotFoundError
from mitmenschen.portal.uploads import UploadError, validate_upload
from mitmenschen.tests.factories import make_category, make_contact, make_partner
from mitmenschen.tests.portal_world import PNG_1PX, make_tenant_user, make_web_user


def make_partner_world(label: str) -> dict:
	suffix = random_string(6).lower()
	organisation = make_partner(f"Test Portal {label} {suffix}", status="Active", portal_enabled=1).name
	user = make_web_user(f"tp-{label.lower()}-{suffix}@portal.example", f"Partner {label}", PARTNER_ROLE)
	make_contact(organisation, user=user, email=user, active=1)
	category = make_category().name
	case = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Fall {label}",
			"category": category,
			"referred_to": organisation,
		}
	).insert()
	return {"organisation": organisation, "user": user, "case": case.name}


class TestPartnerPortal(FrappeTestCase):
	def setUp(self) -> None:
		self.a = make_partner_world("A")
		self.b = make_partner_world("B")

	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def test_accept_and_decline_update_the_case(self) -> None:
		second = frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "Zweiter Fall",
				"category": make_category().name,
				"referred_to": self.a["organisation"],
			}
		).insert()
		frappe.set_user(self.a["user"])
		partner_api.accept_referral(self.a["case"])
		with self.assertRaises(frappe.ValidationError):
			partner_api.decline_referral(second.name, "   ")
		partner_api.decline_referral(second.name, "Keine Kapazität")
		frappe.set_user("Administrator")
		accepted = frappe.get_doc("Mediation Case", self.a["case"])
		declined = frappe.get_doc("Mediation Case", second.name)
		self.assertEqual(accepted.referral_status, "Accepted")
		self.assertTrue(accepted.referral_responded_on)
		self.assertEqual(
			(declined.referral_status, declined.referral_decline_reason), ("Declined", "Keine Kapazität")
		)

	def test_other_organisations_case_is_not_found(self) -> None:
		frappe.set_user(self.a["user"])
		with self.assertRaises(PortalNotFoundError):
			partner_api.accept_referral(self.b["case"])
		with self.assertRaises(PortalNotFoundError):
			partner_api.reply_on_case(self.b["case"], "eingeschleust")
		frappe.set_user("Administrator")
		self.assertEqual(
			frappe.db.get_value("Mediation Case", self.b["case"], "referral_status"), "Requested"
		)

	def test_reply_lands_on_the_timeline_and_staff_notes_stay_internal(self) -> None:
		frappe.get_doc("Mediation Case", self.a["case"]).add_comment("Comment", "Interne Notiz zur Nachbarin")
		frappe.set_user(self.a["user"])
		partner_api.reply_on_case(self.a["case"], "Wir kommen <b>Donnerstag</b>")
		timeline = partner_queries.own_comments("Mediation Case", self.a["case"], self.a["organisation"])
		self.assertEqual(len(timeline), 1)
		self.assertIn("Donnerstag", timeline[0].content)
		self.assertNotIn("<b>", timeline[0].content)  # stored as text, not markup
		self.assertTrue(
			frappe.db.exists(
				"Comment",
				{
					"reference_name": self.a["case"],
					"comment_type": "Comment",
					"comment_email": self.a["user"],
				},
			)
		)

	def test_household_details_only_under_a_sharing_consent_in_force(self) -> None:
		from frappe.utils import add_days, nowdate

		household = frappe.get_doc(
			{
				"doctype": "Refugee Household",
				"family_name": f"Familie {random_string(5)}",
				"confidential_notes": "Fluchtgeschichte",
				"members": [{"member_name": "Amal", "relation": "Child", "birth_year": 2017}],
				"consents": [
					{"purpose": "Referral to Partners", "given_on": add_days(nowdate(), -5)},
				],
			}
		).insert()
		organisation = self.a["organisation"]
		self.assertIsNone(partner_queries.household_details(household.name, organisation))

		household.append(
			"consents",
			{
				"purpose": "Share Household Details",
				"partner_organisation": organisation,
				"given_on": add_days(nowdate(), -5),
			},
		)
		household.save()
		details = partner_queries.household_details(household.name, organisation)
		self.assertEqual(details.family_name, household.family_name)
		self.assertEqual([m.member_name for m in details.members], ["Amal"])
		self.assertNotIn("confidential_notes", details)
		self.assertIsNone(partner_queries.household_details(household.name, self.b["organisation"]))

		household.consents[-1].withdrawn_on = nowdate()
		household.save()
		self.assertIsNone(partner_queries.household_details(household.name, organisation))

	def test_home_lists_only_own_referrals(self) -> None:
		frappe.set_user(self.a["user"])
		summary = partner_queries.home_summary(self.a["organisation"])
		names = [row.name for row in summary["referrals"]]
		self.assertIn(self.a["case"], names)
		self.assertNotIn(self.b["case"], names)


class TestTenantReport(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.set_user("Administrator")

	def test_report_becomes_a_portal_case_seen_only_by_its_reporter(self) -> None:
		suffix = random_string(6).lower()
		mine = make_tenant_user(f"tt-a-{suffix}@portal.example", f"Mieterin {suffix}")
		other = make_tenant_user(f"tt-b-{suffix}@portal.example", f"Nachbar {suffix}")
		category = make_category().name
		frappe.set_user(mine["user"])
		self.assertEqual(tenant.get_tenant(), mine["tenant"])
		name = tenant.create_report(
			mine["tenant"], category, "Laute Musik jede Nacht", "ar", "Hafenstraße 3", [("hof.png", PNG_1PX)]
		)
		frappe.set_user("Administrator")
		case = frappe.get_doc("Mediation Case", name)
		self.assertEqual(
			(case.channel, case.reporter_tenant, case.interpreter_language), ("Portal", mine["tenant"], "ar")
		)
		self.assertTrue(frappe.db.exists("File", {"attached_to_name": name, "is_private": 1}))
		self.assertEqual([r.name for r in tenant.my_reports(mine["tenant"])], [name])
		self.assertEqual(tenant.my_reports(other["tenant"]), [])

	def test_too_short_description_is_refused(self) -> None:
		suffix = random_string(6).lower()
		mine = make_tenant_user(f"tt-c-{suffix}@portal.example", f"Mieter {suffix}")
		with self.assertRaises(tenant.TenantReportError):
			tenant.create_report(mine["tenant"], make_category().name, "kurz", "de", None, [])


class TestUploadsAndDirection(FrappeTestCase):
	def test_uploads_are_checked_by_type_content_and_size(self) -> None:
		allowed = frozenset({"png", "pdf"})
		self.assertEqual(validate_upload("a.png", PNG_1PX, allowed), "png")
		for filename, content in (
			("a.exe", b"MZ"),
			("a.png", b"MZ not a picture"),
			("a.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
			("a.png", b""),
		):
			with self.assertRaises(UploadError, msg=filename):
				validate_upload(filename, content, allowed)

	def test_sorani_kurdish_is_right_to_left_unlike_in_frappe(self) -> None:
		from frappe.utils.jinja_globals import is_rtl as frappe_is_rtl

		frappe.local.lang, lang = "ckb", frappe.local.lang
		try:
			self.assertFalse(frappe_is_rtl())
			self.assertTrue(is_rtl())
		finally:
			frappe.local.lang = lang
		self.assertEqual(
			[text_direction(c) for c in ("ar", "fa", "ar-SA", "de", "tr")],
			["rtl", "rtl", "rtl", "ltr", "ltr"],
		)


class TestUnexpectedErrors(FrappeTestCase):
	def test_an_unexpected_error_is_logged_and_answered_with_an_apology_and_status_500(self):
		from mitmenschen.portal.pages import ERROR_TEMPLATE, portal_page

		@portal_page
		def broken_page(context):
			raise ValueError("a bug, not the user's fault")

		context = frappe._dict()
		broken_page(context)
		self.assertEqual((context.http_status_code, context.template), (500, ERROR_TEMPLATE))
		self.assertNotIn("a bug", str(context.values()))
		self.assertTrue(
			frappe.db.exists("Error Log", {"error": ["like", "%a bug, not the user's fault%"]}),
			"the error was not logged",
		)
