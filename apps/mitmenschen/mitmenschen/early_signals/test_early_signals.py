"""Early signals on the real site: rent arrears from ERPNext's own Sales Invoices and Payment Entries,
the app's own signs, offers through the consent gate, the letter in the family's language, the
figures and the household's privacy rights."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, nowdate

from mitmenschen.early_signals import findings as kinds
from mitmenschen.early_signals.figures import signal_figures
from mitmenschen.early_signals.letter import letter_html
from mitmenschen.early_signals.offers import offer_letter, offer_referral, offer_talk, record_answer
from mitmenschen.early_signals.report.early_signal_figures.early_signal_figures import execute as report
from mitmenschen.early_signals.settings import EarlySignalSettingsError, arrears_purpose
from mitmenschen.early_signals.sweep import CAUSE_GONE, SWITCHED_OFF, sweep
from mitmenschen.erp.rent import make_rent_invoice, pay
from mitmenschen.households.consent import REFERRAL, ConsentRequiredError
from mitmenschen.privacy.subject_access import collect_household_data, erase_household
from mitmenschen.tests.factories import make_category, make_flat, make_household, make_partner, make_tenant
from mitmenschen.tests.household_world import consents, member
from mitmenschen.tests.mail import MailTestCase, flush_queue
from mitmenschen.workflows.definitions import seed_state

SETTINGS = "Mitmenschen Settings"
RENT = 743.21  # an amount no date or name contains, to prove it is never stored
SMTP_PORT = 2641


def days_ago(days: int):
	return getdate(add_days(nowdate(), -days))


def living_household(moved_in_days_ago: int = 30, **values):
	household = make_household(move_in_date=days_ago(moved_in_days_ago), **values)
	seed_state("Refugee Household", household.name, "Moved In")
	return frappe.get_doc("Refugee Household", household.name)


def signals(household: str, **filters) -> list[frappe._dict]:
	return frappe.get_all(
		"Early Signal",
		filters={"household": household, **filters},
		fields=["name", "kind", "status", "since", "cause", "arrears_band", "age_days", "cleared_because"],
	)


def open_kinds(household: str) -> set[str]:
	return {row.kind for row in signals(household, status="Open")}


class EarlySignalTestCase(FrappeTestCase):
	def setUp(self) -> None:
		self.settings = frappe.get_doc(SETTINGS)

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.clear_cache(doctype=SETTINGS)

	def configure(self, **values) -> None:
		settings = frappe.get_doc(SETTINGS)
		settings.update(values)
		settings.save()
		frappe.clear_cache(doctype=SETTINGS)

	def arrears_on(self, **values) -> None:
		self.configure(
			**{
				"arrears_signal_enabled": 1,
				"arrears_purpose": "Mietschulden früh erkennen, um Unterstützung anzubieten.",
				"arrears_threshold_basis": "Months of Rent",
				"arrears_threshold_months": 1,
				"arrears_days_overdue": 14,
				**values,
			}
		)

	def tenant_household(self, **values):
		tenant = make_tenant().name
		return living_household(tenant=tenant, **values), tenant


class TestArrears(EarlySignalTestCase):
	def test_off_by_default_and_only_with_a_purpose(self) -> None:
		field = frappe.get_meta(SETTINGS).get_field("arrears_signal_enabled")
		self.assertEqual(field.default, "0")
		self.configure(arrears_signal_enabled=0)
		household, tenant = self.tenant_household()
		make_rent_invoice(tenant, RENT * 3, days_ago(100), days_ago(95))
		sweep()
		self.assertEqual(signals(household.name), [], "off: the ledger is not read")

		settings = frappe.get_doc(SETTINGS)
		settings.arrears_signal_enabled, settings.arrears_purpose = 1, "  "
		with self.assertRaises(EarlySignalSettingsError):
			settings.save()
		self.assertIsNone(arrears_purpose(), "the privacy notice names no purpose while off")
		self.arrears_on()
		self.assertIn("Mietschulden", arrears_purpose())
		sweep()
		self.assertEqual(open_kinds(household.name), {kinds.ARREARS})

		self.configure(arrears_signal_enabled=0)
		sweep()
		(row,) = signals(household.name)
		self.assertEqual((row.status, row.cleared_because), ("Cleared", SWITCHED_OFF))

	def test_threshold_in_months_of_rent_and_days_overdue(self) -> None:
		self.arrears_on(arrears_threshold_months=3)
		household, tenant = self.tenant_household()
		make_rent_invoice(tenant, RENT, days_ago(70), days_ago(65))
		make_rent_invoice(tenant, RENT, days_ago(40), days_ago(35))
		make_rent_invoice(tenant, RENT, days_ago(12), days_ago(5))  # due 5 days ago: not yet counted
		sweep()
		self.assertEqual(
			signals(household.name), [], "three months of rent are open, two of them for 14 days"
		)

		self.configure(arrears_days_overdue=3)
		sweep()
		(row,) = signals(household.name, status="Open")
		self.assertEqual(row.arrears_band, kinds.ABOVE_TWO)
		self.assertEqual(row.age_days, 65)
		self.assertEqual(row.since, days_ago(65))

		self.configure(arrears_threshold_months=4)
		sweep()
		self.assertEqual(open_kinds(household.name), set(), "below the threshold the signal clears")

	def test_threshold_in_amount(self) -> None:
		self.arrears_on(arrears_threshold_basis="Amount", arrears_threshold_amount=1000)
		household, tenant = self.tenant_household()
		make_rent_invoice(tenant, RENT, days_ago(50), days_ago(45))
		sweep()
		self.assertEqual(signals(household.name), [], "743.21 is below 1,000")
		make_rent_invoice(tenant, RENT, days_ago(25), days_ago(20))
		sweep()
		(row,) = signals(household.name, status="Open")
		self.assertEqual((row.arrears_band, row.age_days), (kinds.ONE_TO_TWO, 45))

	def test_a_payment_entry_clears_the_signal(self) -> None:
		self.arrears_on()
		household, tenant = self.tenant_household()
		first = make_rent_invoice(tenant, RENT, days_ago(60), days_ago(55))
		second = make_rent_invoice(tenant, RENT, days_ago(30), days_ago(25))
		sweep()
		(row,) = signals(household.name, status="Open")
		self.assertEqual(row.arrears_band, kinds.ONE_TO_TWO)

		pay(first.name)  # one month paid: one month's rent still open, the threshold still reached
		sweep()
		(row,) = signals(household.name, status="Open")
		self.assertEqual((row.arrears_band, row.age_days), (kinds.ONE_TO_TWO, 25))

		pay(second.name, amount=RENT / 2)  # half of it: below one month's rent
		sweep()
		self.assertEqual(open_kinds(household.name), set())
		(row,) = signals(household.name)
		self.assertEqual((row.status, row.cleared_because), ("Cleared", CAUSE_GONE))

	def test_only_band_and_age_are_stored(self) -> None:
		self.arrears_on()
		household, tenant = self.tenant_household()
		invoice = make_rent_invoice(tenant, RENT, days_ago(90), days_ago(85))
		make_rent_invoice(tenant, RENT, days_ago(60), days_ago(55))
		sweep()
		pay(invoice.name, amount=100)
		sweep()  # the band stays, the age follows the oldest open rent
		(row,) = signals(household.name)
		stored = json.dumps(
			[
				frappe.get_doc("Early Signal", row.name).as_dict(),
				frappe.get_all(
					"Version", filters={"ref_doctype": "Early Signal", "docname": row.name}, fields=["data"]
				),
			],
			default=str,
		)
		for secret in ("743.21", "1486.42", "643.21", "1386.42", invoice.name, "Sales Invoice"):
			self.assertNotIn(secret, stored)
		numeric = [
			df.fieldname
			for df in frappe.get_meta("Early Signal").fields
			if df.fieldtype in ("Currency", "Float", "Link") and df.options != "Refugee Household"
		]
		self.assertEqual(numeric, [], "no field could hold an amount or a rent document")


class TestAppSignals(EarlySignalTestCase):
	def test_each_kind_appears_and_clears_with_its_cause(self) -> None:
		self.configure(
			arrears_signal_enabled=0,
			onboarding_overdue_days=14,
			unmet_need_weeks=6,
			recurring_complaints=2,
			consent_expiry_days=30,
			recurrence_window_days=90,
		)
		partner = make_partner(status="Active").name
		flat = make_flat()["flat"]
		household = living_household(
			moved_in_days_ago=60,
			property_unit=flat,
			members=[member("Yara", 3)],  # a Kita place needed, nothing offered since moving in
			consents=[
				*consents(partner, purposes=(REFERRAL,)),
				{
					"purpose": "Share Household Details",
					"given_on": days_ago(300),
					"expires_on": add_days(nowdate(), 10),
				},
			],
		)
		plan = frappe.get_doc(
			{
				"doctype": "Onboarding Plan",
				"household": household.name,
				"move_in_date": days_ago(60),
				"steps": [{"step": "Anmeldung beim Bürgeramt", "due_date": days_ago(30), "status": "Open"}],
			}
		).insert()
		category = make_category().name
		complaints = [
			frappe.get_doc(
				{
					"doctype": "Mediation Case",
					"subject": f"Lärm {i}",
					"category": category,
					"property_unit": flat,
				}
			).insert()
			for i in range(2)
		]
		for need in ("Debt Counselling", "Debt Counselling"):
			referral = frappe.get_doc(
				{
					"doctype": "Household Referral",
					"household": household.name,
					"partner_organisation": partner,
					"need": need,
				}
			).insert()
			referral.status, referral.decline_reason = "Declined", "Keine Kapazität"
			referral.save()

		sweep()
		found = {row.kind: row for row in signals(household.name, status="Open")}
		self.assertEqual(set(found), set(kinds.KINDS) - {kinds.ARREARS})
		self.assertEqual(found[kinds.ONBOARDING].since, days_ago(30))
		self.assertIn(frappe._("Kindergarten Place", lang="de"), found[kinds.UNMET_NEED].cause)
		self.assertNotIn("Yara", json.dumps(found, default=str), "causes name no one")
		self.assertEqual(found[kinds.COMPLAINTS].since, getdate(nowdate()))
		sweep()  # a second run changes nothing
		self.assertEqual(len(signals(household.name)), 5)

		# each cause goes away
		plan.steps[0].status = "Done"
		plan.save()
		frappe.get_doc(
			{
				"doctype": "Household Referral",
				"household": household.name,
				"partner_organisation": partner,
				"need": "Kindergarten Place",
				"referred_member": "Yara",
			}
		).insert()
		frappe.get_doc(
			{
				"doctype": "Household Referral",
				"household": household.name,
				"partner_organisation": partner,
				"need": "Debt Counselling",
			}
		).insert()
		for case in complaints:
			frappe.db.set_value("Mediation Case", case.name, "opened_on", add_days(nowdate(), -120))
		household.reload()
		household.append(
			"consents",
			{
				"purpose": "Share Household Details",
				"given_on": nowdate(),
				"expires_on": add_days(nowdate(), 365),
			},
		)
		household.save()

		sweep()
		self.assertEqual(open_kinds(household.name), set())
		self.assertEqual({row.cleared_because for row in signals(household.name)}, {CAUSE_GONE})

	def test_the_familys_own_complaint_and_moving_out(self) -> None:
		self.configure(recurring_complaints=1, recurrence_window_days=90)
		household, tenant = self.tenant_household(property_unit=make_flat()["flat"])
		category = make_category().name
		frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "Heizung kalt",
				"category": category,
				"property_unit": household.property_unit,
				"reporter_tenant": tenant,
			}
		).insert()
		sweep()
		self.assertNotIn(kinds.COMPLAINTS, open_kinds(household.name), "the family's own report")
		frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": "Lärm",
				"category": category,
				"respondent_household": household.name,
			}
		).insert()
		sweep()
		self.assertIn(kinds.COMPLAINTS, open_kinds(household.name))
		seed_state("Refugee Household", household.name, "Moved Out")
		sweep()
		self.assertEqual({row.cleared_because for row in signals(household.name)}, {"Household Moved Out"})


class TestOffers(MailTestCase, EarlySignalTestCase):
	PORT = SMTP_PORT

	def tearDown(self) -> None:
		super().tearDown()
		frappe.db.rollback()
		# Frappe's Email Queue commits when it sends: the switch goes back to its default
		if frappe.db.get_single_value(SETTINGS, "arrears_signal_enabled"):
			frappe.db.set_single_value(SETTINGS, "arrears_signal_enabled", 0)
			frappe.db.commit()

	def arrears_signal(self, languages=("ar",), email: str | None = None, **values) -> str:
		self.arrears_on()
		tenant = make_tenant()
		if email:
			tenant.db_set("email_id", email)
		household = living_household(
			tenant=tenant.name, languages=[{"language": code} for code in languages], **values
		)
		make_rent_invoice(tenant.name, RENT, days_ago(50), days_ago(45))
		sweep()
		(row,) = signals(household.name, status="Open", kind=kinds.ARREARS)
		return row.name

	def test_referral_goes_through_the_consent_gate(self) -> None:
		partner = make_partner(status="Active").name
		signal = self.arrears_signal()
		with self.assertRaises(ConsentRequiredError):
			offer_referral(signal, partner, "Debt Counselling")
		doc = frappe.get_doc("Early Signal", signal)
		self.assertEqual(doc.offers, [])
		self.assertFalse(frappe.db.exists("Household Referral", {"household": doc.household}))

		household = frappe.get_doc("Refugee Household", doc.household)
		household.extend("consents", consents(partner, purposes=(REFERRAL,)))
		household.save()
		row = offer_referral(signal, partner, "Debt Counselling")
		referral = frappe.get_doc("Household Referral", row["household_referral"])
		self.assertEqual(
			(referral.partner_organisation, referral.need, referral.status),
			(partner, "Debt Counselling", "Requested"),
		)
		self.assertEqual(frappe.db.get_value("Early Signal", signal, "first_offered_on"), getdate(nowdate()))

	def test_talk_answers_and_figures(self) -> None:
		signal = self.arrears_signal(interpreter_needed=1, interpreter_language="ar")
		row = offer_talk(signal)
		self.assertEqual(
			(row["offer_type"], row["with_language_mediator"], row["language"]), ("Talk", 1, "ar")
		)
		before = {f.kind: f for f in signal_figures(nowdate(), nowdate())}[kinds.ARREARS]
		record_answer(signal, row["name"], 1)

		household = frappe.db.get_value("Early Signal", signal, "household")
		tenant = frappe.db.get_value("Refugee Household", household, "tenant")
		for invoice in frappe.get_all(
			"Sales Invoice", filters={"customer": tenant, "docstatus": 1}, pluck="name"
		):
			pay(invoice)
		sweep()
		after = {f.kind: f for f in signal_figures(nowdate(), nowdate())}[kinds.ARREARS]
		self.assertEqual(after.offers, before.offers)
		self.assertEqual(after.taken_up, before.taken_up + 1)
		self.assertEqual(after.cleared_after_offer, before.cleared_after_offer + 1)
		columns, rows = report(frappe._dict(from_date=nowdate(), to_date=nowdate()))
		(row,) = [r for r in rows if r["kind"] == frappe._(kinds.ARREARS)]
		self.assertEqual(row["cleared_after_offer"], after.cleared_after_offer)
		self.assertNotIn("household", {column["fieldname"] for column in columns}, "counts, no names")

	def test_letter_in_the_familys_language(self) -> None:
		signal = self.arrears_signal(languages=("ar", "de"))
		doc = frappe.get_doc("Early Signal", signal)
		html = letter_html(doc)
		self.assertIn('dir="rtl"', html)
		self.assertIn(frappe._("Support for your family", lang="ar"), html)
		self.assertNotEqual(frappe._("Support for your family", lang="ar"), "Support for your family")
		arrears = (
			"Our records show that rent payments are open. Please talk to us early: together we can find a "
			"way, for example a payment plan."
		)
		self.assertIn(frappe._(arrears, lang="ar"), html)
		row = offer_letter(signal)
		self.assertEqual((row["language"], row["sent_by"], row["print"]), ("ar", "Print", True))

		by_mail = self.arrears_signal(languages=("uk",), email="familie-brief@example.org")
		row = offer_letter(by_mail)
		self.assertEqual((row["language"], row["sent_by"]), ("uk", "Email"))
		flush_queue()
		(mail,) = self.smtp.to("familie-brief@example.org")
		self.assertEqual(mail["Subject"], frappe._("Support for your family", lang="uk"))
		(attachment,) = mail.iter_attachments()
		self.assertEqual(attachment.get_filename(), f"{by_mail}-uk.pdf")
		self.assertTrue(attachment.get_content().startswith(b"%PDF"), "the letter as a PDF")
		self.assertTrue(
			frappe.db.exists(
				"Communication", {"reference_doctype": "Early Signal", "reference_name": by_mail}
			)
		)


class TestPrivacy(EarlySignalTestCase):
	def test_export_lists_the_signals_and_erasure_removes_them(self) -> None:
		self.arrears_on()
		household, tenant = self.tenant_household()
		make_rent_invoice(tenant, RENT, days_ago(50), days_ago(45))
		sweep()
		(row,) = signals(household.name)
		offer_talk(row.name)
		data = collect_household_data(household.name)
		self.assertEqual([s["name"] for s in data["early_signals"]], [row.name])
		self.assertEqual(data["early_signals"][0]["offers"][0]["offer_type"], "Talk")
		self.assertIn("Mietschulden", data["early_signals_arrears_purpose"])

		erase_household(household.name, "Request of the data subject")
		self.assertEqual(signals(household.name), [])
		self.assertFalse(frappe.db.exists("Support Offer", {"parent": row.name}))
		self.assertFalse(frappe.db.exists("Version", {"ref_doctype": "Early Signal", "docname": row.name}))
		self.assertFalse(frappe.db.exists("Deleted Document", {"deleted_name": row.name}))
