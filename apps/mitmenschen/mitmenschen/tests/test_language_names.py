"""Writing direction and language names come from CLDR (Babel), with our own entries only where CLDR
lacks a language (Dari) or misreads its code (Kurmanji)."""

from frappe.tests.utils import FrappeTestCase

from mitmenschen.language import OWN_LANGUAGES, PORTAL_LANGUAGES, cldr_locale, is_rtl, language_name


class TestLanguageNames(FrappeTestCase):
	def test_direction_of_every_portal_language(self) -> None:
		self.assertEqual(
			{code for code in PORTAL_LANGUAGES if is_rtl(code)}, {"ar", "fa", "prs", "ps", "ckb"}
		)

	def test_a_right_to_left_language_nobody_listed_is_right_to_left(self) -> None:
		for code in ("ug", "sd", "he", "ur", "ar-SA", "fa_AF"):
			self.assertTrue(is_rtl(code), code)
		for code in ("so", "am", "xx", "kmr", "ti"):
			self.assertFalse(is_rtl(code), code)

	def test_german_names_for_clerks(self) -> None:
		self.assertEqual(
			[language_name(code, "de") for code in ("ar", "fa", "prs", "ps", "ckb", "kmr", "ti", "uk", "en")],
			[
				"Arabisch",
				"Persisch",
				"Dari",
				"Paschtu",
				"Zentralkurdisch",
				"Kurmandschi",
				"Tigrinya",
				"Ukrainisch",
				"Englisch",
			],
		)
		self.assertEqual(language_name("ar", "ar"), "العربية")
		self.assertEqual(language_name("ti", "en"), "Tigrinya")
		self.assertEqual(language_name("kmr", "tr"), "Kurmanji", "our own entries fall back to English")
		self.assertEqual(language_name("xx", "de"), "xx")
		self.assertEqual(language_name(None), "")

	def test_own_entries_only_where_cldr_lacks_or_misreads_the_language(self) -> None:
		self.assertIsNone(cldr_locale("prs"))
		self.assertEqual(str(cldr_locale("kmr")), "ku_TR", "CLDR reads Kurmanji as Kurdish of Turkey")
		self.assertEqual(set(OWN_LANGUAGES), {"prs", "kmr"})
