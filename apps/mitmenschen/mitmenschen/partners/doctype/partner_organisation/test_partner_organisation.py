# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.partners.doctype.partner_organisation.partner_organisation import HotlineContactError
from mitmenschen.partners.report.partner_finder.partner_finder import execute as run_partner_finder
from mitmenschen.partners.routing import find_partners, get_responsible_contact
from mitmenschen.tests.factories import (
	make_category,
	make_contact,
	make_flat,
	make_language,
	make_partner,
	make_service_type,
	unique,
)


class TestHotlineRouting(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Deactivate partners from other test modules so the finder sees only this world.
		frappe.db.set_value("Partner Organisation", {"status": "Active"}, "status", "Inactive")
		cls.arabic = make_language("ar", "العربية")
		cls.farsi = make_language("fa", "فارسی")
		cls.noise = make_category(unique("Lärm")).name
		cls.lehe = make_flat(district=unique("Lehe"))["district"]
		cls.mitte = make_flat(district=unique("Mitte"))["district"]
		cls.youth = make_service_type(unique("Jugendtreff")).name
		cls.children = make_category(unique("Kinder"), service_types=[{"service_type": cls.youth}]).name

		cls.caritas = make_partner(unique("Nachbarschaftshilfe"), languages=[{"language": cls.arabic}])
		cls.salma = make_contact(cls.caritas.name, full_name="Salma Haddad", phone="0471 1234", is_hotline=1)
		cls.jonas = make_contact(cls.caritas.name, full_name="Jonas Weber", deputy=cls.salma.name)
		cls.caritas.append("districts", {"district": cls.lehe})
		cls.caritas.append(
			"hotline_assignments",
			{
				"case_category": cls.noise,
				"district": cls.lehe,
				"contact": cls.salma.name,
				"deputy": cls.jonas.name,
			},
		)
		cls.caritas.append("hotline_assignments", {"case_category": cls.noise, "contact": cls.jonas.name})
		cls.caritas.save()

		cls.club = make_partner(
			unique("Jugendclub"), organisation_type="Club", services=[{"service_type": cls.youth}]
		)
		cls.farsi_contact = make_contact(cls.club.name, languages=[{"language": cls.farsi}])
		cls.closed = make_partner(
			unique("Geschlossen"), status="Inactive", languages=[{"language": cls.arabic}]
		)
		cls.closed_contact = make_contact(cls.closed.name)
		cls.closed.append(
			"hotline_assignments", {"case_category": cls.noise, "contact": cls.closed_contact.name}
		)
		cls.closed.save()

	def names(self, **filters) -> list[str]:
		return [match.partner_organisation for match in find_partners(**filters)]

	def test_noise_in_lehe_in_arabic_finds_the_district_hotline_contact(self):
		match = get_responsible_contact(self.noise, district=self.lehe, language=self.arabic)
		self.assertEqual(match.partner_organisation, self.caritas.name)
		self.assertEqual(match.contact, self.salma.name)
		self.assertEqual(match.deputy, self.jonas.name)
		self.assertEqual(match.phone, "0471 1234")
		self.assertEqual(match.specificity, 2)

	def test_without_district_the_all_districts_row_answers(self):
		match = get_responsible_contact(self.noise)
		self.assertEqual(match.contact, self.jonas.name)
		self.assertEqual(match.specificity, 1)

	def test_district_not_served_excludes_the_partner(self):
		self.assertNotIn(self.caritas.name, self.names(category=self.noise, district=self.mitte))

	def test_language_spoken_by_a_contact_counts_and_other_languages_exclude(self):
		self.assertEqual(self.names(language=self.farsi), [self.club.name])
		self.assertNotIn(self.club.name, self.names(language=self.arabic))

	def test_category_matches_by_helpful_service_too(self):
		self.assertEqual(self.names(category=self.children), [self.club.name])
		self.assertEqual(self.names(service_type=self.youth), [self.club.name])

	def test_inactive_partners_are_never_found(self):
		self.assertNotIn(self.closed.name, self.names())
		self.assertNotIn(self.closed.name, self.names(category=self.noise, language=self.arabic))

	def test_partner_finder_report_shows_the_contact(self):
		columns, rows = run_partner_finder(
			{"category": self.noise, "district": self.lehe, "language": self.arabic}
		)
		self.assertIn("contact_name", [column["fieldname"] for column in columns])
		self.assertEqual(
			[(row["partner_organisation"], row["contact_name"]) for row in rows],
			[(self.caritas.name, "Salma Haddad")],
		)


class TestPartnerOrganisation(FrappeTestCase):
	def test_hotline_contact_of_another_organisation_is_refused(self):
		stranger = make_contact(make_partner().name)
		partner = make_partner()
		partner.append(
			"hotline_assignments", {"case_category": make_category().name, "contact": stranger.name}
		)
		with self.assertRaises(HotlineContactError):
			partner.save()

	def test_same_category_and_district_twice_is_refused(self):
		partner = make_partner()
		contact = make_contact(partner.name)
		category = make_category().name
		for _ in range(2):
			partner.append("hotline_assignments", {"case_category": category, "contact": contact.name})
		with self.assertRaises(HotlineContactError):
			partner.save()

	def test_deputy_must_work_for_the_same_organisation(self):
		stranger = make_contact(make_partner().name)
		with self.assertRaises(frappe.ValidationError):
			make_contact(make_partner().name, deputy=stranger.name)

	def test_district_served_must_be_a_property_record(self):
		partner = make_partner()
		partner.append("districts", {"district": unique("Nirgendwo")})
		with self.assertRaises(frappe.LinkValidationError):
			partner.save()
