"""Languages the households speak, and which of them are written right to left.

One place for Python, Jinja and JavaScript: mails, the portal and the desk all ask this module.
Frappe decides right-to-left with a fixed list (`frappe.utils.jinja_globals.is_rtl`: ar, he, fa,
ps) that lacks Sorani Kurdish (ckb), and its website base template never sets `dir` on `<html>`:
`website_context` (hook `update_website_context`) does that for Frappe's own pages (login, 403, 404).
"""

import frappe
from frappe import _

DEFAULT_LANGUAGE = "de"  # the cooperative's language, and the fallback of every mail

# Languages written right to left that households of the cooperatives speak (and Frappe's own).
RTL_LANGUAGES = frozenset({"ar", "fa", "ckb", "he", "ps", "ur"})

# The tenant form offers these, each named in its own language so a reader finds theirs.
TENANT_FORM_LANGUAGES: dict[str, str] = {
	"de": "Deutsch",
	"en": "English",
	"ar": "العربية",
	"fa": "فارسی",
	"uk": "Українська",
	"tr": "Türkçe",
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


def ensure_sorani_language() -> None:
	"""Frappe has no Language record for Sorani Kurdish (ckb); users and `?_lang=ckb` need one."""
	if not frappe.db.exists("Language", "ckb"):
		frappe.get_doc(
			{"doctype": "Language", "language_code": "ckb", "language_name": "کوردیی ناوەندی", "enabled": 1}
		).insert(ignore_permissions=True)
