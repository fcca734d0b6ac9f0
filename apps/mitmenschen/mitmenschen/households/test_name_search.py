"""A clerk finds a household however its family's or a member's name is spelled, in the desk's link
search, and is warned (not stopped) when entering a household or member that probably exists."""

import frappe
from frappe.desk.search import search_widget
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.tests.factories import make_household, make_staff_user

CLERK = "Mit:Menschen Clerk"


def tag() -> str:
	"""A word of consonants no test world holds (its key is itself plus a vowel class)."""
	return "Q" + "".join(random_string(5).lower().translate(str.maketrans("aeiouy0123456789", "bcdfgkbcdfgkmnpr")))


def found(text: str) -> list[str]:
	return [row[0] for row in search_widget("Refugee Household", text, page_length=20)]


class TestNameSearch(FrappeTestCase):
	def setUp(self) -> None:
		self.word = tag()
		self.clerk = make_staff_user(CLERK)

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def test_family_and_member_names_are_found_however_spelled(self) -> None:
		household = make_household(
			family_name=f"Al-Hamdan {self.word}",
			members=[{"member_name": "Mohammed Al-Hamdan", "relation": "Head of Household"}],
		)
		other = make_household(family_name=f"Hamdan {self.word}")
		frappe.set_user(self.clerk)
		for text in (f"Alhamdan {self.word}", f"Al Hamdan {self.word}", f"El-Hamdan {self.word}"):
			self.assertIn(household.name, found(text), text)
			self.assertNotIn(other.name, found(text), text)
		# a member's given name with the family's word
		self.assertEqual(found(f"Muhammad {self.word}"), [household.name])
		self.assertEqual(found(f"Mahmoud {self.word}"), [])
		# Frappe's own search still works (by the record's name)
		self.assertIn(household.name, found(household.name))

	def test_arabic_script_without_short_vowels_finds_the_vowelled_name(self) -> None:
		household = make_household(family_name=f"{self.word}", members=[{"member_name": "مُحَمَّد"}])
		frappe.set_user(self.clerk)
		self.assertIn(household.name, found(f"محمد {self.word}"))

	def test_a_probable_duplicate_is_warned_about_and_saved(self) -> None:
		first = make_household(
			family_name=f"Gebremariam {self.word}", members=[{"member_name": f"Tesfay {self.word}"}]
		)
		frappe.clear_messages()
		second = make_household(
			family_name=f"Gebre Mariam {self.word}", members=[{"member_name": f"Tesfaye {self.word}"}]
		)
		messages = " ".join(str(m.get("message", "")) for m in frappe.get_message_log())
		self.assertTrue(frappe.db.exists("Refugee Household", second.name))
		self.assertIn(f"(Gebremariam {self.word})", messages)  # the family
		self.assertIn(f"Tesfay {self.word} (", messages)  # and the member

	def test_an_unrelated_household_is_saved_without_a_warning(self) -> None:
		make_household(family_name=f"Haddad {self.word}", members=[{"member_name": "Omar"}])
		frappe.clear_messages()
		make_household(family_name=f"Hamdan {self.word}", members=[{"member_name": f"Amir {self.word}"}])
		self.assertEqual(frappe.get_message_log() or [], [])

	def test_saving_again_does_not_repeat_the_warning(self) -> None:
		make_household(family_name=f"Alhamdan {self.word}")
		second = make_household(family_name=f"Al Hamdan {self.word}")
		frappe.clear_messages()
		second.district = None
		second.save()
		self.assertEqual(frappe.get_message_log() or [], [])
