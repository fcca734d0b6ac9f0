"""Languages named for the reader (“Arabisch” on a German page), from Babel's CLDR data.

CLDR lacks Dari (prs) and Kurmanji (kmr), and cannot display in them: those fall back to their
macrolanguage (Persian, Kurdish) as CLDR knows it.
"""

from babel import Locale, UnknownLocaleError

from mitmenschen.language import base_language, current_language

# languages CLDR does not know, as the locale it does know
CLDR_ALIAS = {"prs": "fa_AF", "kmr": "ku"}
# names CLDR has none for, in the languages partners mostly read the portal in
MISSING_NAMES = {"de": {"prs": "Dari", "kmr": "Kurmandschi"}, "en": {"prs": "Dari", "kmr": "Kurmanji"}}


def display_locale(lang: str) -> Locale:
	try:
		return Locale.parse(CLDR_ALIAS.get(lang, lang))
	except (UnknownLocaleError, ValueError):
		return Locale.parse("de")


def reader_language_name(code: str, lang: str | None = None) -> str:
	"""`code`'s name in the reader's language (`lang`, else the current one); the code if unknown."""
	lang = base_language(lang or current_language())
	names = display_locale(lang).languages
	return (
		MISSING_NAMES.get(lang, {}).get(code)
		or names.get(code)
		or MISSING_NAMES["de"].get(code)
		or names.get(CLDR_ALIAS.get(code, code).split("_")[0])
		or code
	)
