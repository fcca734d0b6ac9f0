"""A clerk finds a language mediator however the name is spelled (the link field's search)."""

import frappe
from frappe.desk.search import search_widget
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.interpreting.test_interpreting import make_mediator
from mitmenschen.tests.factories import make_staff_user


class TestMediatorSearch(FrappeTestCase):
	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_a_mediator_is_found_by_any_spelling_and_others_are_not(self) -> None:
		word = "Q" + "".join(c for c in random_string(12).lower() if c not in "aeiouy0123456789")[:5]
		mediator = make_mediator(full_name=f"Mohammed Al-Hamdan {word}")
		other = make_mediator(full_name=f"Mahmoud Hamdan {word}")
		frappe.set_user(make_staff_user("Mit:Menschen Clerk"))
		found = lambda text: [row[0] for row in search_widget("Language Mediator", text, page_length=20)]  # noqa: E731
		self.assertEqual(found(f"Muhammad Alhamdan {word}"), [mediator])
		self.assertEqual(found(f"Mahmud {word}"), [other])
		self.assertIn(mediator, found(word))
