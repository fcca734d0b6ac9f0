"""Languages the households speak, and which of them are written right to left.

One place for Python, Jinja and JavaScript: mails, the portal and the desk all ask this module.
Direction and names come from CLDR through Babel (installed with Frappe). Frappe decides
right-to-left with a fixed list (`frappe.utils.jinja_globals.is_rtl`: ar, he, fa, ps) that lacks
Sorani Kurdish (ckb) and Dari (prs), and its website base template never sets `dir` on `<html>`:
`website_context` (hook `update_website_context`) does that for Frappe's own pages (login, 403, 404).

Frappe's Language list (frappe/geo/languages.json) lacks Sorani (ckb), Kurmanji (kmr), Tigrinya (ti)
and Dari; `ensure_languages` adds them on install and migrate. Dari is `prs` (ISO 639-3), not
`fa-AF`: Frappe knows neither, and a region variant would make Frappe pour Farsi into Dari where a
string is missing, while this app (`base_language`) treats `fa-AF` as `fa` for right-to-left, the
house rules' translations and the tenant form's choice — Dari would be indistinguishable from Farsi.
"""

from functools import cache
from typing import NamedTuple

import frappe
from babel import Locale
from babel.core import UnknownLocaleError
from frappe import _

DEFAULT_LANGUAGE = "de"  # the cooperative's language, and the fallback of every mail

BRIDGE_LANGUAGE = "en"  # written beside German when a reader's language has no translation


class OwnLanguage(NamedTuple):
	rtl: bool
	names: dict[str, str]  # the language's name in German and in English


# Direction and names come from CLDR through Babel (ar, fa, ps, ckb, ti … and any language added
# later). Only where CLDR lacks a language or reads its code as another one do we say it ourselves:
OWN_LANGUAGES: dict[str, OwnLanguage] = {
	# Dari (ISO 639-3): CLDR has no `prs`, only `fa_AF` ("Persisch (Afghanistan)"); Arabic script
	"prs": OwnLanguage(rtl=True, names={"de": "Dari", "en": "Dari"}),
	# Kurmanji: CLDR reads `kmr` as `ku_TR` ("Kurdisch (Türkei)"), a country, not the language; Latin script
	"kmr": OwnLanguage(rtl=False, names={"de": "Kurmandschi", "en": "Kurmanji"}),
}

# The tenant form offers these, each named in its own language so a reader finds theirs (chosen by
# hand, not CLDR's: "کوردی (سۆرانی)" is what Sorani readers look for, and CLDR misnames Kurmanji). The portal
# and every mail to households, tenants and partners speak all of them (locale/<code>.po).
TENANT_FORM_LANGUAGES: dict[str, str] = {
	"de": "Deutsch",
	"en": "English",
	"ar": "العربية",
	"fa": "فارسی",
	"prs": "دری",
	"ps": "پښتو",
	"ckb": "کوردی (سۆرانی)",
	"kmr": "Kurdî (Kurmancî)",
	"ti": "ትግርኛ",
	"uk": "Українська",
	"ru": "Русский",
	"tr": "Türkçe",
}
PORTAL_LANGUAGES: tuple[str, ...] = tuple(TENANT_FORM_LANGUAGES)
# The portal languages other than the source (English) and German: translated for households.
HOUSEHOLD_LANGUAGES: tuple[str, ...] = tuple(
	code for code in PORTAL_LANGUAGES if code not in (DEFAULT_LANGUAGE, BRIDGE_LANGUAGE)
)

# Language records Frappe does not ship; each named in its own language (as Frappe names its own).
LANGUAGE_RECORDS: dict[str, str] = {
	"ckb": "کوردیی ناوەندی",  # Sorani (Central) Kurdish, Arabic script
	"kmr": "Kurmancî",  # Kurmanji (Northern) Kurdish, Latin script
	"ti": "ትግርኛ",  # Tigrinya, Ethiopic script
	"prs": "دری",  # Dari (Afghan Persian), Arabic script
}


