"""Contact channels and notices in the Art. 15 export and gone after Art. 17 erasure and retention:
the household's, its tenant record's and those of a reporter known only on its case."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG, notify
from mitmenschen.outbound.templates import TemplateSet
from mitmenschen.privacy.retention import anonymise_cases
from mitmenschen.privacy.subject_access import collect_household_data, erase_household
from mitmenschen.privacy.test_subject_access import MANAGER, make_staff
from mitmenschen.tests.factories import make_case, make_household, make_tenant

NOTICE = TemplateSet("Mit:Menschen Privacy Test Notice", lambda lang: ("Hinweis {{ n }}", "<p>Text {{ n }}</p>"))


def channels(party: tuple[str, str], number: str) -> str:
	return frappe.get_doc(
		{
			"doctype": consent.PROFILE,
			"party_doctype": party[0],
			"party": party[1],
			"mobile": number,
			"postal_address": "Hinterhof 7",
			"consents": [{"channel": "SMS", "given_on": nowdate(), "how": "Verbal with Clerk"}],
		}
	).insert().name


class TestChannelsPrivacy(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def world(self) -> dict:
		tenant = make_tenant()
		household = make_household(tenant_doctype="Customer", tenant=tenant.name)
		case = make_case(respondent_household=household.name, reporter_name="Nachbarin Vertraulich")
		parties = {
			"household": ("Refugee Household", household.name),
			"tenant": ("Customer", tenant.name),
			"reporter": ("Mediation Case", case.name),
		}
		profiles = {key: channels(party, f"+4917612{index:06d}") for index, (key, party) in enumerate(parties.items())}
		# queued only (delivery follows a commit, which the test never makes)
		messages = {key: notify(party, NOTICE, {"n": key}, key=f"privacy-test:{party[1]}") for key, party in parties.items()}
		return {"household": household.name, "case": case.name, "profiles": profiles, "messages": messages}

	def test_the_export_lists_channels_consents_and_notices(self) -> None:
		world = self.world()
		data = collect_household_data(world["household"])
		exported = {row["name"]: row for row in data["contact_channels"]}
		self.assertEqual(set(exported), set(world["profiles"].values()))
		consent_row = exported[world["profiles"]["household"]]["consents"][0]
		self.assertEqual((consent_row["channel"], consent_row["how"]), ("SMS", "Verbal with Clerk"))
		self.assertEqual({row["name"] for row in data["outbound_messages"]}, set(world["messages"].values()))

	def test_erasure_deletes_them_all(self) -> None:
		world = self.world()
		frappe.set_user(make_staff(MANAGER, "Mit:Menschen Manager"))
		erase_household(world["household"], "Consent withdrawn")
		frappe.set_user("Administrator")
		for profile in world["profiles"].values():
			self.assertFalse(frappe.db.exists(consent.PROFILE, profile))
			self.assertFalse(frappe.db.exists("Channel Consent", {"parent": profile}))
		for message in world["messages"].values():
			self.assertFalse(frappe.db.exists(LOG, message))
		self.assertFalse(frappe.db.exists("Deleted Document", {"deleted_name": ("in", list(world["profiles"].values()))}))

	def test_retention_of_a_case_deletes_its_reporters_channels(self) -> None:
		world = self.world()
		anonymise_cases([world["case"]])
		self.assertFalse(frappe.db.exists(consent.PROFILE, world["profiles"]["reporter"]))
		self.assertFalse(frappe.db.exists(LOG, world["messages"]["reporter"]))
		self.assertTrue(frappe.db.exists(consent.PROFILE, world["profiles"]["household"]))

	def test_retention_of_a_case_deletes_the_notices_about_it_to_anyone(self) -> None:
		world = self.world()
		tenant = tuple(frappe.db.get_value("Refugee Household", world["household"], ["tenant_doctype", "tenant"]))
		case = ("Mediation Case", world["case"])
		about = notify(tenant, NOTICE, {"n": "Lärm im Hof"}, reference=case, key=f"privacy-test:about:{case[1]}")
		anonymise_cases([world["case"]])
		self.assertFalse(frappe.db.exists(LOG, about))
		self.assertTrue(frappe.db.exists(LOG, world["messages"]["tenant"]))  # not about the case: kept
