"""Languages the households speak, and which of them are written right to left.

One place for Python, Jinja and JavaScript: mails, the portal and the desk all ask this module.
Frappe decides right-to-left with a fixed list (`frappe.utils.jinja_globals.is_rtl`: ar, he, fa,
ps) that lacks Sorani Kurdish (ckb) and Dari (prs), and its website base template never sets `dir` on
`<html>`: `website_context` (hook `update_website_context`) does that for Frappe's own pages (login,
403, 404).

Frappe's Language list (frappe/geo/languages.json) lacks Sorani (ckb), Kurmanji (kmr), Tigrinya (ti)
and Dari; `ensure_languages` adds them on install and migrate. Dari is `prs` (ISO 639-3), not
`fa-AF`: Frappe knows neither, and a region variant would make Frappe pour Farsi into Dari where a
string is missing, while this app (`base_language`) treats `fa-AF` as `fa` for right-to-left, the
house rules' translations and the tenant form's choice — Dari would be indistinguishable from Farsi.
"""

import frappe
from frappe import _

DEFAULT_LANGUAGE = "de"  # the cooperative's language, and the fallback of every mail

BRIDGE_LANGUAGE = "en"  # written beside German when a reader's language has no translation

# Languages written right to left that households of the cooperatives speak (and Frappe's own).
RTL_LANGUAGES = frozenset({"ar", "fa", "prs", "ckb", "he", "ps", "ur"})

# The tenant form offers these, each named in its own language so a reader finds theirs. The portal
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


def is_rtl(lang: str | None = None) -> bool:
	return base_language(lang or current_language()) in RTL_LANGUAGES


def text_direction(lang: str | None = None) -> str:
	return "rtl" if is_rtl(lang) else "ltr"


def label_of_language(code: str | None) -> str:
	if not code:
		return ""
	return TENANT_FORM_LANGUAGES.get(code) or _(
		frappe.db.get_value("Language", code, "language_name") or code
	)


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