def current_language() -> str:
	return frappe.local.lang or "en"


def base_language(lang: str | None) -> str:
	"""`ar-SA` -> `ar`: the direction belongs to the language, not the region."""
	return (lang or "en").split("-")[0].split("_")[0].lower()


@cache
def cldr_locale(code: str) -> Locale | None:
	"""Babel's locale of a Frappe language code (`pt-BR` -> pt_BR), or None where CLDR lacks it."""
	try:
		return Locale.parse(code.replace("-", "_"))
	except (UnknownLocaleError, ValueError):
		return None


def is_rtl(lang: str | None = None) -> bool:
	base = base_language(lang or current_language())
	if base in OWN_LANGUAGES:
		return OWN_LANGUAGES[base].rtl
	locale = cldr_locale(base)
	return bool(locale) and locale.character_order == "right-to-left"


def text_direction(lang: str | None = None) -> str:
	return "rtl" if is_rtl(lang) else "ltr"


def language_name(code: str | None, in_language: str | None = None) -> str:
	"""The name of language `code` in `in_language` (default: the current user's): "Arabisch" for a
	German clerk. Falls back to German names, then to the code."""
	if not code:
		return ""
	reader = base_language(in_language or current_language())
	own = OWN_LANGUAGES.get(base_language(code))
	if own:
		return own.names.get(reader) or own.names["en"]
	locale = cldr_locale(code)
	if not locale:
		return code
	return locale.get_display_name(cldr_locale(reader) or cldr_locale(DEFAULT_LANGUAGE)) or code


def label_of_language(code: str | None) -> str:
	"""What staff read for a language: its name in their language ("Tigrinya", "Zentralkurdisch")."""
	return language_name(code)


RTL_SCRIPT = '<script>document.documentElement.dir = "rtl";</script>'


def website_context(context: dict) -> None:
	"""Frappe's website pages set `lang` on `<html>` but never `dir`; for a right-to-left language a
	line in the head sets it before the body renders. Our portal pages set both in their template.
	`head_html` (Website Settings' head HTML), because pages such as /login replace `head_include`."""
	if is_rtl():
		context["head_html"] = (context.get("head_html") or "") + RTL_SCRIPT


def ensure_languages() -> None:
	"""The Language records Frappe lacks (LANGUAGE_RECORDS): users, households and `?_lang=` need them.
	Frappe serves a `locale/<code>.po` for any code that has a Language record."""
	for code, name in LANGUAGE_RECORDS.items():
		if not frappe.db.exists("Language", code):
			frappe.get_doc(
				{"doctype": "Language", "language_code": code, "language_name": name, "enabled": 1}
			).insert(ignore_permissions=True)


# ---- what a reader gets when the app does not speak their language ----------------------------


def portal_language(lang: str | None) -> str | None:
	"""The portal language a reader of `lang` gets (`ar-SA` -> `ar`), or None if the app lacks it."""
	if not lang:
		return None
	if lang in PORTAL_LANGUAGES:
		return lang
	base = base_language(lang)
	return base if base in PORTAL_LANGUAGES else None


def mail_languages(lang: str | None) -> list[str]:
	"""The languages a mail to a reader of `lang` is written in: their own when the app speaks it,
	else German with English beside it (never English alone, never nothing)."""
	own = portal_language(lang)
	return [own] if own else [DEFAULT_LANGUAGE, BRIDGE_LANGUAGE]


def translation_or_fallback(message: str, lang: str | None, context: str | None = None) -> str:
	"""`message` in `lang`; where that language has no translation of it, the German with the English
	beside it (“Deutsch / English”). Never an empty string."""
	lang = lang or DEFAULT_LANGUAGE
	translated = _(message, context=context, lang=lang)
	if base_language(lang) == BRIDGE_LANGUAGE or (translated and translated != message):
		return translated or message
	german = _(message, context=context, lang=DEFAULT_LANGUAGE) or message
	return german if german == message or base_language(lang) == DEFAULT_LANGUAGE else f"{german} / {message}"
