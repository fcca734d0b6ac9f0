# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""The hours a clerk confirms for a held appointment, as the timeline says them in German."""

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.interpreting.booking import hours_confirmed


class TestHoursConfirmed(FrappeTestCase):
	def setUp(self) -> None:
		self.lang = frappe.local.lang
		frappe.local.lang = "de"

	def tearDown(self) -> None:
		frappe.local.lang = self.lang

	def test_one_hour_in_the_singular_more_in_the_plural(self):
		self.assertEqual(hours_confirmed(1.0), "(1 Stunde bestätigt)")
		self.assertEqual(hours_confirmed(2.0), "(2 Stunden bestätigt)")
		self.assertEqual(hours_confirmed(1.5), "(1.5 Stunden bestätigt)")
